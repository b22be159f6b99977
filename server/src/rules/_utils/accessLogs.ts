/**
 * Access-log middleware (morgan, koa-morgan, express-winston, koa-logger) pointed at a file. The
 * scan also names every node such a setup owns, the middleware call and the streams and transports
 * it resolves to, so the other factor XI rules can leave them to `logs/no-access-log-file`.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node } from '../../engine/types';
import { findProperty, getCalleeName, getCalleeProperty, getMemberPath, resolveVariable, unwrapExpression } from './ast';
import { consoleTransportFix, isBound, isStandardStream, rotationSetup, winstonTransportName, type LoggerBindings } from './logging';
import { fsMethodOf } from './fs';

export type AccessLogger = 'morgan' | 'express-winston' | 'koa-logger';

export interface AccessLogSink {
  /** Where the file comes in: morgan's `stream` option, an express-winston file transport, a koa-logger write. */
  readonly at: Node;
  readonly middleware: AccessLogger;
  readonly fix?: FixSpec;
  readonly suggest?: FixSpec;
}

export interface AccessLogScan {
  readonly sinks: readonly AccessLogSink[];
  /** Access-logger calls, and the streams and transports they write through: only the access-log rule reports these. */
  readonly claimed: ReadonlySet<Node>;
}

const NO_ACCESS_LOGS: AccessLogScan = { sinks: [], claimed: new Set() };
const FS_FILE_WRITES = new Set(['appendFile', 'appendFileSync', 'writeFile', 'writeFileSync']);

/** Finds every access-log middleware call of the file and the file it writes to, if any. */
export function scanAccessLogs(source: SourceCode, bindings: LoggerBindings): AccessLogScan {
  if (!isBound(bindings.morgan) && !isBound(bindings.expressWinston) && !isBound(bindings.koaLogger)) return NO_ACCESS_LOGS;
  const sinks: AccessLogSink[] = [];
  const claimed = new Set<Node>();
  const claim = (node: Node) => claimed.add(node);
  walkSubtree(source.ast, (node) => {
    if (node.type !== 'CallExpression') return true;
    const middleware = accessLoggerOf(node, bindings);
    if (!middleware) return true;
    claim(node);
    if (middleware === 'morgan') sinks.push(...morganSinks(source, node, bindings, claim));
    else if (middleware === 'express-winston') sinks.push(...expressWinstonSinks(source, node, bindings, claim));
    else sinks.push(...koaLoggerSinks(source, node, bindings, claim));
    return false;
  });
  return { sinks, claimed };
}

/** Whether the node is, or sits inside, something an access-log setup owns. */
export function isClaimedByAccessLog(node: Node, scan: AccessLogScan): boolean {
  if (scan.claimed.size === 0) return false;
  for (let current: Node | undefined = node; current; current = current.parent) if (scan.claimed.has(current)) return true;
  return false;
}

function accessLoggerOf(call: TSESTree.CallExpression, bindings: LoggerBindings): AccessLogger | undefined {
  const path = getMemberPath(call.callee);
  if (!path) return undefined;
  const [head] = path;
  if (path.length === 1 && bindings.morgan.namespaces.has(head)) return 'morgan';
  if (path.length === 1 && bindings.koaLogger.namespaces.has(head)) return 'koa-logger';
  const viaNamespace = path.length === 2 && path[1] === 'logger' && bindings.expressWinston.namespaces.has(head);
  const viaNamed = path.length === 1 && bindings.expressWinston.named.get(head) === 'logger';
  return viaNamespace || viaNamed ? 'express-winston' : undefined;
}

/** `morgan('combined', { stream: fs.createWriteStream('access.log') })`, also through a variable or in one branch of a condition. */
function morganSinks(source: SourceCode, call: TSESTree.CallExpression, bindings: LoggerBindings, claim: (node: Node) => void): AccessLogSink[] {
  for (const argument of call.arguments) {
    const options = resolveVariable(source, argument);
    const stream = options.type === 'ObjectExpression' ? findProperty(options, 'stream') : undefined;
    if (!stream) continue;
    const value = resolveVariable(source, stream.value);
    // `stream: opts.logFile ? fs.createWriteStream(opts.logFile, { flags: 'a' }) : process.stdout`: a file when the option is set.
    const branches = value.type === 'ConditionalExpression' ? [value.consequent, value.alternate].map(unwrapExpression) : [value];
    const fileStream = branches.find((branch) => isFileStream(source, branch, bindings));
    if (!fileStream) return [];
    claim(fileStream);
    // Shorthand `{ stream }` has no separate value to replace.
    const change = stream.shorthand ? { range: stream.range, text: 'stream: process.stdout' } : { range: stream.value.range, text: 'process.stdout' };
    const toStdout: FixSpec = { title: 'Write access logs to stdout', changes: [{ type: 'replace', ...change }] };
    // Inline, the file stream goes away with the fix; through a variable the stream would still open its file, so a human decides.
    const inline = value === unwrapExpression(stream.value) && fileStream === value;
    return [inline ? { at: stream, middleware: 'morgan', fix: toStdout } : { at: stream, middleware: 'morgan', suggest: toStdout }];
  }
  return [];
}

