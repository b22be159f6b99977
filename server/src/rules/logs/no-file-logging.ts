/**
 * Factor XI: logs are a stream of events on stdout. Where they are stored, how long and how they
 * are rotated is the platform's business. A log file on a container's disk disappears with the
 * container, fills its disk, and is invisible to the log router.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineRule, type FileRuleContext, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { findProperty, getCalleeName, getMemberPath, getPropertyName, getStaticString, resolveConst, unwrapExpression } from '../_utils/ast';
import { findModuleBindings, type ModuleBindings } from '../_utils/imports';

type MessageId = 'fileTransport' | 'rotatingFile' | 'fileDestination' | 'fileAppender' | 'fileStream';

/** winston transport options that still mean something on the console. */
const CONSOLE_OPTIONS = new Set(['level', 'format', 'handleExceptions', 'handleRejections', 'silent', 'stderrLevels', 'consoleWarnLevels', 'eol']);
const LOG4JS_FILE_APPENDERS = new Set(['file', 'dateFile', 'fileSync', 'multiFile']);
const PINO_FILE_TARGETS = new Set(['pino/file', 'pino-roll', 'pino-rotating-file', 'pino-rotating-file-stream']);
const ROTATING_MODULES = new Set(['winston-daily-rotate-file', 'rotating-file-stream', 'file-stream-rotator', 'logrotate-stream']);
const FS_WRITES = /^(?:fs\.|fs\.promises\.|fsp\.|fse\.|promises\.)?(?:appendFile|appendFileSync|createWriteStream)$/;

interface Bindings {
  readonly winston: ModuleBindings;
  readonly pino: ModuleBindings;
  readonly bunyan: ModuleBindings;
  readonly log4js: ModuleBindings;
  readonly morgan: ModuleBindings;
  readonly rotating: ModuleBindings;
}

