/**
 * Recognising HTTP request handlers (Express, Koa, Fastify, Next.js API routes, NestJS controller
 * methods, smtp-server's per-message callbacks and socket message handlers) and the request data they receive, so rules can tell per-request code from startup code.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getCalleeName, getCalleeProperty, getMemberPath, getPropertyName, getStaticString, isFunctionNode, isVariableReference, type FunctionNode } from './ast';

const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'use', 'route']);
const ROUTE_DECORATORS = /^(?:Get|Post|Put|Patch|Delete|All|Options|Head)$/;
const REQUEST_PARAM = /^(?:req|request)$/;
const RESPONSE_PARAM = /^(?:res|response|reply|h|next)$/;
/** What a request carries from the client: `req.body`, `req.query`, `ctx.request.body`… */
const REQUEST_FIELDS = new Set(['body', 'query', 'params', 'headers', 'cookies', 'signedCookies', 'file', 'files', 'ip', 'ips', 'user', 'auth', 'payload']);

function parameterName(parameter: Node | undefined): string | undefined {
  return parameter?.type === 'Identifier' ? parameter.name : undefined;
}

/** `(req, res) => …`, `function (request, reply)`, a callback given to `app.post('/path', …)`, a `@Post()` method. */
export function isRequestHandler(fn: FunctionNode): boolean {
  const [first, second] = fn.params.map(parameterName);
  if (first !== undefined && REQUEST_PARAM.test(first) && second !== undefined && RESPONSE_PARAM.test(second)) return true;
  return isRouteCallback(fn) || isControllerMethod(fn) || isMailHandler(fn) || isSocketMessageHandler(fn);
}

/** Events about the connection itself, not messages a client sends. */
const CONNECTION_EVENTS = new Set(['connect', 'connection', 'disconnect', 'disconnecting', 'close', 'error', 'end', 'open', 'reconnect', 'ping', 'pong']);

/** `socket.on('upload:auth', () => { … })`: runs once per message a client sends over socket.io or a WebSocket, like a request handler. */
function isSocketMessageHandler(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[1] !== fn || call.callee.type !== 'MemberExpression' || getCalleeProperty(call) !== 'on') return false;
  const event = getStaticString(call.arguments[0]);
  const receiver = getMemberPath(call.callee.object)?.at(-1) ?? '';
  return event !== undefined && !CONNECTION_EVENTS.has(event) && /^(?:socket|ws|websocket)$/i.test(receiver);
}

/** smtp-server's per-transaction callbacks. */
const MAIL_HANDLERS = new Set(['onData', 'onRcptTo', 'onMailFrom', 'onAuth', 'onConnect']);

/** `new SMTPServer({ onData(stream, session, callback) { … } })`: runs once per message, like a request handler. */
function isMailHandler(fn: FunctionNode): boolean {
  const property = fn.parent;
  if (property?.type !== 'Property' || property.value !== fn || !MAIL_HANDLERS.has(getPropertyName(property.key) ?? '')) return false;
  const creation = property.parent.parent;
  return creation?.type === 'NewExpression' && /(?:^|\.)SMTPServer$/.test(getCalleeName(creation) ?? '');
}

function isRouteCallback(fn: FunctionNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
  if (call.callee.type !== 'MemberExpression' || !ROUTE_METHODS.has(getCalleeProperty(call) ?? '')) return false;
  const path = call.arguments[0];
  return getStaticString(path) !== undefined || path?.type === 'TemplateLiteral' || (path?.type === 'Literal' && 'regex' in path);
}

function isControllerMethod(fn: FunctionNode): boolean {
  const method = fn.parent;
  if (method?.type !== 'MethodDefinition') return false;
  return method.decorators.some((decorator) => decorator.expression.type === 'CallExpression' && ROUTE_DECORATORS.test(getCalleeName(decorator.expression) ?? ''));
}

/** The nearest request handler around a node (callbacks inside a handler belong to it). */
export function enclosingRequestHandler(node: Node): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (isFunctionNode(current) && isRequestHandler(current)) return current;
  }
  return undefined;
}

/**
 * Whether an expression carries data the client sent: `req.body`, `{ ...req.body }`,
 * `ctx.request.body.title`, or a `const` of the handler that holds such data (`const { title } = req.body`).
 * What a function computes from request data (`render(req.params.id)`) is a derived value, not the data.
 */
export function readsRequestData(expression: Node, handler: FunctionNode): boolean {
  const request = parameterName(handler.params[0]);
  return request !== undefined && carriesRequestData(expression, request);
}

function carriesRequestData(expression: Node, request: string): boolean {
  let found = false;
  walkSubtree(expression, (node) => {
    if (found || isFunctionNode(node)) return false;
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      // `req.body.trim()` still carries the data; `compute(req.params.id)` does not.
      found = node.callee.type === 'MemberExpression' && carriesRequestData(node.callee.object, request);
      return false;
    }
    if (node.type === 'MemberExpression' && isRequestField(getMemberPath(node), request)) found = true;
    else if (node.type === 'Identifier' && isVariableReference(node)) found = isBoundFromRequest(node, request);
    return !found;
  });
  return found;
}

function isRequestField(path: readonly string[] | undefined, request: string): boolean {
  if (!path || path[0] !== request) return false;
  return REQUEST_FIELDS.has(path[1]) || (path[1] === 'request' && REQUEST_FIELDS.has(path[2]));
}

/** `const { title } = req.body` or `const input = req.body.todo`, declared in the handler. */
function isBoundFromRequest(identifier: TSESTree.Identifier, request: string): boolean {
  for (let scope: Node | undefined = identifier.parent; scope; scope = scope.parent) {
    if (scope.type !== 'BlockStatement') continue;
    for (const statement of scope.body) {
      if (statement.type !== 'VariableDeclaration') continue;
      for (const declarator of statement.declarations) {
        if (!declarator.init || !bindsName(declarator.id, identifier.name)) continue;
        const init = declarator.init.type === 'AwaitExpression' ? declarator.init.argument : declarator.init;
        const destructuresRequest = declarator.id.type === 'ObjectPattern' && getMemberPath(init)?.join('.') === (init.type === 'Identifier' ? request : `${request}.request`);
        return destructuresRequest || (init.type !== 'Identifier' && carriesRequestData(init, request));
      }
    }
  }
  return false;
}

function bindsName(pattern: Node, name: string): boolean {
  if (pattern.type === 'Identifier') return pattern.name === name;
  if (pattern.type === 'ObjectPattern') return pattern.properties.some((property) => bindsName(property.type === 'RestElement' ? property.argument : property.value, name));
  if (pattern.type === 'ArrayPattern') return pattern.elements.some((element) => element !== null && bindsName(element, name));
  if (pattern.type === 'AssignmentPattern') return bindsName(pattern.left, name);
  return false;
}
