/**
 * Factor XI: logs are a stream of events on stdout. Where they are stored, how long and how they
 * are rotated is the platform's business. A log file on a container's disk disappears with the
 * container, fills its disk, and is invisible to the log router. Rotating setups are left to
 * logs/no-log-rotation and access-log middleware to logs/no-access-log-file, so each is reported once.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { basename } from 'node:path';
import { defineRule, type FileRuleContext } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Node } from '../../engine/types';
import { isClaimedByAccessLog, scanAccessLogs, type AccessLogScan } from '../_utils/accessLogs';
import { assignmentsInFunction, enclosingClassName, findProperty, getBindingName, getCalleeName, getMemberName, getMemberPath, getPropertyName, getStaticString, isFunctionNode, resolveConst, resolveFunction, returnedValues, unwrapExpression } from '../_utils/ast';
import { schemaEntryOf, schemaSetting } from '../_utils/configSchema';
import { readsEnvironment } from '../_utils/env';
import { fsCallMethod, isPathBuilderCall } from '../_utils/fs';
import { consoleTransportFix, findLoggerBindings, isBound, isInsideProperty, isStandardStream, rotationSetup, stdoutAppenderFix, winstonTransportName, type LoggerBindings } from '../_utils/logging';
import { parseServerOptions } from '../_utils/parseServer';
import { isBrowserFile, isDevOnlyFile } from '../_utils/sourceRoles';

type MessageId = 'fileTransport' | 'fileDestination' | 'fileAppender' | 'fileStream' | 'logLocation' | 'logFileSetter' | 'loggerFolder' | 'parseServerLogFiles';

const LOG4JS_FILE_APPENDERS = new Set(['file', 'dateFile', 'fileSync', 'multiFile']);
const FS_WRITES = new Set(['appendFile', 'appendFileSync', 'createWriteStream']);
/** Writes to a file descriptor the app opened earlier: `fs.write(logfile, line)`. */
const FD_WRITES = new Set(['write', 'writeSync']);
/** The app's own switch to a log file: `logger.setLogFile(path)`, `enableFileLogging(dir)`. */
const LOG_FILE_SETTER = /^(?:set|use|enable|add|open)(?:Log(?:ging)?File|FileLog(?:ging|ger)?)$/i;
/** Settings that say where logs are kept: `logDir`, `LOG_PATH`, `logsFolder`, `log_file`. */
const LOG_LOCATION_KEY = /^logs?[_-]?(?:path|dir|directory|folder|file|file_?name|location|root)$/i;
/** The same, as a key of a logging settings object: `logging.path`, `loggerOptions.dir`, `Meta.logs = { path }`. */
const LOCATION_KEY = /^(?:path|dir|directory|folder|file|file_?name|location|root)$/i;
const LOGGING_SETTINGS = /^(?:\w*[._])?log(?:s|ging|ger)?(?:[_-]?(?:config|conf|options|opts|settings))?$|^(?:file)?[_-]?transports?(?:[_-]?(?:config|options|opts))?$/i;
/** A `.log` file or a `logs` folder. */
const LOG_PATH = /\.log$|(?:^|[\\/])logs?[\\/]?$|(?:^|[\\/._-])log\.txt$/i;

interface FileContext {
  readonly bindings: LoggerBindings;
  readonly accessLogs: AccessLogScan;
}

