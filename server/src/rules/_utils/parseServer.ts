/**
 * Parse Server, embedded in an app: `new ParseServer({ … })`. Some of its defaults break the
 * factors unless the app's options turn them off: daily log files under `./logs`, and LiveQuery's
 * in-process pub/sub.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { findProperty, getCalleeProperty, getMemberName, resolveConst, unwrapExpression } from './ast';
import { bindingsByLocalName, type ModuleBinding } from './imports';

export type ParseServerBindings = ReadonlyMap<string, ModuleBinding>;

export function findParseServerBindings(program: TSESTree.Program): ParseServerBindings {
  return bindingsByLocalName(program, (module) => module === 'parse-server');
}

/** `ParseServer` bound to the module's class: `require('parse-server').ParseServer`, `import { ParseServer }`, `import ParseServer`. */
function isParseServerClass(node: Node, bindings: ParseServerBindings): boolean {
  const callee = unwrapExpression(node);
  if (callee.type === 'Identifier') {
    const binding = bindings.get(callee.name);
    return binding !== undefined && (binding.exported === undefined || binding.exported === 'ParseServer' || binding.exported === 'default');
  }
  // `new parse.ParseServer(…)` with `const parse = require('parse-server')`.
  return callee.type === 'MemberExpression' && getMemberName(callee) === 'ParseServer' && callee.object.type === 'Identifier' && bindings.get(callee.object.name)?.exported === undefined;
}

/** The options object literal of `new ParseServer({ … })` or `ParseServer.startApp({ … })`, when the app writes it out (no spread). */
export function parseServerOptions(source: SourceCode, node: TSESTree.NewExpression | TSESTree.CallExpression, bindings: ParseServerBindings): TSESTree.ObjectExpression | undefined {
  if (bindings.size === 0) return undefined;
  const made =
    node.type === 'NewExpression' ? isParseServerClass(node.callee, bindings)
    : node.callee.type === 'MemberExpression' && getCalleeProperty(node) === 'startApp' && isParseServerClass(node.callee.object, bindings);
  return made ? writtenOut(source, node.arguments[0] as Node | undefined) : undefined;
}

/**
 * `ParseServer.createLiveQueryServer(httpServer)`, or with a config object that names no `redisURL`:
 * the LiveQuery server subscribes through Parse Server's in-process pub/sub.
 */
export function inProcessLiveQuery(source: SourceCode, node: TSESTree.CallExpression, bindings: ParseServerBindings): boolean {
  if (bindings.size === 0 || node.callee.type !== 'MemberExpression' || getCalleeProperty(node) !== 'createLiveQueryServer' || !isParseServerClass(node.callee.object, bindings)) return false;
  const config = node.arguments[1] as Node | undefined;
  if (!config) return true;
  const options = writtenOut(source, config);
  return options !== undefined && !findProperty(options, 'redisURL');
}

function writtenOut(source: SourceCode, argument: Node | undefined): TSESTree.ObjectExpression | undefined {
  const options = argument && resolveConst(source, argument);
  return options?.type === 'ObjectExpression' && options.properties.every((property) => property.type === 'Property') ? options : undefined;
}