export default defineRule<MessageId>({
  id: 'logs/no-file-logging',
  severity: 'warning',
  description: 'Application logs written to files instead of to stdout.',
  fixable: true,
  triggers: /winston|pino|bunyan|log4js|morgan|rotat|\.log['"`]/,
  messages: {
    fileTransport: 'This logger writes to a file. Logs are an event stream: write them to stdout and let the platform route, store and rotate them.',
    rotatingFile: 'The app rotates its own log files. Rotation and retention belong to the platform that collects the stdout stream, not to the process.',
    fileDestination: 'pino writes to a file here. Write to stdout (file descriptor 1) and let the platform collect the stream.',
    fileAppender: 'This log4js appender writes to a file. Use the stdout appender and let the platform store the stream.',
    fileStream: 'Log lines go to {{target}}. Files on the process disk vanish with it and never reach the log router: write to stdout.',
  },
  create(context) {
    let bindings: Bindings | undefined;
    const bound = () => bindings!;
    return {
      Program: (node) => {
        const program = node as TSESTree.Program;
        const find = (names: readonly string[]) => findModuleBindings(program, (module) => names.includes(module));
        bindings = {
          winston: find(['winston']),
          pino: find(['pino']),
          bunyan: find(['bunyan']),
          log4js: find(['log4js']),
          morgan: find(['morgan']),
          rotating: findModuleBindings(program, (module) => ROTATING_MODULES.has(module)),
        };
      },
      NewExpression: (node) => checkConstructor(context, node as TSESTree.NewExpression, bound()),
      CallExpression: (node) => checkCall(context, node as TSESTree.CallExpression, bound()),
      ObjectExpression: (node) => checkLoggerConfig(context, node as TSESTree.ObjectExpression, bound()),
    };
  },
});

/** `new winston.transports.File(...)`, `new transports.File(...)`, `new DailyRotateFile(...)`. */
function checkConstructor(context: FileRuleContext<MessageId>, node: TSESTree.NewExpression, bindings: Bindings): void {
  const path = getMemberPath(node.callee);
  if (!path) return;
  const [head] = path;
  const last = path[path.length - 1];
  const fromWinston = bindings.winston.namespaces.has(head) || bindings.winston.named.get(head) === 'transports';
  if (bindings.rotating.namespaces.has(head) || (fromWinston && last === 'DailyRotateFile')) {
    context.report({ at: node, messageId: 'rotatingFile' });
  } else if (fromWinston && last === 'File' && path.includes('transports')) {
    context.report({ at: node, messageId: 'fileTransport', fix: consoleTransportFix(context.source, node) });
  }
}

/** `new winston.transports.File({ filename, level })` → `new winston.transports.Console({ level })`. */
function consoleTransportFix(source: SourceCode, node: TSESTree.NewExpression): FixSpec | undefined {
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const options = node.arguments[0] && unwrapExpression(node.arguments[0]);
  if (node.arguments.length > 1 || (options && options.type !== 'ObjectExpression')) return undefined;
  const kept = options?.type === 'ObjectExpression' ? options.properties.filter((property) => property.type === 'SpreadElement' || CONSOLE_OPTIONS.has(getPropertyName(property.key) ?? '')) : [];
  const args = kept.length > 0 ? `{ ${kept.map((property) => source.getText(property)).join(', ')} }` : '';
  return {
    title: 'Log to the console instead of a file',
    changes: [{ type: 'replace', range: [callee.property.range[0], node.range[1]], text: `Console(${args})` }],
  };
}

function checkCall(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, bindings: Bindings): void {
  const path = getMemberPath(node.callee);
  const name = path?.join('.') ?? '';
  if (path && path.length === 2 && bindings.pino.namespaces.has(path[0]) && path[1] === 'destination') {
    checkPinoDestination(context, node);
  } else if (path?.length === 1 && bindings.morgan.namespaces.has(path[0])) {
    checkMorgan(context, node);
  } else if (FS_WRITES.test(name) && !isLoggerStreamOption(node)) {
    const target = node.arguments[0] && logFileTarget(context.source, node.arguments[0]);
    if (target) context.report({ at: node, messageId: 'fileStream', data: { target } });
  } else if (bindings.rotating.namespaces.has(path?.[0] ?? '') || [...bindings.rotating.named.keys()].includes(path?.[0] ?? '')) {
    context.report({ at: node, messageId: 'rotatingFile' });
  }
}

/** `pino.destination('./app.log')` → `pino.destination(1)`; fd 1 and 2 are stdout and stderr. */
function checkPinoDestination(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression): void {
  const [argument] = node.arguments;
  if (!argument || isStandardStream(argument)) return;
  const options = unwrapExpression(argument);
  const dest = options.type === 'ObjectExpression' ? findProperty(options, 'dest')?.value : argument;
  if (!dest || isStandardStream(dest as Node)) return;
  context.report({ at: node, messageId: 'fileDestination', fix: { title: 'Write pino logs to stdout', changes: [{ type: 'replace', range: (dest as Node).range, text: '1' }] } });
}

/** `morgan('combined', { stream: fs.createWriteStream('access.log') })` → `stream: process.stdout`. */
function checkMorgan(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression): void {
  const options = node.arguments[1] && unwrapExpression(node.arguments[1]);
  if (options?.type !== 'ObjectExpression') return;
  const stream = findProperty(options, 'stream');
  if (!stream || !isFileStream(context.source, stream.value as Node)) return;
  context.report({
    at: stream,
    messageId: 'fileStream',
    data: { target: 'an access log file' },
    fix: { title: 'Write access logs to stdout', changes: [{ type: 'replace', range: stream.value.range, text: 'process.stdout' }] },
  });
}

/** bunyan `streams: [{ path }]`, log4js `appenders: { x: { type: 'file' } }`, pino `{ target: 'pino/file' }`. */
function checkLoggerConfig(context: FileRuleContext<MessageId>, node: TSESTree.ObjectExpression, bindings: Bindings): void {
  const type = getStaticString(findProperty(node, 'type')?.value as Node | undefined);
  const target = getStaticString(findProperty(node, 'target')?.value as Node | undefined);
  const path = findProperty(node, 'path');
  if (target && PINO_FILE_TARGETS.has(target) && bindings.pino.namespaces.size > 0) {
    reportPinoTarget(context, node, target);
  } else if (type && LOG4JS_FILE_APPENDERS.has(type) && bindings.log4js.namespaces.size + bindings.log4js.named.size > 0 && isInside(node, 'appenders')) {
    const typeValue = findProperty(node, 'type')!.value;
    context.report({ at: node, messageId: 'fileAppender', fix: { title: 'Log to stdout', changes: [{ type: 'replace', range: typeValue.range, text: "'stdout'" }] } });
  } else if (bindings.bunyan.namespaces.size + bindings.bunyan.named.size > 0 && isInside(node, 'streams')) {
    if (type === 'rotating-file') context.report({ at: node, messageId: 'rotatingFile' });
    else if (path) context.report({ at: node, messageId: 'fileStream', data: { target: 'a file' }, fix: { title: 'Write to stdout', changes: [{ type: 'replace', range: path.range, text: 'stream: process.stdout' }] } });
  }
}

function reportPinoTarget(context: FileRuleContext<MessageId>, node: TSESTree.ObjectExpression, target: string): void {
  if (target !== 'pino/file') {
    context.report({ at: node, messageId: 'rotatingFile' });
    return;
  }
  const options = findProperty(node, 'options')?.value;
  const destination = options?.type === 'ObjectExpression' ? findProperty(options, 'destination')?.value : undefined;
  if (!destination || isStandardStream(destination as Node)) return;
  context.report({ at: node, messageId: 'fileDestination', fix: { title: 'Write pino logs to stdout', changes: [{ type: 'replace', range: destination.range, text: '1' }] } });
}

function isInside(node: Node, key: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'Property' && getPropertyName(current.key) === key) return true;
    if (current.type === 'CallExpression' || current.type === 'Program') return false;
  }
  return false;
}

