/**
 * Factor IX: disposable processes are also robust against sudden death. After an uncaught
 * exception a Node process is in an unknown state (half-written responses, leaked handles,
 * broken invariants); the safe move is to crash and let the platform start a fresh one. A
 * `process.on('uncaughtException')` handler that only logs keeps the broken process serving
 * traffic. Handlers that log and then exit, rethrow or hand over to a shutdown routine are fine.
 * An `unhandledRejection` handler that logs is left alone: a promise nobody awaited failed, but
 * no code was cut off halfway, and services log these on purpose rather than crash.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { getCalleeName, getMemberPath, getStaticString, isFunctionNode, resolveFunction, unwrapExpression, type FunctionNode } from '../_utils/ast';
import { LISTENER_METHODS } from '../_utils/events';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'swallowedException';

const FATAL_EVENTS: Readonly<Record<string, MessageId>> = { uncaughtException: 'swallowedException' };
const REMOVE_METHODS = new Set(['off', 'removeListener']);
const TERMINATING_CALLS = new Set(['process.exit', 'process.abort', 'process.kill', 'process.reallyExit']);
/** Objects whose methods only record the error: loggers and error reporters. */
const LOGGER_OBJECT = /^(?:console|log|logger|_?logger|\w+Logger|LOG|winston|pino|bunyan|signale|consola|debug|Sentry|Raven|Bugsnag|bugsnag|rollbar|Rollbar|newrelic|airbrake|honeybadger|Honeybadger)$/;
/** Methods that end or stop something: such a call may well be the way out, so it is trusted. */
const STOPPING_METHOD = /exit|shutdown|terminate|kill|abort|close|stop|destroy|quit|restart|crash|die/i;
/** Plain functions that only log or format. */
const HARMLESS_FUNCTIONS = new Set(['debug', 'log', 'logError', 'String', 'Number', 'Boolean', 'JSON.stringify', 'util.inspect', 'util.format', 'inspect', 'format', 'Date.now']);

/** What a handler does about the process: ends it, only logs, or calls something that might end it. */
type Outcome = 'terminates' | 'swallows' | 'unknown';

interface FatalHandler {
  readonly call: TSESTree.CallExpression;
  readonly event: string;
  readonly outcome: Outcome;
}

export default defineRule<MessageId>({
  id: 'disposability/no-swallowed-fatal-errors',
  severity: 'warning',
  description: 'uncaughtException handlers that log and carry on instead of letting the process crash.',
  hasSuggestions: true,
  triggers: /uncaughtException/,
  messages: {
    swallowedException:
      'This uncaughtException handler never ends the process. After an uncaught exception the process is in an unknown state, yet it keeps serving requests: log the error, then exit (process.exit(1)) so the platform replaces it with a fresh process.',
  },
  create(context) {
    const { source, project } = context;
    if (isDevOnlyFile(project, source.path) || isBrowserFile(project.root, source.path, source.text)) return {};
    const handlers: FatalHandler[] = [];
    const removed = new Set<string>();
    return {
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        const handler = fatalHandler(source, call);
        if (handler) handlers.push(handler);
        const removal = removedHandler(source, call);
        if (removal) removed.add(removal);
      },
      'Program:exit': () => {
        for (const handler of handlers) {
          // A listener added for a moment and removed again (around a shutdown step) is not the process's policy.
          const key = removalKey(handler.event, handler.call.arguments[1]);
          if (key !== undefined && removed.has(key)) continue;
          // Node runs every listener: if another one for the same event may end the process, this one is not the problem.
          const othersMayEnd = handlers.some((other) => other !== handler && other.event === handler.event && other.outcome !== 'swallows');
          if (handler.outcome === 'swallows' && !othersMayEnd) report(context, handler);
        }
      },
    };
  },
});

function report(context: FileRuleContext<MessageId>, handler: FatalHandler): void {
  const { call, event } = handler;
  const suggestion = exitSuggestion(context.source, call.arguments[1]);
  context.report({ at: [call.range[0], call.arguments[0].range[1]], messageId: FATAL_EVENTS[event], suggest: suggestion ? [suggestion] : undefined });
}

/** `process.removeListener('uncaughtException', listener)` as `event:listener`. */
function removedHandler(source: SourceCode, call: TSESTree.CallExpression): string | undefined {
  const path = getMemberPath(call.callee);
  if (path?.length !== 2 || path[0] !== 'process' || !REMOVE_METHODS.has(path[1]) || !source.isGlobal(call.callee, 'process')) return undefined;
  const event = getStaticString(call.arguments[0]);
  return event !== undefined && call.arguments[1] ? removalKey(event, call.arguments[1]) : undefined;
}

