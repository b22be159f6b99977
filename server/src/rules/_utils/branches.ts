/**
 * Code and settings that do not run everywhere: a branch of a condition that tests the
 * environment's name, and settings blocks that are switched off.
 */
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { getMemberPath, getPropertyName, insideIf, isFunctionNode, isNullish } from './ast';
import { walkSubtree } from '../../engine/traverse';
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
 * check holds (`if (NODE_ENV === 'development')`, `isDev ? … :`), when a production check
 * fails (`if (NODE_ENV !== 'production')`, the `else` of `if (isProduction)`), or code after
 * `if (isProduction) return;` in the same block.
 */
export function inDevelopmentOnlyBranch(source: SourceCode, node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === 'BlockStatement' || parent.type === 'Program') && afterProductionExit(source, parent, child)) return true;
    if ((parent.type !== 'ConditionalExpression' && parent.type !== 'IfStatement') || parent.test === child) continue;
    const check = polarCheck(source, parent.test);
    if (!check) continue;
    const holds = (parent.consequent === child) === check.positive;
    const kinds = [...check.kinds];
    if (holds ? kinds.every((kind) => kind === 'development' || kind === 'test') : kinds.every((kind) => kind === 'production')) return true;
  }
  return false;
}

/** `if (NODE_ENV === 'production') return;` earlier in the same block: what follows runs only outside production. */
function afterProductionExit(source: SourceCode, block: TSESTree.BlockStatement | TSESTree.Program, statement: Node): boolean {
  // Asked for every node below the block: where its first such exit ends is worked out once.
  let exitEnd = productionExitEnds.get(block);
  if (exitEnd === undefined) {
    exitEnd = (block.body as readonly Node[]).find((earlier) => isProductionExit(source, earlier))?.range[1] ?? -1;
    productionExitEnds.set(block, exitEnd);
  }
  return exitEnd >= 0 && statement.range[0] >= exitEnd;
}

const productionExitEnds = new WeakMap<Node, number>();

function isProductionExit(source: SourceCode, statement: Node): boolean {
  if (statement.type !== 'IfStatement' || statement.alternate || !exits(statement.consequent)) return false;
  const check = polarCheck(source, statement.test);
  return check !== undefined && check.positive && [...check.kinds].every((kind) => kind === 'production');
}

function exits(statement: Node): boolean {
  const only = statement.type === 'BlockStatement' && statement.body.length === 1 ? statement.body[0] : statement;
  return only.type === 'ReturnStatement' || only.type === 'ThrowStatement';
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

/** Keys that switch a settings block on or off. */
const SWITCH_KEY = /^(?:enable|enabled|active|activated|use|on)$/i;
/** How far up a value may sit below the switch of its block: `ldap.tlsOptions.ca` under `ldap.enable`. */
const MAX_BLOCK_DEPTH = 3;

/**
 * True when `node` is a value inside a settings block that ships switched off
 * (`ldap: { enable: false, url: 'ldaps://example.com', rootPassword: '1234' }`): an example to fill
 * in, not a setting in use.
 */
export function inDisabledBlock(node: Node): boolean {
  let depth = 0;
  for (let parent = node.parent; parent && depth < MAX_BLOCK_DEPTH; parent = parent.parent) {
    if (parent.type !== 'ObjectExpression') continue;
    depth++;
    const disabled = parent.properties.some(
      (property) => property.type === 'Property' && SWITCH_KEY.test(getPropertyName(property.key) ?? '') && property.value.type === 'Literal' && property.value.value === false,
    );
    if (disabled) return true;
  }
  return false;
}

/** A desktop OS: a service is deployed to Linux, so code for these runs on developers' machines. */
const DESKTOP_PLATFORM = /(?:\bprocess\.platform|\bplatform\(\))\s*===?\s*['"`](?:darwin|win32)['"`]/;
const DESKTOP_PLATFORM_FLAG = /^(?:is|on)?(?:mac|macos|osx|darwin|windows|win32)$/i;
/** `/^win/.test(process.platform)`, `/darwin/.test(platform)`, `process.platform.startsWith('win')`. */
const DESKTOP_PLATFORM_CALL = /^\/\^?(?:win(?:32)?|darwin|mac)\/\w*\.test\(\s*[\w.]*platform\s*\)$|platform\.startsWith\(\s*['"`](?:win|darwin)/i;

/**
 * True when `node` sits in the branch taken only on macOS or Windows (`if (process.platform === 'darwin')`,
 * `isWindows ? … : …`, a `const` holding such a test and more). What runs there, such as `osascript`,
 * is never asked of the production host.
 */
export function inDesktopPlatformBranch(source: SourceCode, node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if ((parent.type === 'IfStatement' || parent.type === 'ConditionalExpression') && parent.consequent === child && requiresDesktopPlatform(source, parent.test)) return true;
  }
  return false;
}

/**
 * A test that holds only on a desktop OS: the platform check itself (`process.platform === 'win32'`, `os.platform() == 'win32'`),
 * or one of the `&&` conditions it requires.
 */
export function requiresDesktopPlatform(source: SourceCode, test: Node, depth = 0): boolean {
  if (test.type === 'LogicalExpression') return test.operator === '&&' && (requiresDesktopPlatform(source, test.left, depth) || requiresDesktopPlatform(source, test.right, depth));
  if (test.type === 'BinaryExpression') return DESKTOP_PLATFORM.test(source.getText(test));
  if (test.type === 'CallExpression') return DESKTOP_PLATFORM_CALL.test(source.getText(test));
  if (test.type !== 'Identifier') return false;
  const initializer = depth < 3 ? initializerOf(source, test) : undefined;
  return DESKTOP_PLATFORM_FLAG.test(test.name) || (initializer !== undefined && requiresDesktopPlatform(source, initializer, depth + 1));
}

/**
 * The `if`s of the function (or module) `node` is in whose branch taken when the test holds contains it, innermost first;
 * with `throughFunctions`, also those around the functions it is in.
 */
export function guardingIfs(node: Node, throughFunctions = false): TSESTree.IfStatement[] {
  const guards: TSESTree.IfStatement[] = [];
  for (let child: Node = node, parent: Node | undefined = node.parent; parent && (throughFunctions || !isFunctionNode(parent)); child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && parent.consequent === child) guards.push(parent);
  }
  return guards;
}

/**
 * How the program gives `path` a value (`sessionConfig.store`, `redisStore.store`, `store`): never,
 * only inside `if`s (`if (route.redisUrl) redisStore.store = new RedisStore(…)`, unset unless someone
 * configured it), or on the way every run takes, which declaring a variable with a value also is.
 */
export function howAssigned(source: SourceCode, path: string): 'never' | 'conditionally' | 'always' {
  let assigned = false;
  let always = false;
  walkSubtree(source.ast, (node) => {
    if (node.type === 'AssignmentExpression' && getMemberPath(node.left)?.join('.') === path) {
      assigned = true;
      always ||= !insideIf(node);
    } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === path && node.init && !isNullish(node.init)) {
      always = true;
    }
    return !always;
  });
  return always ? 'always' : assigned ? 'conditionally' : 'never';
}
