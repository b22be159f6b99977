import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import {
  findProperty, getCalleeName, getCalleeProperty, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, resolveConst, resolveValue, unwrapExpression,
} from './ast';
import { getEnvReadName, isEnvDefault, isEnvObject } from './env';

/** Modules that serve HTTP: a file that imports one and calls `.listen(…)` runs a web server. */
const HTTP_SERVER_MODULES = new Set([
  'express', 'koa', 'fastify', '@nestjs/core', '@hapi/hapi', 'hapi', 'restify', 'polka', 'connect', 'micro', 'hono', '@hono/node-server',
  'http', 'https', 'http2', 'node:http', 'node:https', 'node:http2', '@feathersjs/express', '@feathersjs/koa', 'loopback', '@loopback/rest',
  'sails', 'next', 'apollo-server', '@apollo/server', 'socket.io', 'ws', 'uWebSockets.js', 'h3', 'elysia', 'moleculer-web',
]);

export function isHttpServerModule(specifier: string): boolean {
  return HTTP_SERVER_MODULES.has(specifier);
}

/** What a `.listen(…)` call binds, as written: `listen(port, host, cb)`, `listen(port, cb)`, `listen({ port, host })`. */
export interface ListenArguments {
  readonly port?: Node;
  readonly host?: Node;
  /** The options object of `listen({ port, host })`. */
  readonly options?: TSESTree.ObjectExpression;
}

/**
 * The port and host of `x.listen(…)`, or of `x.start({ port, host })` (servers that take their address
 * when started, such as mockttp's admin server); undefined when the call binds nothing.
 */
export function listenArguments(call: TSESTree.CallExpression): ListenArguments | undefined {
  const method = getCalleeProperty(call);
  if ((method !== 'listen' && method !== 'start') || unwrapExpression(call.callee).type !== 'MemberExpression') return undefined;
  const [first, second] = call.arguments.map((argument) => unwrapExpression(argument));
  const startOptions = first?.type === 'ObjectExpression' && findProperty(first, 'port') !== undefined;
  if (method === 'start' && !startOptions) return undefined;
  if (!first || first.type === 'SpreadElement') return {};
  if (first.type === 'ObjectExpression') {
    return { options: first, port: findProperty(first, 'port')?.value as Node | undefined, host: findProperty(first, 'host')?.value as Node | undefined };
  }
  const host = second && second.type !== 'SpreadElement' && !isFunctionNode(second) ? second : undefined;
  return { port: first, host };
}

/** Server factories that take the address in an options object: hapi's `Hapi.server({ port, host })`. */
const OPTIONS_SERVER_FACTORIES = new Set(['Hapi.server', 'Hapi.Server', 'hapi.server', 'hapi.Server', 'server', 'Server']);

/** The options object of a hapi server factory call, in a file that loads hapi. */
export function serverFactoryOptions(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): TSESTree.ObjectExpression | undefined {
  const name = getCalleeName(call);
  if (!name || !OPTIONS_SERVER_FACTORIES.has(name) || !/hapi/i.test(source.text)) return undefined;
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  return options?.type === 'ObjectExpression' ? options : undefined;
}

/** A port number written as a literal: `3000` or `'3000'`. */
export function portLiteral(node: Node): number | undefined {
  if (node.type !== 'Literal') return undefined;
  const value = typeof node.value === 'string' && /^\d{1,5}$/.test(node.value) ? Number(node.value) : node.value;
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < 65536 ? value : undefined;
}

/** Where a port comes from: a literal, or an environment variable with the default used when it is unset. */
export type PortSetting = { readonly kind: 'literal'; readonly port: number } | { readonly kind: 'env'; readonly name: string; readonly fallback?: number };

/** Environment variables that hold a port: `PORT`, `HTTP_PORT`, `APP_PORT`. */
const PORT_VARIABLE = /PORT/i;

/**
 * Reads a listen port: `3000`, `process.env.PORT || 3000`, `normalizePort(process.env.PORT || '3000')`,
 * `const { PORT = 3000 } = process.env`, `app.get('port')` after `app.set('port', …)`, or `config.port`
 * of an object literal in the same file, following variables a few hops. Undefined when unknown.
 */
