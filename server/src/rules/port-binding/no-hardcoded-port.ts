/**
 * Factor VII: the platform decides which port a process serves on and says so in the
 * environment. A port fixed in code collides when two processes share a host and cannot
 * follow the router, so a literal is only acceptable as the default of an environment read.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { enclosingFunction, findProperty, getCalleeProperty, getMemberPath, getStaticString, resolveConst } from '../_utils/ast';
import { inDevelopmentOnlyBranch } from '../_utils/branches';
import { isEnvDefault, readsEnvironment } from '../_utils/env';
import { LISTENER_METHODS } from '../_utils/events';
import { listenArguments, portLiteral, serverFactoryOptions } from '../_utils/servers';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'hardcodedPort' | 'portHunting';

export default defineRule<MessageId>({
  id: 'port-binding/no-hardcoded-port',
  severity: 'warning',
  description: 'Servers that listen on a port written in code instead of the one the environment gives, or that move to the next port when theirs is taken.',
  fixable: true,
  triggers: /\.listen\s*\(|\bport\s*:|port\s*(?:\+\s*1\b|\+=\s*1\b|\+\+)/i,
  messages: {
    hardcodedPort:
      'The server always binds to port {{port}}. The platform assigns the port through the environment; read process.env.PORT (keeping {{port}} only as the local default).',
    portHunting:
      'When its port is taken, the server tries the next one instead of failing. The platform routes traffic to the port it assigned, so the process ends up listening where nothing reaches it, and the clash goes unnoticed: exit with an error and let the platform restart or move it.',
  },
  create(context) {
    // Developer scripts, tool configuration and browser bundles never run in a deploy's server.
    if (isDevOnlyFile(context.project, context.source.path) || isBrowserFile(context.project.root, context.source.path, context.source.text)) return {};
    return {
      CallExpression: (node) => {
        checkListen(context, node as TSESTree.CallExpression);
        if ((node as TSESTree.CallExpression).arguments.some(isNextPort)) checkPortHunting(context, node);
      },
      NewExpression: (node) => checkServerOptions(context, node as TSESTree.NewExpression),
      AssignmentExpression: (node) => {
        const assignment = node as TSESTree.AssignmentExpression;
        if (isPortName(assignment.left) && ((assignment.operator === '+=' && isOne(assignment.right)) || (assignment.operator === '=' && isNextPort(assignment.right)))) checkPortHunting(context, node);
      },
      UpdateExpression: (node) => {
        const update = node as TSESTree.UpdateExpression;
        if (update.operator === '++' && isPortName(update.argument)) checkPortHunting(context, node);
      },
    };
  },
});

function checkListen(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression): void {
  const listen = listenArguments(call);
  if (!listen) return checkServerOptions(context, call);
  const port = listen.port && portOfOptions(context.source, listen.port);
  if (port) checkPortValue(context, port);
}

/** `const httpsListenArgs = { ...listenArgs, port: 443 }; server.listen(httpsListenArgs)`: the port of options kept in a variable. */
function portOfOptions(source: SourceCode, value: Node): Node | undefined {
  const resolved = resolveConst(source, value);
  return resolved.type === 'ObjectExpression' ? (findProperty(resolved, 'port')?.value as Node | undefined) : value;
}

/** `Hapi.server({ port: 3000 })` and `new Hapi.Server({ port: 3000 })`. */
function checkServerOptions(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const options = serverFactoryOptions(context.source, call);
  const port = options && findProperty(options, 'port');
  if (port) checkPortValue(context, port.value as Node);
}

/** Reports a port that resolves to a literal; the literal is where the fix goes, even in a `const` elsewhere. */
function checkPortValue(context: FileRuleContext<MessageId>, value: Node): void {
  const { source } = context;
  if (readsEnvironment(source, value)) return;
  const literal = resolveConst(source, value);
  const port = portLiteral(literal);
  if (port === undefined || port === 0 || isEnvDefault(source, literal) || inDevelopmentOnlyBranch(source, value)) return;
  context.report({
    at: value,
    messageId: 'hardcodedPort',
    data: { port: String(port) },
    fix: { title: 'Read the port from process.env.PORT', changes: [{ type: 'replace', range: literal.range, text: `Number(process.env.PORT) || ${port}` }] },
  });
}

/**
 * `server.on('error', () => CheckListenPort(port + 1, addr))`, `onError(() => { this.port += 1; this.restartServer(); })`:
 * a port moved on in the function that handles a failed listen.
 */
function checkPortHunting(context: FileRuleContext<MessageId>, node: Node): void {
  const handler = enclosingFunction(node);
  if (handler && isErrorHandler(handler) && !inDevelopmentOnlyBranch(context.source, node)) context.report({ at: node, messageId: 'portHunting' });
}

function isErrorHandler(fn: Node): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  const method = getCalleeProperty(call) ?? '';
  return /^onError$/i.test(method) || (LISTENER_METHODS.has(method) && getStaticString(call.arguments[0]) === 'error');
}

/** `port`, `this.port`, `options.waitResults.port`, `httpPort`. */
function isPortName(node: Node): boolean {
  return /^(?:port|\w+Port)$/.test(getMemberPath(node)?.at(-1) ?? '');
}

/** `port + 1`. */
function isNextPort(node: Node): boolean {
  return node.type === 'BinaryExpression' && node.operator === '+' && isPortName(node.left) && isOne(node.right);
}

function isOne(node: Node): boolean {
  return node.type === 'Literal' && node.value === 1;
}
