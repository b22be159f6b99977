/**
 * How Node services wire their loggers: which logging modules a file binds, which setups rotate
 * log files inside the process, and the fixes that send a logger to stdout instead. Shared by the
 * factor XI rules so that each logger setup is recognised once and reported by exactly one rule.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { findProperty, getMemberPath, getPropertyName, getStaticString, requiredSpecifier, resolveConst, unwrapExpression } from './ast';
import { findModuleBindings, type ModuleBindings } from './imports';
import { findParseServerBindings, type ParseServerBindings } from './parseServer';

/** Modules whose only job is to rotate a log file. */
const ROTATING_MODULES = ['winston-daily-rotate-file', 'rotating-file-stream', 'file-stream-rotator', 'logrotate-stream', 'pino-roll', 'bunyan-rotating-file-stream'];
/** Methods of those modules that open a rotating stream (`rfs.createStream`, `FileStreamRotator.getStream`). */
const ROTATING_FACTORIES = new Set(['createStream', 'getStream', 'createRotatingFileStream']);
/** pino transport targets that roll files over. */
const PINO_ROTATING_TARGETS = new Set(['pino-roll', 'pino-rotating-file', 'pino-rotating-file-stream', '@vrbo/pino-rotating-file']);
/** winston `File` transport options that make the transport rotate its file. */
const WINSTON_ROTATION_OPTIONS = ['maxsize', 'maxFiles', 'tailable', 'zippedArchive'];
/** log4js file appenders, and the options that make them roll over. */
const LOG4JS_FILE_APPENDERS = new Set(['file', 'dateFile', 'fileSync', 'multiFile']);
const LOG4JS_ROTATION_OPTIONS = ['maxLogSize', 'backups', 'numBackups'];

export interface LoggerBindings {
  readonly winston: ModuleBindings;
  readonly pino: ModuleBindings;
  readonly bunyan: ModuleBindings;
  readonly log4js: ModuleBindings;
  /** Per rotating module, so messages can name the one in use. */
  readonly rotating: ReadonlyMap<string, ModuleBindings>;
  /** morgan and koa-morgan, both `(format, { stream })`. */
  readonly morgan: ModuleBindings;
  readonly expressWinston: ModuleBindings;
  readonly koaLogger: ModuleBindings;
  /** Parse Server, which writes daily log files unless its options say otherwise. */
  readonly parseServer: ParseServerBindings;
}

export function findLoggerBindings(program: TSESTree.Program): LoggerBindings {
  const find = (...names: string[]) => findModuleBindings(program, (module) => names.includes(module));
  return {
    winston: find('winston'),
    pino: find('pino'),
    bunyan: find('bunyan'),
    log4js: find('log4js'),
    rotating: new Map(ROTATING_MODULES.map((module) => [module, find(module)] as const).filter(([, bindings]) => isBound(bindings))),
    morgan: find('morgan', 'koa-morgan'),
    expressWinston: find('express-winston'),
    koaLogger: find('koa-logger'),
    parseServer: findParseServerBindings(program),
  };
}

export function isBound(bindings: ModuleBindings): boolean {
  return bindings.namespaces.size + bindings.named.size > 0;
}

function bindsName(bindings: ModuleBindings, name: string | undefined): boolean {
  return name !== undefined && (bindings.namespaces.has(name) || bindings.named.has(name));
}

/** A logger setup that rotates files inside the process: what it is, and a fix when one is safe. */
export interface RotationSetup {
  /** Names the setup in messages: `winston-daily-rotate-file`, `the log4js dateFile appender`. */
  readonly what: string;
  readonly fix?: FixSpec;
}

/**
 * The rotation a `new`, a call or a config object sets up: rotating-stream libraries, winston
 * `DailyRotateFile` and `File` with `maxsize`/`maxFiles`, log4js `dateFile` and file appenders with
 * `maxLogSize`/`backups`, bunyan `rotating-file` streams and pino rotating transports.
 */
export function rotationSetup(source: SourceCode, node: Node, bindings: LoggerBindings): RotationSetup | undefined {
  switch (node.type) {
    case 'NewExpression':
      return rotatingConstructor(source, node, bindings);
    case 'CallExpression': {
      const module = rotatingFactoryModule(node, bindings);
      return module ? { what: module } : undefined;
    }
    case 'ObjectExpression':
      return rotatingConfig(node, bindings);
    default:
      return undefined;
  }
}

function rotatingConstructor(source: SourceCode, node: TSESTree.NewExpression, bindings: LoggerBindings): RotationSetup | undefined {
  const path = getMemberPath(node.callee);
  if (!path) return undefined;
  const module = rotatingModuleBinding(path[0], bindings);
  if (module) return { what: module };
  if (isBunyanRotatingStream(path, bindings) || isBunyanRotatingStream(superClassPath(source, path), bindings)) return { what: "bunyan's RotatingFileStream" };
  const transport = winstonTransportName(path, bindings);
  if (transport === 'DailyRotateFile') return { what: 'winston-daily-rotate-file', fix: consoleTransportFix(source, node) };
  if (transport === 'File' && hasAnyOption(source, node.arguments[0], WINSTON_ROTATION_OPTIONS)) {
    return { what: 'the winston File transport with size or file limits', fix: consoleTransportFix(source, node) };
  }
  return undefined;
}

/** `new bunyan.RotatingFileStream(…)`. */
function isBunyanRotatingStream(path: readonly string[] | undefined, bindings: LoggerBindings): boolean {
  return path?.length === 2 && path[1] === 'RotatingFileStream' && bindings.bunyan.namespaces.has(path[0]);
}