/** Only a named listener can be removed again; inline functions have no key. */
function removalKey(event: string, handler: Node): string | undefined {
  const path = getMemberPath(unwrapExpression(handler));
  return path ? `${event}:${path.join('.')}` : undefined;
}

/** `process.on('uncaughtException', handler)` with `process` the global. */
function fatalHandler(source: SourceCode, call: TSESTree.CallExpression): FatalHandler | undefined {
  const path = getMemberPath(call.callee);
  if (path?.length !== 2 || path[0] !== 'process' || !LISTENER_METHODS.has(path[1]) || !source.isGlobal(call.callee, 'process')) return undefined;
  const event = getStaticString(call.arguments[0]);
  if (event === undefined || !Object.hasOwn(FATAL_EVENTS, event) || !call.arguments[1]) return undefined;
  return { call, event, outcome: handlerOutcome(source, call.arguments[1]) };
}

function handlerOutcome(source: SourceCode, argument: Node): Outcome {
  const fn = resolveFunction(source, argument);
  if (fn) return functionOutcome(source, fn, 0);
  // `process.on('uncaughtException', console.error)`
  const path = getMemberPath(unwrapExpression(argument));
  return path && isLoggingCall(path.join('.')) ? 'swallows' : 'unknown';
}

/**
 * Walks the whole function, callbacks included (`server.close(() => process.exit(1))` ends the
 * process). Any call that is neither logging nor a known way out makes the outcome unknown.
 */
function functionOutcome(source: SourceCode, fn: FunctionNode, depth: number): Outcome {
  let terminates = false;
  let unknown = false;
  const parameter = fn.params[0]?.type === 'Identifier' ? fn.params[0].name : undefined;
  walkSubtree(fn.body, (node) => {
    if (node.type === 'ThrowStatement') terminates = true;
    if (node.type !== 'CallExpression') return !terminates;
    const outcome = callOutcome(source, node, parameter, depth);
    if (outcome === 'terminates') terminates = true;
    if (outcome === 'unknown') unknown = true;
    return !terminates;
  });
  return terminates ? 'terminates' : unknown ? 'unknown' : 'swallows';
}

function callOutcome(source: SourceCode, call: TSESTree.CallExpression, parameter: string | undefined, depth: number): Outcome {
  const name = getCalleeName(call);
  if (name === undefined) return 'unknown';
  if (TERMINATING_CALLS.has(name)) return 'terminates';
  if (isLoggingCall(name) || HARMLESS_FUNCTIONS.has(name)) return 'swallows';
  // Methods of the error itself: `err.toString()`, `error.stack.split('\n')`.
  if (parameter !== undefined && name.startsWith(`${parameter}.`)) return 'swallows';
  const local = depth < 3 && call.callee.type === 'Identifier' ? resolveFunction(source, call.callee) : undefined;
  return local ? functionOutcome(source, local, depth + 1) : 'unknown';
}

function isLoggingCall(name: string): boolean {
  const segments = name.split('.');
  const method = segments.pop() ?? '';
  const object = segments.filter((segment) => segment !== 'this').pop();
  return object !== undefined && LOGGER_OBJECT.test(object) && !STOPPING_METHOD.test(method);
}

/** Adds `process.exit(1)` at the end of an inline handler, or wraps a logging function in one that exits. */
function exitSuggestion(source: SourceCode, argument: Node): FixSpec | undefined {
  const handler = unwrapExpression(argument);
  const title = 'Exit after logging, so the platform starts a fresh process';
  if (!isFunctionNode(handler)) {
    const text = source.getText(handler);
    return { title, changes: [{ type: 'replace', range: handler.range, text: `(error) => {\n${source.indentOf(handler)}  ${text}(error);\n${source.indentOf(handler)}  process.exit(1);\n${source.indentOf(handler)}}` }] };
  }
  const body = handler.body;
  if (body.type !== 'BlockStatement') {
    const indent = source.indentOf(handler);
    return { title, changes: [{ type: 'replace', range: body.range, text: `{\n${indent}  ${source.getText(body)};\n${indent}  process.exit(1);\n${indent}}` }] };
  }
  const last = body.body[body.body.length - 1];
  if (!last) return { title, changes: [{ type: 'replace', range: body.range, text: '{ process.exit(1); }' }] };
  const sameLine = source.lines.positionAt(last.range[0]).line === source.lines.positionAt(body.range[0]).line;
  return { title, changes: [{ type: 'replace', range: [last.range[1], last.range[1]], text: sameLine ? ' process.exit(1);' : `\n${source.indentOf(last)}process.exit(1);` }] };
}
