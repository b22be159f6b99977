/** Whether code copes with a failure itself: a `try` whose `catch` recovers, or a promise `.catch`. */
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getMemberName } from './ast';

function isFunction(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/**
 * True when a failure of `node` is tolerated: it sits in a `try` block whose `catch` does not
 * rethrow, or in a promise chain ending in `.catch(…)`, without crossing a function boundary.
 */
export function isFailureTolerated(node: Node): boolean {
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'MemberExpression' && parent.object === child && getMemberName(parent) === 'catch' && parent.parent?.type === 'CallExpression') return true;
    if (isFunction(parent)) return false;
    if (parent.type === 'TryStatement' && parent.block === child) return parent.handler !== null && !rethrows(parent.handler.body);
  }
  return false;
}

function rethrows(body: Node): boolean {
  let found = false;
  walkSubtree(body, (node) => {
    if (node.type === 'ThrowStatement') found = true;
    return !found && !isFunction(node);
  });
  return found;
}