export default defineRule<MessageId>({
  id: 'logs/no-file-logging',
  severity: 'warning',
  description: 'Application logs written to files instead of to stdout.',
  fixable: true,
  triggers: /winston|pino|bunyan|log4js|ParseServer|\.log['"`]|(?:logs?|errors?)\.txt['"`]|[/'"`]logs?[/'"`]|LogFile|FileLog|Logger\s*\(|createWriteStream|appendFile/i,
  messages: {
    fileTransport: 'This logger writes to a file. Logs are an event stream: write them to stdout and let the platform route, store and rotate them.',
    fileDestination: 'pino writes to a file here. Write to stdout (file descriptor 1) and let the platform collect the stream.',
    fileAppender: 'This log4js appender writes to a file. Use the stdout appender and let the platform store the stream.',
    fileStream: 'Log lines go to {{target}}. Files on the process disk vanish with it and never reach the log router: write to stdout.',
    loggerFolder:
      '`{{factory}}()` is given a folder to write its log files to. Files on the process disk go away with it and the log router never reads them: log to stdout and let the platform collect the stream.',
    logFileSetter:
      '`{{call}}()` sends the app\'s logs to a file. A file on the process disk goes away with it and the log router never reads it: log to stdout and let the platform collect the stream.',
    parseServerLogFiles:
      'Parse Server writes its logs to daily files under `./logs` unless its options set `logsFolder: null` or give a `loggerAdapter`. Those files stay on each instance\'s disk, fill it, and never reach the log router: turn them off and let its console output go to stdout.',
    logLocation:
      'Logs are kept in {{target}} on the local disk. That disk goes away with the process and the log router never reads it: write logs to stdout and let the platform collect and store them.',
  },
  create(context) {
    // Developer scripts, tool configuration and browser bundles never run in a deploy's server.
    if (isDevOnlyFile(context.project, context.source.path) || isBrowserFile(context.project.root, context.source.path, context.source.text)) return {};
    let file: FileContext | undefined;
    // Nodes another factor XI rule owns: rotation setups and access-log middleware.
    const check = <T extends Node>(checker: (context: FileRuleContext<MessageId>, node: T, bindings: LoggerBindings) => void) => (node: Node) => {
      if (!file || isClaimedByAccessLog(node, file.accessLogs) || rotationSetup(context.source, node, file.bindings)) return;
      checker(context, node as T, file.bindings);
    };
    return {
      Program: (node) => {
        const bindings = findLoggerBindings(node as TSESTree.Program);
        file = { bindings, accessLogs: scanAccessLogs(context.source, bindings) };
      },
      NewExpression: check(checkConstructor),
      CallExpression: check(checkCall),
      ObjectExpression: check(checkLoggerConfig),
      Property: check(checkLogLocationProperty),
      AssignmentExpression: check(checkLogLocationAssignment),
      VariableDeclarator: check(checkComputedLogLocation),
    };
  },
});

/** `new winston.transports.File(...)`, `new transports.File(...)`. */
function checkConstructor(context: FileRuleContext<MessageId>, node: TSESTree.NewExpression, bindings: LoggerBindings): void {
  const path = getMemberPath(node.callee);
  if (path && winstonTransportName(path, bindings) === 'File') {
    context.report({ at: node, messageId: 'fileTransport', fix: consoleTransportFix(context.source, node) });
  } else {
    checkParseServerLogs(context, node, bindings);
  }
}

/** `new ParseServer({ databaseURI, appId })`, `ParseServer.startApp({ … })`: options that keep Parse Server's default log files. */
function checkParseServerLogs(context: FileRuleContext<MessageId>, node: TSESTree.NewExpression | TSESTree.CallExpression, bindings: LoggerBindings): void {
  const options = parseServerOptions(context.source, node, bindings.parseServer);
  if (!options || findProperty(options, 'logsFolder') || findProperty(options, 'loggerAdapter')) return;
  const last = options.properties.at(-1);
  const offset = last ? last.range[1] : options.range[0] + 1;
  const text = last ? ', logsFolder: null' : ' logsFolder: null ';
  context.report({ at: node, messageId: 'parseServerLogFiles', fix: { title: 'Turn off Parse Server\'s log files', changes: [{ type: 'replace', range: [offset, offset], text }] } });
}

function checkCall(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, bindings: LoggerBindings): void {
  const path = getMemberPath(node.callee);
  const fsMethod = fsCallMethod(node);
  if (path?.at(-1) === 'startApp') {
    checkParseServerLogs(context, node, bindings);
  } else if (path?.at(-1) === 'add' && isFileTransportClass(node.arguments[0], bindings)) {
    context.report({ at: node, messageId: 'fileTransport' });
  } else if (path && path.length === 2 && bindings.pino.namespaces.has(path[0]) && path[1] === 'destination') {
    checkPinoDestination(context, node);
  } else if (LOG_FILE_SETTER.test(path?.at(-1) ?? '') && node.arguments.length > 0) {
    context.report({ at: node, messageId: 'logFileSetter', data: { call: path!.join('.') } });
  } else if (FS_WRITES.has(fsMethod ?? '') || isAppendOpen(node, fsMethod)) {
    const target = node.arguments[0] && (logFileTarget(context.source, node.arguments[0]) ?? appendedByLogger(context, node, fsMethod) ?? (isAppendOpen(node, fsMethod) ? logSettingOpened(node.arguments[0]) : undefined));
    if (target) context.report({ at: node, messageId: 'fileStream', data: { target } });
  } else if (FD_WRITES.has(fsMethod ?? '')) {
    const target = node.arguments[0] && logSettingNamed(node.arguments[0], LOG_DESCRIPTOR);
    if (target) context.report({ at: node, messageId: 'fileStream', data: { target } });
  }
}

/**
 * `fs.open(config.settings.authlog, 'a', …)`, `fs.openSync(untildify(path.resolve(argv.log || argv.l)), 'a')`:
 * a file opened to append to, at a path a setting named for a log gives, through the calls that resolve it.
 */
function logSettingOpened(path: Node): string | undefined {
  const value = unwrapExpression(path);
  if (value.type === 'CallExpression') return value.arguments.map((argument) => logSettingOpened(argument as Node)).find((target) => target !== undefined);
  if (value.type === 'LogicalExpression') return logSettingOpened(value.left) ?? logSettingOpened(value.right);
  return logSettingNamed(value, /log(?:file|path)?$/i);
}

/** A descriptor opened for a log file: `logfile`, `errorLogFd`. */
const LOG_DESCRIPTOR = /log_?(?:file|fd)$/i;

/** `config.settings.authlog`, `logfile`: a setting or variable named for a log file. */
function logSettingNamed(node: Node, pattern: RegExp): string | undefined {
  const name = getMemberPath(unwrapExpression(node))?.at(-1);
  return name !== undefined && pattern.test(name) ? `the file in \`${name}\`` : undefined;
}

/**
 * `fs.createWriteStream(target.path, { flags: 'a' })` in the app's logger module (`lib/logger.js`, `lib/log-writer.js`), or
 * `appendFile(filename, rows)` in a logger class (`class FileLogger`, `CouchLogger.prototype.setFile`):
 * a file the logger appends to, whatever the setting that names it is called.
 */
function appendedByLogger(context: FileRuleContext<MessageId>, node: TSESTree.CallExpression, fsMethod: string | undefined): string | undefined {
  const inLoggerClass = /Log(?:ger|Writer)$/.test(enclosingClassName(node) ?? '');
  if (!inLoggerClass && !/^(?:logger|logging|log|logs|log[-_]?writer|file[-_]?logger)\.[cm]?[jt]s$/i.test(basename(context.source.path))) return undefined;
  const options = node.arguments[1] && unwrapExpression(node.arguments[1]);
  const flags = options?.type === 'ObjectExpression' ? getStaticString(findProperty(options, 'flags')?.value as Node | undefined) : getStaticString(node.arguments[1]);
  // A module named `log.js` may append other things (shout's chat transcripts); a logger class appends its log.
  const appends = flags?.startsWith('a') || (inLoggerClass && /^append/.test(fsMethod ?? ''));
  return appends ? `the file in \`${context.source.getText(node.arguments[0] as Node)}\`` : undefined;
}

/** `fs.openSync(file, 'a+')`: a file opened to append lines to. */
function isAppendOpen(node: TSESTree.CallExpression, method: string | undefined): boolean {
  if (method === 'open' || method === 'openSync') return /^a/.test(getStaticString(node.arguments[1]) ?? '');
  // `fs.writeFileSync(getLogFile(), msg, { flag: 'a' })`: a write that appends, as appendFile does.
  const options = (method === 'writeFile' || method === 'writeFileSync') && node.arguments[2] ? unwrapExpression(node.arguments[2] as Node) : undefined;
  return options?.type === 'ObjectExpression' && /^a/.test(getStaticString(findProperty(options, 'flag')?.value as Node | undefined) ?? '');
}

/** winston 2's `winston.add(winston.transports.File, { filename })`: the transport class, not an instance. */
function isFileTransportClass(argument: Node | undefined, bindings: LoggerBindings): boolean {
  const path = argument && getMemberPath(argument);
  return path !== undefined && winstonTransportName(path, bindings) === 'File';
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

/** bunyan `streams: [{ path }]`, log4js `appenders: { x: { type: 'file' } }`, pino `{ target: 'pino/file' }`. */
function checkLoggerConfig(context: FileRuleContext<MessageId>, node: TSESTree.ObjectExpression, bindings: LoggerBindings): void {
  const typeProperty = findProperty(node, 'type');
  const type = getStaticString(typeProperty?.value as Node | undefined);
  const target = getStaticString(findProperty(node, 'target')?.value as Node | undefined);
  const path = findProperty(node, 'path');
  if (target === 'pino/file' && bindings.pino.namespaces.size > 0) {
    reportPinoFileTarget(context, node);
  } else if (typeProperty && type && LOG4JS_FILE_APPENDERS.has(type) && isBound(bindings.log4js) && isInsideProperty(node, 'appenders')) {
    context.report({ at: node, messageId: 'fileAppender', fix: stdoutAppenderFix(typeProperty) });
  } else if (path && isBound(bindings.bunyan) && isInsideProperty(node, 'streams')) {
    context.report({ at: node, messageId: 'fileStream', data: { target: 'a file' }, fix: { title: 'Write to stdout', changes: [{ type: 'replace', range: path.range, text: 'stream: process.stdout' }] } });
  }
}

/** `{ logDir: path.join(__dirname, 'logs') }`, `Meta.logs = { path: '…/output.log' }`. */
function checkLogLocationProperty(context: FileRuleContext<MessageId>, node: TSESTree.Property): void {
  const key = getPropertyName(node.key);
  // Bunyan streams and log4js appenders are reported as streams and appenders.
  if (!key || node.parent.type !== 'ObjectExpression' || ['streams', 'appenders'].some((name) => isInsideProperty(node, name)) || isTransportInstanceOption(node.parent)) return;
  const factory = loggerFactoryOf(node.parent);
  if (factory && LOCATION_KEY.test(key) && !readsEnvironment(context.source, node.value as Node)) {
    // `Logger({ dir: config.logdir })`: a logger library told which folder to write its files to.
    return context.report({ at: node.value as Node, messageId: 'loggerFolder', data: { factory } });
  }
  // `logging: { path: { doc: '…', format: String, default: './log' } }`: a schema's default for `logging.path`.
  const entry = schemaEntryOf(node);
  const setting = entry && schemaSetting(entry);
  if (setting) return checkLogLocation(context, node.value as Node, setting.name, ownerNames(setting.holder.parent));
  checkLogLocation(context, node.value as Node, key, ownerNames(node.parent));
}

/** `transports: [new winston.transports.File({ filename })]`: options of a transport constructed in place, reported as the transport. */
function isTransportInstanceOption(options: TSESTree.ObjectExpression): boolean {
  return options.parent?.type === 'NewExpression' && isInsideProperty(options, 'transports');
}

/**
 * The names an options object is given, through a condition that may leave it out
 * (`fileTransportOptions: off ? null : { filename }`), and those of the objects it is nested in:
 * `['server', 'loggingConfig']` for `const loggingConfig = { server: { filename: 'server.log' } }`.
 */
function ownerNames(object: Node): string[] {
  let value: Node = object;
  while (value.parent?.type === 'ConditionalExpression' || value.parent?.type === 'LogicalExpression') value = value.parent;
  const name = getBindingName(value);
  const holder = value.parent?.type === 'Property' ? value.parent.parent : undefined;
  const outer = holder?.type === 'ObjectExpression' ? ownerNames(holder) : [];
  return name === undefined ? outer : [name, ...outer];
}

/** Logger factories of libraries (`Logger(options)`, `new FileLogger(options)`, `createLogger(options)`) the object is handed to. */
function loggerFactoryOf(options: TSESTree.ObjectExpression): string | undefined {
  const call = options.parent;
  if ((call?.type !== 'CallExpression' && call?.type !== 'NewExpression') || call.arguments[0] !== options) return undefined;
  const name = getCalleeName(call) ?? '';
  return /(?:^|\.)(?:create)?\w*Logger$/.test(name) ? name : undefined;
}

/** `loggingConfig.path = config.getContentPath('logs')`. */
function checkLogLocationAssignment(context: FileRuleContext<MessageId>, node: TSESTree.AssignmentExpression): void {
  if (node.left.type !== 'MemberExpression') return;
  const key = getMemberName(node.left);
  const owner = getMemberPath(node.left.object)?.at(-1);
  if (key) checkLogLocation(context, node.right, key, owner === undefined ? [] : [owner]);
}

/** `const logsFolder = (() => { let folder = './logs/'; if (process.env.LOGS_FOLDER) folder = …; return folder; })()`: the folder a computed setting starts from. */
function checkComputedLogLocation(context: FileRuleContext<MessageId>, node: TSESTree.VariableDeclarator): void {
  const start = node.id.type === 'Identifier' && LOG_LOCATION_KEY.test(node.id.name) && node.init ? startingValue(node.init) : undefined;
  const target = start && localLogPath(context.source, start);
  if (target) context.report({ at: start!, messageId: 'logLocation', data: { target } });
}

/** What an immediately invoked function's returned variable is set to first. */
function startingValue(init: Node): Node | undefined {
  const call = unwrapExpression(init);
  if (call.type !== 'CallExpression' || call.arguments.length > 0 || !isFunctionNode(call.callee) || call.callee.body.type !== 'BlockStatement') return undefined;
  const statements = call.callee.body.body;
  const returned = statements.at(-1);
  if (returned?.type !== 'ReturnStatement' || returned.argument?.type !== 'Identifier') return undefined;
  const name = returned.argument.name;
  const declarator = statements.flatMap((statement) => (statement.type === 'VariableDeclaration' ? statement.declarations : [])).find((item) => item.id.type === 'Identifier' && item.id.name === name);
  return declarator?.init ?? undefined;
}

function checkLogLocation(context: FileRuleContext<MessageId>, value: Node, key: string, owners: readonly string[]): void {
  const namesLogs = LOG_LOCATION_KEY.test(key) || isLoggingLocation(key, owners);
  if (!namesLogs || readsEnvironment(context.source, value)) return;
  const target = localLogPath(context.source, value);
  if (target) context.report({ at: value, messageId: 'logLocation', data: { target } });
}

/** The location key of a logging settings object: `path` in `logging.path`, `filename` in `loggingOpts.filename`. */
function isLoggingLocation(key: string, owners: readonly string[]): boolean {
  return LOCATION_KEY.test(key) && owners.some((owner) => LOGGING_SETTINGS.test(owner));
}

/** The last part of a local path naming a log file or folder: `'./logs'`, `path.join(root, 'logs', 'output.log')`. */
function localLogPath(source: SourceCode, node: Node): string | undefined {
  // `var logFile = path.resolve(directory, 'log.txt')`, never assigned again, is as good as a const.
  const resolved = resolveConst(source, node);
  const stable = resolved.type === 'Identifier' ? source.stableInitializer(resolved, resolved.name) : undefined;
  const value = defaultOf(stable ? unwrapExpression(stable) : resolved);
  // `homePath + '/npm_lazy.log'`: a setting's default built on a folder the code computes.
  const concatenated = value.type === 'BinaryExpression' && value.operator === '+' ? getStaticString(value.right) : undefined;
  const text = getStaticString(value) ?? lastPathPart(value) ?? builtPathPart(value) ?? concatenated;
  if (!text || !LOG_PATH.test(text)) return undefined;
  return text.replace(/[\\/]+$/, '').split(/[\\/]/).pop();
}

/** `program.logFile || '/var/log/app.log'`: the default a command-line option falls back to. */
function defaultOf(node: Node): Node {
  return node.type === 'LogicalExpression' && node.operator !== '&&' ? defaultOf(node.right) : node;
}

function builtPathPart(node: Node): string | undefined {
  if (!isPathBuilderCall(node)) return undefined;
  const last = node.arguments[node.arguments.length - 1];
  // `path.join(logsPath, `${name}.log`)`: the file's name is computed, its extension is not.
  const tail = last?.type === 'TemplateLiteral' ? last.quasis.at(-1)?.value.cooked : undefined;
  return getStaticString(last) ?? (tail ? `*${tail}` : undefined);
}

function reportPinoFileTarget(context: FileRuleContext<MessageId>, node: TSESTree.ObjectExpression): void {
  const options = findProperty(node, 'options')?.value;
  const destination = options?.type === 'ObjectExpression' ? findProperty(options, 'destination')?.value : undefined;
  if (!destination || isStandardStream(destination as Node)) return;
  context.report({ at: node, messageId: 'fileDestination', fix: { title: 'Write pino logs to stdout', changes: [{ type: 'replace', range: destination.range, text: '1' }] } });
}

/** A path argument that names a `.log` file: a literal, a template, `path.join(…, 'x.log')`, or a const holding one. */
function logFileTarget(source: SourceCode, node: Node): string | undefined {
  const values = [resolveConst(source, node), ...branchAssignments(node)];
  const texts = values.flatMap((value) => [getStaticString(value) ?? lastPathPart(value) ?? builtPathPart(value), ...returnedPathParts(source, value)]);
  const text = texts.find((candidate) => candidate !== undefined && LOG_FILE_NAME.test(candidate));
  if (text) return text.split(/[\\/]/).pop();
  // `fs.createWriteStream(keyFlushLog, { flags: 'a+' })`: a setting that names the log file, also as the location
  // key of a logging settings object (`config.loggingOpts.filename`).
  const path = getMemberPath(unwrapExpression(node)) ?? [];
  const name = path.at(-1);
  const inLoggingSettings = name !== undefined && isLoggingLocation(name, path.slice(0, -1));
  // `fs.createWriteStream(options.log)`: the `log` option given as a path (github-webhook's `--log /var/log/webhook.log`).
  const logOption = path.length > 1 && name === 'log';
  if (name === undefined || !(LOG_FILE_SETTING.test(name) || inLoggingSettings || logOption)) return undefined;
  return `the file in \`${inLoggingSettings || logOption ? path.slice(-2).join('.') : name}\``;
}

/** `app.log`, and the text files apps keep logs and errors in: `mesherrors.txt`, `agenterrorlogs.txt`, `log.txt`. */
const LOG_FILE_NAME = /\.log$|(?:logs?|errors?)\.txt$/i;

/**
 * `let errlogpath = null; if (dir) errlogpath = join(dir, 'errors.txt'); else errlogpath = configPath('errors.txt')`:
 * what a variable written in branches of the same function may hold.
 */
function branchAssignments(node: Node): Node[] {
  const value = unwrapExpression(node);
  if (value.type !== 'Identifier') return [];
  return assignmentsInFunction(value).filter((assignment) => assignment.operator === '=').map((assignment) => unwrapExpression(assignment.right));
}

/** Names of a setting that holds a log file's path: `logFile`, `keyFlushLog`, `accessLogPath`, `LOG_FILE`. */
const LOG_FILE_SETTING = /^(?:[lL]og[_-]?(?:[fF]ile|[pP]ath)(?:[_-]?[nN]ame)?|[a-z]\w*Log(?:File|Path)?|(?:\w+_)?LOG_(?:FILE|PATH))$/;

/** `buildLogFileName()` declared in this file: the file names its `return`s build (`${base}-${n}.log`). */
function returnedPathParts(source: SourceCode, value: Node): (string | undefined)[] {
  if (value.type !== 'CallExpression' || value.callee.type !== 'Identifier') return [];
  const declaration = resolveFunction(source, value.callee);
  return declaration ? returnedValues(declaration).map((returned) => getStaticString(returned) ?? lastPathPart(returned)) : [];
}

function lastPathPart(node: Node): string | undefined {
  if (node.type === 'TemplateLiteral') return node.quasis[node.quasis.length - 1].value.cooked ?? undefined;
  // `path.join`, `F.Path.join`, and the path helpers of frameworks (Total.js' `U.combine(CONF.directory_logs, name + '.log')`).
  if (node.type === 'CallExpression' && /(?:^|\.)(?:join|resolve|combine)$/.test(getCalleeName(node) ?? '')) {
    const last = node.arguments[node.arguments.length - 1] as Node | undefined;
    // `path.join(dir, pkgConf.name + suffix + '.log')`: a computed name, with its extension written out.
    const extension = last?.type === 'BinaryExpression' && last.operator === '+' ? getStaticString(last.right as Node) : undefined;
    return getStaticString(last) ?? (extension ? `*${extension}` : undefined);
  }
  return undefined;
}
