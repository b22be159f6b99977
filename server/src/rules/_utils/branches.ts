/** Code that only runs in some environments: a branch of a condition that tests the environment's name. */
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { environmentCheckOf } from './environment';

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
