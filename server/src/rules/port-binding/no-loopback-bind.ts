/**
 * Factor VII: a twelve-factor app exports its service by binding to a port, and the platform's
 * router forwards requests to it from outside. A server bound to the loopback interface
 * (`127.0.0.1`, `localhost`, `::1`) accepts connections only from its own container or machine, so
 * the router cannot reach it. Fastify (and NestJS on Fastify) bind to localhost unless given a host.
 * A loopback default that the environment can override is fine.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { findProperty, getCalleeName, getStaticString, hasSpread, resolveValue, unwrapAwait, unwrapExpression } from '../_utils/ast';
import { inEnvironmentBranch } from '../_utils/branches';
import { isEnvDefault, readsEnvironment } from '../_utils/env';
import { isLoopbackHost } from '../_utils/hosts';
import { findModuleBindings, type ModuleBindings } from '../_utils/imports';
import { listenArguments, portLiteral, serverFactoryOptions, type ListenArguments } from '../_utils/servers';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'loopbackHost' | 'fastifyDefaultHost';

const ALL_INTERFACES = "process.env.HOST || '0.0.0.0'";

export default defineRule<MessageId>({
  id: 'port-binding/no-loopback-bind',
  severity: 'warning',
  description: 'Servers that bind only to the loopback interface (127.0.0.1, localhost, ::1), unreachable from outside their container.',
  fixable: true,
  hasSuggestions: true,
  triggers: (text) => /\.listen\s*\(|\bhost\s*:/.test(text) && /127\.\d+\.\d+\.\d+|localhost|::1|fastify/i.test(text),
  messages: {
    loopbackHost:
      'The server binds only to {{host}}, the loopback interface: nothing outside its own container or machine can connect, so the platform\'s router cannot reach it. Bind to all interfaces (0.0.0.0), or read the address from the environment.',
    fastifyDefaultHost:
      'Fastify listens on localhost unless it is given a host, so inside a container or on a platform this server is unreachable from outside. Pass a host read from the environment, defaulting to 0.0.0.0.',
  },
  create(context) {
    const { source, project } = context;
    if (isDevOnlyFile(project, source.path) || isBrowserFile(project.root, source.path, source.text)) return {};
    let fastify: ModuleBindings = { namespaces: new Set(), named: new Map() };
    return {
      Program: (node) => {
        fastify = findModuleBindings(node as TSESTree.Program, (module) => module === 'fastify');
      },
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        const listen = listenArguments(call);
        if (listen) checkListen(context, call, listen, fastify);
        else checkFactoryOptions(context, call);
      },
      NewExpression: (node) => checkFactoryOptions(context, node as TSESTree.NewExpression),
    };
  },
});

function checkListen(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression, listen: ListenArguments, fastify: ModuleBindings): void {
  // A loopback bind chosen for development only (`if (isDev) …`) is not what production runs.
  if ((listen.port && isEphemeralPort(context.source, listen.port)) || inEnvironmentBranch(context.source, call)) return;
  if (listen.host) {
    checkHost(context, listen.host);
    return;
  }
  if (listen.port && (!listen.options || !hasSpread(listen.options)) && isFastifyServer(context.source, (call.callee as TSESTree.MemberExpression).object, fastify)) {
    const suggest = addHostSuggestion(call, listen);
    context.report({ at: call, messageId: 'fastifyDefaultHost', suggest: suggest ? [suggest] : undefined });
  }
}

/** hapi's `Hapi.server({ port, host: 'localhost' })`. */
function checkFactoryOptions(context: FileRuleContext<MessageId>, call: TSESTree.CallExpression | TSESTree.NewExpression): void {
  const options = serverFactoryOptions(context.source, call);
  const host = options && findProperty(options, 'host')?.value;
  if (host) checkHost(context, host as Node);
}

/** Port 0 asks the OS for a free port: a helper server for this machine only (tests, OAuth callbacks), not the service. */
function isEphemeralPort(source: SourceCode, port: Node): boolean {
  return portLiteral(resolveValue(source, port)) === 0;
}

function checkHost(context: FileRuleContext<MessageId>, host: Node): void {
  const { source } = context;
  if (readsEnvironment(source, host)) return;
  const value = resolveValue(source, host);
  const address = getStaticString(value);
  if (address === undefined || !isLoopbackHost(address) || isEnvDefault(source, value)) return;
  // The fix keeps the address as the default and lets the environment override it; only a literal
  // written in the call is rewritten, since a shared constant may serve other purposes.
  const written = unwrapExpression(host);
  const fix: FixSpec | undefined = written === value
    ? { title: 'Let the HOST environment variable override the address', changes: [{ type: 'replace', range: written.range, text: `process.env.HOST || ${source.getText(written)}` }] }
    : undefined;
  const suggest: FixSpec[] | undefined = written === value
    ? [{ title: 'Bind to all interfaces unless HOST says otherwise', changes: [{ type: 'replace', range: written.range, text: ALL_INTERFACES }] }]
    : undefined;
  context.report({ at: host, messageId: 'loopbackHost', data: { host: address }, fix, suggest });
}

/** Created by `fastify()`/`Fastify()`/`require('fastify')()`, or NestJS on a `FastifyAdapter`, in this file. */
function isFastifyServer(source: SourceCode, receiver: Node, fastify: ModuleBindings): boolean {
  const created = unwrapAwait(resolveValue(source, receiver));
  if (created.type !== 'CallExpression') return false;
  const callee = unwrapExpression(created.callee);
  if (callee.type === 'CallExpression' && callee.callee.type === 'Identifier' && callee.callee.name === 'require') return getStaticString(callee.arguments[0]) === 'fastify';
  if (callee.type === 'Identifier') return fastify.namespaces.has(callee.name) || fastify.named.get(callee.name) === 'fastify' || fastify.named.get(callee.name) === 'default';
  return /(?:^|\.)NestFactory\.create$/.test(getCalleeName(created) ?? '') && created.arguments.some((argument) => argument.type === 'NewExpression' && getCalleeName(argument) === 'FastifyAdapter');
}

/** `listen({ port })` → `listen({ port, host: … })`; `listen(port, cb)` → `listen(port, host, cb)`. */
function addHostSuggestion(call: TSESTree.CallExpression, listen: ListenArguments): FixSpec | undefined {
  const title = 'Listen on all interfaces unless HOST says otherwise';
  if (listen.options) {
    const last = listen.options.properties[listen.options.properties.length - 1];
    return last ? { title, changes: [{ type: 'replace', range: [last.range[1], last.range[1]], text: `, host: ${ALL_INTERFACES}` }] } : undefined;
  }
  const port = call.arguments[0];
  return { title, changes: [{ type: 'replace', range: [port.range[1], port.range[1]], text: `, ${ALL_INTERFACES}` }] };
}
