/** Whether code copes with a failure itself: a `try` whose `catch` recovers, a promise `.catch`, or a callback that checks its error. */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getMemberName, mentionsIdentifier } from './ast';

function isFunction(node: Node): boolean {
  return node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/**
 * True when a failure of `node` is tolerated: it sits in a `try` block whose `catch` does not
 * rethrow, or in a promise chain ending in `.catch(…)`, without crossing a function boundary; or
 * it is a call whose callback checks the error and carries on (`exec(cmd, (error, out) => { if (error) … })`).
 */
export function isFailureTolerated(node: Node): boolean {
  if (node.type === 'CallExpression' && callbackHandlesError(node.arguments.at(-1) as Node | undefined)) return true;
  let child: Node = node;
  for (let parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === 'MemberExpression' && parent.object === child && getMemberName(parent) === 'catch' && parent.parent?.type === 'CallExpression') return true;
    if (isFunction(parent)) return false;
    if (parent.type === 'TryStatement' && parent.block === child) return parent.handler !== null && !rethrows(parent.handler.body);
  }
  return false;
}

function callbackHandlesError(callback: Node | undefined): boolean {
  if (!callback || !isFunction(callback)) return false;
  const fn = callback as TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression;
  const error = fn.params[0];
  if (error?.type !== 'Identifier' || rethrows(fn.body)) return false;
  let checked = false;
  walkSubtree(fn.body, (child) => {
    const test = child.type === 'IfStatement' || child.type === 'ConditionalExpression' ? child.test : child.type === 'LogicalExpression' ? child.left : undefined;
    if (test && mentionsIdentifier(test, error.name)) checked = true;
    return !checked;
  });
  return checked;
}

function rethrows(body: Node): boolean {
  let found = false;
  walkSubtree(body, (node) => {
    if (node.type === 'ThrowStatement') found = true;
    return !found && !isFunction(node);
  });
  return found;
}
