/**
 * Factor VII: the platform decides which port a process serves on and says so in the
 * environment. A port fixed in code collides when two processes share a host and cannot
 * follow the router, so a literal is only acceptable as the default of an environment read.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { findProperty, resolveConst } from '../_utils/ast';
import { inDevelopmentOnlyBranch } from '../_utils/branches';
import { isEnvDefault, readsEnvironment } from '../_utils/env';
import { listenArguments, portLiteral, serverFactoryOptions } from '../_utils/servers';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'hardcodedPort';

export default defineRule<MessageId>({
  id: 'port-binding/no-hardcoded-port',
  severity: 'warning',
  description: 'Servers that listen on a port written in code instead of the one the environment gives.',
  fixable: true,
  triggers: /\.listen\s*\(|\bport\s*:/,
  messages: {
    hardcodedPort:
      'The server always binds to port {{port}}. The platform assigns the port through the environment; read process.env.PORT (keeping {{port}} only as the local default).',
  },
  create(context) {
    // Developer scripts, tool configuration and browser bundles never run in a deploy's server.
    if (isDevOnlyFile(context.project, context.source.path) || isBrowserFile(context.project.root, context.source.path, context.source.text)) return {};
    return {
      CallExpression: (node) => checkListen(context, node as TSESTree.CallExpression),
      NewExpression: (node) => checkServerOptions(context, node as TSESTree.NewExpression),
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

