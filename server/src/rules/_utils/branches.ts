/** Code that only runs in some environments: a branch of a condition that tests the environment's name. */
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { environmentCheckOf, initializerOf, type EnvironmentKind } from './environment';

/**
 * True when `node` sits in a branch (not the test) of an `if` or `?:` whose condition tests the
 * environment (`NODE_ENV === 'production' ? … : …`, `if (isDev) …`), looking no higher than `stop`.
 * Such code is chosen per environment, so what it does is not the shipped behaviour everywhere.
 */
export function inEnvironmentBranch(source: SourceCode, node: Node, stop?: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent && child !== stop; child = parent, parent = parent.parent) {
    if ((parent.type === 'ConditionalExpression' || parent.type === 'IfStatement') && parent.test !== child && environmentCheckOf(source, parent.test) !== undefined) return true;
  }
  return false;
}

/**
 * True when `node` only runs outside production: the branch taken when a development or test
 * check holds (`if (NODE_ENV === 'development')`, `isDev ? … :`), or when a production check
 * fails (`if (NODE_ENV !== 'production')`, the `else` of `if (isProduction)`).
 */
export function inDevelopmentOnlyBranch(source: SourceCode, node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type !== 'ConditionalExpression' && parent.type !== 'IfStatement') || parent.test === child) continue;
    const check = polarCheck(source, parent.test);
    if (!check) continue;
    const holds = (parent.consequent === child) === check.positive;
    const kinds = [...check.kinds];
    if (holds ? kinds.every((kind) => kind === 'development' || kind === 'test') : kinds.every((kind) => kind === 'production')) return true;
  }
  return false;
}

/** The environments a simple condition names, and whether it holds when the environment is one of them. */
function polarCheck(source: SourceCode, test: Node): { kinds: ReadonlySet<EnvironmentKind>; positive: boolean } | undefined {
  if (test.type === 'UnaryExpression' && test.operator === '!') {
    const inner = polarCheck(source, test.argument);
    return inner && { kinds: inner.kinds, positive: !inner.positive };
  }
  if (test.type === 'LogicalExpression') return undefined;
  // `const local = NODE_ENV !== 'production'`: the polarity is in the initialiser.
  const init = test.type === 'Identifier' ? initializerOf(source, test) : undefined;
  const resolved = init && polarCheck(source, init);
  if (resolved) return resolved;
  const kinds = environmentCheckOf(source, test);
  if (!kinds || kinds.size === 0) return undefined;
  return { kinds, positive: !(test.type === 'BinaryExpression' && test.operator.startsWith('!')) };
}