/** `new VerdaccioRotatingFileStream(…)` of `class VerdaccioRotatingFileStream extends Logger.RotatingFileStream`, declared in the file. */
function superClassPath(source: SourceCode, path: readonly string[]): string[] | undefined {
  if (path.length !== 1) return undefined;
  const declaration = source.ast.body.find((statement) => statement.type === 'ClassDeclaration' && statement.id?.name === path[0]);
  return declaration?.type === 'ClassDeclaration' && declaration.superClass ? getMemberPath(declaration.superClass) : undefined;
}

/** The module of `rfs(...)`, `createStream(...)`, `rfs.createStream(...)`, `require('file-stream-rotator').getStream(...)`. */
function rotatingFactoryModule(node: TSESTree.CallExpression, bindings: LoggerBindings): string | undefined {
  const callee = unwrapExpression(node.callee);
  if (callee.type === 'MemberExpression' && callee.object.type === 'CallExpression') {
    const module = requiredSpecifier(callee.object);
    return module && ROTATING_MODULES.includes(module) && ROTATING_FACTORIES.has(getPropertyName(callee.property) ?? '') ? module : undefined;
  }
  const path = getMemberPath(callee);
  const module = path && rotatingModuleBinding(path[0], bindings);
  // A name bound to a factory's result (`const s = require('rfs').createStream()`) is a stream, not the module: only factories count.
  return module && (path.length === 1 || ROTATING_FACTORIES.has(path[path.length - 1])) ? module : undefined;
}

function rotatingModuleBinding(name: string, bindings: LoggerBindings): string | undefined {
  for (const [module, moduleBindings] of bindings.rotating) if (bindsName(moduleBindings, name)) return module;
  return undefined;
}

function rotatingConfig(node: TSESTree.ObjectExpression, bindings: LoggerBindings): RotationSetup | undefined {
  const typeProperty = findProperty(node, 'type');
  const type = getStaticString(typeProperty?.value as Node | undefined);
  const target = getStaticString(findProperty(node, 'target')?.value as Node | undefined);
  if (target && PINO_ROTATING_TARGETS.has(target)) return { what: target };
  if (typeProperty && type && isBound(bindings.log4js) && LOG4JS_FILE_APPENDERS.has(type) && isInsideProperty(node, 'appenders')) {
    if (type === 'dateFile') return { what: 'the log4js dateFile appender', fix: stdoutAppenderFix(typeProperty) };
    if (LOG4JS_ROTATION_OPTIONS.some((option) => findProperty(node, option))) return { what: `the log4js ${type} appender with maxLogSize/backups`, fix: stdoutAppenderFix(typeProperty) };
  }
  if (type === 'rotating-file' && isBound(bindings.bunyan) && isInsideProperty(node, 'streams')) return { what: 'a bunyan rotating-file stream' };
  return undefined;
}

/** `File` for `new winston.transports.File()` or `new transports.File()` with `transports` from winston. */
export function winstonTransportName(path: readonly string[], bindings: LoggerBindings): string | undefined {
  const fromWinston = bindings.winston.namespaces.has(path[0]) || bindings.winston.named.get(path[0]) === 'transports';
  return fromWinston && path.includes('transports') && path.length >= 2 ? path[path.length - 1] : undefined;
}

function hasAnyOption(source: SourceCode, argument: Node | undefined, options: readonly string[]): boolean {
  const value = argument && resolveConst(source, argument);
  return value?.type === 'ObjectExpression' && options.some((option) => findProperty(value, option));
}

/** Whether an object sits in the value of a property named `key` of the same call's arguments, or is assigned into such a section. */
export function isInsideProperty(node: Node, key: string): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'Property' && getPropertyName(current.key) === key) return true;
    // `loggerConfig.appenders.app = { type: 'file', filename }`, `appenders[hostname] = { … }`: added to the section after the config was written.
    if (current.type === 'AssignmentExpression') return (current.left.type === 'MemberExpression' && getMemberPath(current.left.object)?.includes(key)) ?? false;
    if (current.type === 'CallExpression' || current.type === 'Program') return false;
  }
  return false;
}

/** winston console transport options that still mean something on the console. */
const CONSOLE_OPTIONS = new Set(['level', 'format', 'handleExceptions', 'handleRejections', 'silent', 'stderrLevels', 'consoleWarnLevels', 'eol']);

/** `new winston.transports.File({ filename, level })` → `new winston.transports.Console({ level })`. */
export function consoleTransportFix(source: SourceCode, node: TSESTree.NewExpression): FixSpec | undefined {
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

/** log4js `type: 'file'` → `type: 'stdout'`; the file options left behind are ignored by the stdout appender. */
export function stdoutAppenderFix(typeProperty: TSESTree.Property): FixSpec {
  return { title: 'Log to stdout', changes: [{ type: 'replace', range: typeProperty.value.range, text: "'stdout'" }] };
}

/** `1`, `2`, `'/dev/stdout'`, `process.stdout`, `process.stderr.fd`: the process's own output streams. */
export function isStandardStream(node: Node): boolean {
  const value = unwrapExpression(node);
  if (value.type === 'Literal') return value.value === 1 || value.value === 2 || value.value === '1' || value.value === '2' || value.value === '/dev/stdout' || value.value === '/dev/stderr';
  const path = getMemberPath(value)?.join('.');
  return path === 'process.stdout' || path === 'process.stderr' || path === 'process.stdout.fd' || path === 'process.stderr.fd';
}