/** `expressWinston.logger({ transports: [new winston.transports.File({ filename: 'access.log' })] })`. */
function expressWinstonSinks(source: SourceCode, call: TSESTree.CallExpression, bindings: LoggerBindings, claim: (node: Node) => void): AccessLogSink[] {
  const options = call.arguments[0] && resolveVariable(source, call.arguments[0]);
  const transports = options?.type === 'ObjectExpression' ? findProperty(options, 'transports') : undefined;
  const list = transports && resolveVariable(source, transports.value);
  if (list?.type !== 'ArrayExpression') return [];
  return list.elements.flatMap((element) => {
    const transport = element && element.type !== 'SpreadElement' ? resolveVariable(source, element) : undefined;
    if (transport?.type !== 'NewExpression' || !isFileTransport(source, transport, bindings)) return [];
    claim(transport);
    return [{ at: transport, middleware: 'express-winston' as const, fix: consoleTransportFix(source, transport) }];
  });
}

function isFileTransport(source: SourceCode, transport: TSESTree.NewExpression, bindings: LoggerBindings): boolean {
  const path = getMemberPath(transport.callee);
  const name = path && winstonTransportName(path, bindings);
  return name === 'File' || name === 'DailyRotateFile' || rotationSetup(source, transport, bindings) !== undefined;
}

/** `koaLogger((line) => accessLog.write(line))` or `koaLogger({ transporter: (line) => fs.appendFileSync('access.log', line) })`. */
function koaLoggerSinks(source: SourceCode, call: TSESTree.CallExpression, bindings: LoggerBindings, claim: (node: Node) => void): AccessLogSink[] {
  const argument = call.arguments[0] && resolveVariable(source, call.arguments[0]);
  const transporter = argument?.type === 'ObjectExpression' ? findProperty(argument, 'transporter')?.value : argument;
  const body = transporter && resolveVariable(source, transporter);
  if (body?.type !== 'ArrowFunctionExpression' && body?.type !== 'FunctionExpression') return [];
  let sink: AccessLogSink | undefined;
  walkSubtree(body.body, (node) => {
    if (!sink && node.type === 'CallExpression' && writesFile(source, node, bindings, claim)) sink = { at: node, middleware: 'koa-logger' };
    return !sink;
  });
  return sink ? [sink] : [];
}

/** `fs.appendFileSync(…)`, or `stream.write(…)` on a file stream (which is then claimed). */
function writesFile(source: SourceCode, call: TSESTree.CallExpression, bindings: LoggerBindings, claim: (node: Node) => void): boolean {
  if (FS_FILE_WRITES.has(fsMethodOf(getMemberPath(call.callee)) ?? '')) return true;
  const stream = writtenStream(source, call);
  if (!stream || !isFileStream(source, stream, bindings)) return false;
  claim(stream);
  return true;
}

/** The stream `x.write(…)` writes to, resolved to where it is created. */
function writtenStream(source: SourceCode, call: TSESTree.CallExpression): Node | undefined {
  if (getCalleeProperty(call) !== 'write' || call.callee.type !== 'MemberExpression') return undefined;
  return resolveVariable(source, call.callee.object);
}

/** `fs.createWriteStream(file)` (but not `/dev/stdout`) or a rotating stream. */
function isFileStream(source: SourceCode, node: Node, bindings: LoggerBindings): boolean {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return false;
  if (node.type === 'CallExpression' && /(?:^|\.)createWriteStream$/.test(getCalleeName(node) ?? '')) {
    return node.arguments.length > 0 && !isStandardStream(node.arguments[0]);
  }
  return rotationSetup(source, node, bindings) !== undefined;
}