/** The fs call is the value of a logger's `stream` option, which the logger check reports. */
function isLoggerStreamOption(node: Node): boolean {
  return node.parent?.type === 'Property' && getPropertyName(node.parent.key) === 'stream';
}

function isStandardStream(node: Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === 'Literal') return value.value === 1 || value.value === 2 || value.value === '1' || value.value === '2' || value.value === '/dev/stdout' || value.value === '/dev/stderr';
  const path = getMemberPath(value)?.join('.');
  return path === 'process.stdout' || path === 'process.stderr' || path === 'process.stdout.fd' || path === 'process.stderr.fd';
}

function isFileStream(source: SourceCode, node: Node): boolean {
  const value = resolveConst(source, node);
  if (value.type !== 'CallExpression') return false;
  return /(?:^|\.)(?:createWriteStream|createStream|getStream)$/.test(getCalleeName(value) ?? '');
}

/** A path argument that names a `.log` file: a literal, a template, `path.join(…, 'x.log')`, or a const holding one. */
function logFileTarget(source: SourceCode, node: Node): string | undefined {
  const value = resolveConst(source, node);
  const text = getStaticString(value) ?? lastPathPart(value);
  return text && /\.log$/i.test(text) ? text.split(/[\\/]/).pop() : undefined;
}

function lastPathPart(node: Node): string | undefined {
  if (node.type === 'TemplateLiteral') return node.quasis[node.quasis.length - 1].value.cooked ?? undefined;
  if (node.type === 'CallExpression' && /^path\.(?:join|resolve)$|^(?:join|resolve)$/.test(getCalleeName(node) ?? '')) {
    return getStaticString(node.arguments[node.arguments.length - 1]);
  }
  return undefined;
}