export function portSetting(source: SourceCode, node: Node, depth = 0): PortSetting | undefined {
  if (depth > 4) return undefined;
  const value = resolveValue(source, node);
  const literal = portLiteral(value);
  if (literal !== undefined) return isEnvDefault(source, value) ? undefined : { kind: 'literal', port: literal };
  const destructured = envDestructuring(source, value);
  if (destructured) return destructured;
  const followed = appSetting(source, value) ?? objectProperty(source, value);
  if (followed && followed !== value) return portSetting(source, followed, depth + 1);
  return envPort(source, value, depth);
}

/** `process.env.PORT || 3000` and the like, anywhere inside the expression (not inside functions). */
function envPort(source: SourceCode, expression: Node, depth: number): PortSetting | undefined {
  const names: string[] = [];
  const fallbacks: number[] = [];
  walkSubtree(expression, (node) => {
    if (isFunctionNode(node)) return false;
    const name = node.type === 'MemberExpression' ? getEnvReadName(source, node) : undefined;
    if (name !== undefined) {
      names.push(name);
      return false;
    }
    const port = portLiteral(node);
    if (port !== undefined && isEnvDefault(source, node)) fallbacks.push(port);
    if (node.type === 'Identifier' && node !== expression && isValuePosition(node)) {
      const inner = portSetting(source, node, depth + 1);
      if (inner?.kind === 'env') {
        names.push(inner.name);
        if (inner.fallback !== undefined) fallbacks.push(inner.fallback);
      }
    }
    return true;
  });
  const name = names.find((candidate) => PORT_VARIABLE.test(candidate));
  if (name === undefined) return undefined;
  return { kind: 'env', name, fallback: new Set(fallbacks).size === 1 ? fallbacks[0] : undefined };
}

function isValuePosition(identifier: TSESTree.Identifier): boolean {
  const parent = identifier.parent;
  if (parent?.type === 'CallExpression' || parent?.type === 'NewExpression') return parent.callee !== identifier;
  if (parent?.type === 'MemberExpression') return parent.object === identifier;
  if (parent?.type === 'Property') return parent.value === identifier;
  return true;
}

/** `app.get('port')` → the value of `app.set('port', value)` in the same file. */
function appSetting(source: SourceCode, value: Node): Node | undefined {
  if (value.type !== 'CallExpression' || getCalleeProperty(value) !== 'get' || value.callee.type !== 'MemberExpression') return undefined;
  const key = getStaticString(value.arguments[0]);
  const receiver = getMemberPath(value.callee.object)?.join('.');
  if (key === undefined || receiver === undefined) return undefined;
  let found: Node | undefined;
  walkSubtree(source.ast, (node) => {
    if (node.type === 'CallExpression' && getCalleeProperty(node) === 'set' && node.callee.type === 'MemberExpression' && getMemberPath(node.callee.object)?.join('.') === receiver && getStaticString(node.arguments[0]) === key) {
      found = node.arguments[1];
    }
    return found === undefined;
  });
  return found;
}

/** `config.port` where `const config = { port: … }` in the same file. */
function objectProperty(source: SourceCode, value: Node): Node | undefined {
  if (value.type !== 'MemberExpression') return undefined;
  const name = getMemberName(value);
  const object = resolveConst(source, value.object);
  if (name === undefined || object.type !== 'ObjectExpression') return undefined;
  return findProperty(object, name)?.value as Node | undefined;
}

/** `PORT` bound by `const { PORT = 3000 } = process.env` (or `{ PORT: port = 3000 }`). */
function envDestructuring(source: SourceCode, value: Node): PortSetting | undefined {
  if (value.type !== 'Identifier') return undefined;
  let found: PortSetting | undefined;
  walkSubtree(source.ast, (node) => {
    if (node.type !== 'VariableDeclarator' || node.id.type !== 'ObjectPattern' || !node.init || !isEnvObject(source, node.init)) return found === undefined;
    for (const property of node.id.properties) {
      if (property.type !== 'Property') continue;
      const bound = property.value.type === 'AssignmentPattern' ? property.value.left : property.value;
      const name = getPropertyName(property.key);
      if (bound.type !== 'Identifier' || bound.name !== value.name || name === undefined || !PORT_VARIABLE.test(name)) continue;
      const fallback = property.value.type === 'AssignmentPattern' ? portLiteral(property.value.right) : undefined;
      found = { kind: 'env', name, fallback };
    }
    return found === undefined;
  });
  return found;
}
