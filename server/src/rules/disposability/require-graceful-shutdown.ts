/**
 * Factor IX: the platform stops processes with SIGTERM whenever it deploys, scales down or moves
 * work. A disposable process answers by refusing new connections, finishing what is in flight and
 * exiting. Without a handler Node dies on the spot, cutting requests and leaking connections;
 * SIGINT alone only covers Ctrl+C in a terminal. The check follows imports from each entry point.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { basename, join } from 'node:path';
import { defineProjectRule, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { guardingIfs } from '../_utils/branches';
import { isDevOnlyFile } from '../_utils/sourceRoles';
import { isBinScript } from '../../engine/parse';
import { walkSubtree } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import { scriptTargets } from '../../project/entryPoints';
import type { ProjectFacts } from '../../project/facts';
import { findProperty, getCalleeName, getCalleeProperty, getMemberName, getMemberPath, getStaticString, isFunctionNode, memberOfObjectLiteral, type FunctionNode, moduleStatements, requiredSpecifier, resolveFunction, resolveValue, resolveVariable, returnedValues, unwrapExpression, withoutCompiledCounter } from '../_utils/ast';
import { ownerFunctionName } from '../_utils/callGraph';
import { bindingsByLocalName, calledExport, isProcessObject, moduleLocal, modulesByLocalName, type ModuleBinding } from '../_utils/imports';
import { isServerCommandModule, SERVER_COMMAND_NAME } from '../_utils/cliCommands';
import { LISTENER_METHODS } from '../_utils/events';
import { importVisitors } from '../_utils/importSpecifiers';
import { entryFiles, projectPath, reachableFiles, resolveEntryPoint, resolveImport, selfReferences } from '../_utils/modules';
import { ownValue } from '../_utils/records';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'noSigterm' | 'sigintOnly' | 'optInOnly' | 'exitWithoutClose' | 'launcherNoSigterm' | 'entryNoSigterm' | 'entryBypassesShutdown' | 'primaryNoSigterm';

export interface Options {
  /** More entry points, relative to the project root, for apps started in ways package.json does not say. */
  readonly entryPoints: readonly string[];
  /** More modules that install a graceful SIGTERM handler when imported. */
  readonly shutdownLibraries: readonly string[];
}
/** `custom`: a server class of another package (`new MockoonServer(…).start()`), whose way to close the rule does not know. */
type ServerKind = 'http' | 'fastify' | 'nest' | 'hapi' | 'custom';

/** A call that starts serving, with what a fix needs to close it again. Plain data: it crosses workers. */
interface ServerStart {
  readonly range: OffsetRange;
  /** Inside a class method or an exported function: the package's API, which whoever embeds it calls. */
  readonly embeddable?: boolean;
  readonly kind: ServerKind;
  /** Source text of the object `listen`/`start` is called on. */
  readonly receiver: string;
  /** The variable holding what `listen` returned, if any. */
  readonly boundName?: string;
  /**
   * The statement to insert the handler after, and a name the file does not use, to bind what `listen`
   * returns when nothing holds it; absent when the call is nested too deep to fix safely.
   */
  readonly statement?: { readonly range: OffsetRange; readonly indent: string; readonly freeName: string };
}

interface ShutdownFacts {
  starts: ServerStart[];
  /** A SIGTERM handler that may close something (or a framework's shutdown hooks). */
  handlesSigterm: boolean;
  /** A SIGTERM handler that only exits (logging aside): SIGTERM is heard, and the server still dies mid-request. */
  exitsOnSigterm: boolean;
  /**
   * Stop signals handled other than SIGTERM (`SIGINT`, `SIGHUP`), with where each handler is installed
   * and whether it stops something (`server.stop()`, `shutdown()`) rather than only logging and exiting.
   */
  otherSignals: { signal: string; range: OffsetRange; stops: boolean }[];
  /** A SIGTERM handler exists but is installed only when an environment variable opts in. */
  handlesSigtermOnOptIn: boolean;
  /**
   * A stop-signal handler that only passes the signal on to child processes (`child.kill()`): a
   * supervisor's, which stops its children but no server of its own process.
   */
  forwardsSignals: boolean;
  exitsWithoutClosing: OffsetRange[];
  /** Scripts this file runs as processes of their own (`fork('./server.js')`, forever-monitor), by relative specifier. */
  launches: { range: OffsetRange; script: string }[];
  /** Relative imports with where they are written, to point at the one through which an entry starts its server. */
  localImports: { range: OffsetRange; specifier: string }[];
  /**
   * Scripts commander runs for the file's executable subcommands (`.command('run', 'run the bot')` in
   * `probot.js` runs `probot-run.js`). Commander forwards SIGTERM to them, so each is an entry of its own.
   */
  subcommands: string[];
  /** `if (cluster.isPrimary) { cluster.fork(); … }` branches that handle no SIGTERM: where each primary forks its workers. */
  primariesWithoutSigterm: OffsetRange[];
  /** Where the file's functions are: what each named function calls, which install a SIGTERM handler, which start a server. */
  functions: FunctionFacts;
  /** The file's calls by name, with where the first is written: how an entry point reaches into another module. */
  calls: Record<string, OffsetRange>;
  /** The module a bin only loads (`require('../lib/cli/parse-server')`), where the entry's own code is. */
  forwardsTo?: string;
}

interface FunctionFacts {
  calls: Record<string, string[]>;
  readonly installSigterm: string[];
  readonly start: string[];
  /** A SIGTERM handler is installed outside any named function: loading the file installs it. */
  sigtermOnLoad: boolean;
}

const SERVER_MODULES = /^(?:express|koa|fastify|@nestjs\/core|@hapi\/hapi|hapi|restify|polka|flatiron|union|http|https|http2|net|tls|node:http|node:https|node:http2|node:net|node:tls|smtp-server)$/;
const SHUTDOWN_LIBRARIES = new Set([
  '@godaddy/terminus', 'http-terminator', 'stoppable', 'lightship', 'close-with-grace', 'async-exit-hook', 'exit-hook', 'death',
  'node-graceful-shutdown', '@moebius/http-graceful-shutdown', 'http-graceful-shutdown', 'graceful-shutdown', '@nestjs/terminus',
]);
/** Libraries that give a server a graceful `stop()`/`terminate()` but install no signal handler of their own. */
const CLOSE_ONLY_LIBRARIES: ReadonlySet<string> = new Set(['http-terminator', 'stoppable']);
const SHUTDOWN_TEXT = /\.listen(?:\s*\(|\.(?:apply|call|bind)\s*\(|\s*[,)])|\.(?:start|run)\s*\(|\.command\s*\(|SIG(?:TERM|INT|HUP)|enableShutdownHooks|\b(?:c?fork|spawn|setupPrimary|setupMaster)\s*\(|Monitor\s*\(|execPath/;
/** `require('./server')`, `import app from '../lib/app'`: an entry point handing over to its own modules. */
const LOCAL_IMPORT = /(?:\brequire\s*\(|\bfrom|\bimport\s*\(?)\s*['"`]\.\.?\//;
/** Servers for development and tests, by their file name: `dev-server.js`, `mock-server.ts`, `watch.js`. */
const NOT_DEPLOYED_FOLDER = /(?:^|[/_-])(?:tests?|templates?|examples?|fixtures?|demos?|samples?)(?:[/_-])/i;
const DEV_SERVER_NAME = /(?:^|[-_.])(?:dev|develop|development|watch|mock|fake|example|demo|sample|test)(?:[-_.]|$)/i;
const STOP_SIGNALS = new Set(['SIGINT', 'SIGHUP', 'SIGUSR2', 'SIGQUIT']);

export default defineProjectRule<MessageId, ShutdownFacts, Options>({
  id: 'disposability/require-graceful-shutdown',
  severity: 'warning',
  description: 'Entry points that start a server but do not stop it gracefully on SIGTERM.',
  fixable: true,
  defaultOptions: { entryPoints: [], shutdownLibraries: [] },
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      entryPoints: { type: 'array', items: { type: 'string' }, description: 'More entry points, relative to the project root.' },
      shutdownLibraries: { type: 'array', items: { type: 'string' }, description: 'More modules that handle SIGTERM gracefully.' },
    },
  },
  // Entries are read whatever they say: declared ones, CLI command modules that start the server and
  // the scripts of executable subcommands, since the server may start in a module they import.
  triggers: (text, project, path) => SHUTDOWN_TEXT.test(text) || LISTENING_FRAMEWORK_TEXT.test(text) || (LOCAL_IMPORT.test(text) && mayBeEntry(project, path)),
  messages: {
    noSigterm:
      'This server never handles SIGTERM, the signal the platform sends on every deploy and scale-down. Node then exits at once, cutting in-flight requests: stop accepting connections, close the server, then exit.',
    sigintOnly:
      'Only {{signals}} is handled. Platforms stop processes with SIGTERM, which still kills this server mid-request: on SIGTERM, close the server, then exit.',
    optInOnly:
      'SIGTERM is handled only when an environment variable opts in, so by default every deploy and scale-down still kills this server mid-request. Make the graceful shutdown the default.',
    entryNoSigterm:
      'This entry point starts a server (through `{{module}}`) and never handles SIGTERM, the signal the platform sends on every deploy and scale-down. Node then exits at once, cutting in-flight requests: handle SIGTERM here, close the server, then exit.',
    entryBypassesShutdown:
      'A server is started here through `{{call}}()` (run by `{{entry}}`), a path that never runs `{{installer}}()`, where that module handles SIGTERM. On every deploy and scale-down the platform\'s SIGTERM then kills this server mid-request: handle SIGTERM on this path too, close the server, then exit.',
    primaryNoSigterm:
      'This cluster primary forks workers and never handles SIGTERM. When the platform stops it, the primary dies at once and the workers lose their channel to it and exit mid-request, without their own graceful shutdown: on SIGTERM, disconnect the workers (`cluster.disconnect()`) and exit once they have finished.',
    launcherNoSigterm:
      'This launcher runs the server as a child process and never handles SIGTERM. When the platform stops it, the launcher dies at once and the server never hears of it: it is killed later without closing anything. Forward SIGTERM to the child and exit when it has stopped.',
    exitWithoutClose:
      'This SIGTERM handler exits without closing anything, so in-flight requests and open connections are cut. Close the server (and pools, queues) first, then exit.',
  },
  initial: () => ({
    starts: [], handlesSigterm: false, exitsOnSigterm: false, otherSignals: [], handlesSigtermOnOptIn: false, forwardsSignals: false, exitsWithoutClosing: [], launches: [], localImports: [], subcommands: [], primariesWithoutSigterm: [],
    functions: { calls: {}, installSigterm: [], start: [], sigtermOnLoad: false }, calls: {},
  }),
  collect({ source, project, collected }) {
    const appClasses = ownClassNames(project.packageJson?.name);
    const servesHttp = moduleStatements(source.ast).some((statement) => importsServerModule(statement));
    const usesCommander = /['"`]commander['"`]/.test(source.text);
    const frameworks = LISTENING_FRAMEWORK_TEXT.test(source.text) ? bindingsByLocalName(source.ast, (module) => LISTENING_FRAMEWORKS.has(module)) : undefined;
    const localModules = new Set([...modulesByLocalName(source.ast)].filter(([, specifier]) => specifier.startsWith('.')).map(([local]) => local));
    const localImports = importVisitors(({ node, specifier }) => {
      if (specifier.startsWith('.')) collected.localImports.push({ range: node.range, specifier });
    });
    return mergeVisitors(localImports, {
      CallExpression: (node) => {
        const call = node as TSESTree.CallExpression;
        const installsSigterm = collectSignalHandler(source, call, collected);
        noteFunctionFacts(call, collected, installsSigterm, localModules);
        if (isDefaultExitOfOptInGrace(source, call)) collected.exitsWithoutClosing.push(call.range);
        if (getCalleeProperty(call) === 'enableShutdownHooks') collected.handlesSigterm = true;
        const start = serverStart(source, call, servesHttp, appClasses, localModules) ?? (frameworks && frameworkStart(call, frameworks));
        if (start && !isShortLived(call, start.receiver)) {
          collected.starts.push(embeddableStart(source, call) ? { ...start, embeddable: true } : start);
          const owner = ownerFunctionName(call);
          if (owner) collected.functions.start.push(owner);
        }
        const script = launchedScript(source, call);
        if (script) collected.launches.push({ range: call.range, script });
        const subcommand = usesCommander && executableSubcommand(source, call);
        if (subcommand) collected.subcommands.push(subcommand);
        const primary = primaryWithoutSigterm(source, call);
        if (primary && !collected.primariesWithoutSigterm.some((range) => range[0] === primary.range[0])) collected.primariesWithoutSigterm.push(primary.range);
      },
      MemberExpression: (node) => {
        const start = servesHttp ? listenHandedOn(source, node as TSESTree.MemberExpression) : undefined;
        if (start) collected.starts.push(embeddableStart(source, node) ? { ...start, embeddable: true } : start);
      },
      NewExpression: (node) => {
        const script = launchedScript(source, node as TSESTree.NewExpression);
        if (script) collected.launches.push({ range: node.range, script });
      },
      // Only a file that installs its SIGTERM handler in a function needs its functions' calls: which of them lead there.
      'Program:exit': () => {
        if (collected.functions.installSigterm.length === 0) collected.functions.calls = {};
        collected.forwardsTo = forwardedModule(source.ast);
      },
    });
  },
  check({ project, files, report, options }) {
    const libraries = new Set([...SHUTDOWN_LIBRARIES, ...options.shutdownLibraries]);
    const paths = new Set(files.keys());
    const resolveSelf = selfReferences(project.root, project.files.packageJson?.json);
    const importsOf = (file: string) => (files.get(file)?.summary.imports ?? []).map((specifier) => resolveSelf(file, specifier));
    const reported = new Set<string>();
    const startsServer = (file: string) => files.get(file)!.collected.starts.length > 0;
    const declared = entryFiles(project.root, [...project.entryPoints, ...options.entryPoints], paths, importsOf, startsServer);
    // Each entry's files are walked once, though launches and launchers ask for them again.
    const processes = new Map<string, { reachable: string[]; facts: { file: string; facts: ShutdownFacts }[] }>();
    const processOf = (entry: string) => {
      let found = processes.get(entry);
      if (!found) {
        const reachable = [...reachableFiles(entry, importsOf, paths)];
        processes.set(entry, (found = { reachable, facts: reachable.map((file) => ({ file, facts: files.get(file)!.collected })) }));
      }
      return found;
    };
    const serves = (entry: string) => processOf(entry).facts.some((item) => item.facts.starts.length > 0);
    const main = resolveEntryPoint(project.root, project.packageJson?.main ?? 'index.js', paths);
    const started = new Set([
      ...scriptTargets(project.packageJson?.scripts.start ?? ''),
      ...Object.values(project.packageJson?.bin ?? {}),
    ].map((target) => resolveEntryPoint(project.root, target, paths)));
    // A package whose only entry is its `main`, starting servers only in the API it exports (`server.start(port)`
    // in a class method), is a library: the app that embeds it owns the process, and its signals. An `npm start`
    // that runs one of its samples (`node ./samples/petstore/server.js`) demonstrates the library, no more.
    const library = main !== undefined && !started.has(main) && declared.every((entry) => entry === main || NOT_DEPLOYED_FOLDER.test(projectPath(project.root, entry)));
    const embedsOnly = (entry: string) => library && entry === main && processOf(entry).facts.every((item) => item.facts.starts.every((start) => start.embeddable));
    // The handler belongs to the entry point: say so there too when what serves is reached through another
    // module. Not in a package's `main`, which is also the API other code embeds the server through,
    // unless `npm start` runs it too or it is also the package's bin.
    const reportAtEntry = (entry: string, file: string, hops = 0): void => {
      // An interactive shell (`command-node`, `repl`) starts its server when someone types the command: no platform runs it.
      if (importsOf(entry).some((specifier) => INTERACTIVE_SHELL_MODULES.has(specifier))) return;
      // A bin that only loads another module: the entry's code, and the handler's place, is there, even in `main`.
      const forwarded = files.get(entry)!.collected.forwardsTo;
      const next = forwarded !== undefined && hops < 3 ? resolveImport(entry, forwarded, paths) : undefined;
      if (next !== undefined && next !== file) return reportAtEntry(next, file, hops + 1);
      const through = file !== entry && (entry !== main || started.has(entry) || hops > 0) ? importToward(entry, file, files.get(entry)!.collected, importsOf, paths, resolveSelf) : undefined;
      if (through) reportOnce(reported, entry, through.range, () => report(entry, { at: through.range, messageId: 'entryNoSigterm', data: { module: through.specifier } }));
    };
    // A package whose declared entries start nothing (an API or docs `main`) is started by a module
    // another package calls: the starters nothing here imports stand in for its entries.
    const subcommands = subcommandsOf(declared, processOf, paths);
    const runsSomething = [...declared, ...subcommands].some((entry) => serves(entry) || launchesOf(processOf(entry).facts, paths).length > 0);
    const unreachedStarters = () => entryFiles(project.root, [], paths, importsOf, (file) => startsServer(file) && !DEV_SERVER_NAME.test(basename(file)));
    // A server in a folder with a package.json of its own (a bundled companion service) is an app of its own.
    // Tests, templates and examples with a package.json are not deployed.
    const nested = (file: string) => project.files.nestedPackageRoots.some((root) => file.startsWith(`${root}/`)) && !NOT_DEPLOYED_FOLDER.test(projectPath(project.root, file)) && !isDevOnlyFile(project, file);
    const commands = [...paths].filter((file) => isServerCommandModule(projectPath(project.root, file)) && !isDevOnlyFile(project, file));
    const entries = [...new Set([...declared, ...subcommands, ...commands, ...unreachedStarters().filter((file) => !runsSomething || nested(file))])];
    for (const [file, { collected }] of files) {
      // `strapi develop` restarts its workers on every change: a development command, not what the platform stops.
      if (isDevOnlyFile(project, file) || DEV_SERVER_NAME.test(basename(file))) continue;
      for (const range of collected.primariesWithoutSigterm) reportOnce(reported, file, range, () => report(file, { at: range, messageId: 'primaryNoSigterm' }));
    }
    const reportBypass = (entry: string) => {
      const bypass = bypassedShutdown(entry, processOf(entry).facts, importsOf, paths);
      if (bypass) reportOnce(reported, bypass.file, bypass.range, () => report(bypass.file, { at: bypass.range, messageId: 'entryBypassesShutdown', data: { call: bypass.name, entry: projectPath(project.root, entry), installer: bypass.installer } }));
      return bypass !== undefined;
    };
    // The package's other bin scripts are run by hand as often as not: only a start that skips the shutdown the app has is reported there.
    for (const script of [...paths].filter((file) => isShippedBinScript(projectPath(project.root, file)) && !entries.includes(file))) reportBypass(script);
    // Scripts an entry runs as processes of their own (a launcher forking the server) are entries too.
    for (const entry of withLaunchedScripts(entries, (entry) => launchesOf(processOf(entry).facts, paths))) {
      const { reachable, facts } = processOf(entry);
      const handlesOtherSignals = facts.some((item) => item.facts.otherSignals.length > 0);
      // A library that only makes the server closable is trusted to be wired to SIGTERM, unless the app wires its signals by hand and leaves SIGTERM out.
      const usesLibrary = reachable.some((file) => importsOf(file).some((specifier) => libraries.has(specifier) && !(CLOSE_ONLY_LIBRARIES.has(specifier) && handlesOtherSignals)));
      const hearsSigterm = facts.some((item) => item.facts.handlesSigterm || item.facts.exitsOnSigterm);
      const optIn = facts.some((item) => item.facts.handlesSigtermOnOptIn);
      const handles = hearsSigterm || optIn || handlesOtherSignals || facts.some((item) => item.facts.forwardsSignals) || usesLibrary;
      const start = facts.find((item) => item.file === entry && item.facts.starts.length > 0) ?? facts.find((item) => item.facts.starts.length > 0);
      const reportExitsWithoutClosing = () => {
        for (const { file, facts: fileFacts } of facts) {
          if (isDevOnlyFile(project, file)) continue;
          for (const range of fileFacts.exitsWithoutClosing) reportOnce(reported, file, range, () => report(file, { at: range, messageId: 'exitWithoutClose' }));
        }
      };
      if (!start) {
        const launch = launchesOf(facts, paths).find(({ target }) => serves(target));
        // A worker the app runs beside its server (a queue consumer, a cron process) drops its job when it exits at once.
        if ((launch && handles) || (!entries.includes(entry) && !DEV_SERVER_NAME.test(basename(entry)))) {
          reportExitsWithoutClosing();
        } else if (launch) {
          reportOnce(reported, launch.file, launch.range, () => report(launch.file, { at: launch.range, messageId: 'launcherNoSigterm' }));
          reportAtEntry(entry, launch.file);
        } else if (!hearsSigterm && !optIn && !usesLibrary && !DEV_SERVER_NAME.test(basename(entry))) {
          // A server the rule cannot see start (made by a framework of the app's own) still shows by
          // the graceful stop written for Ctrl+C: SIGTERM belongs beside it.
          for (const { file, facts: fileFacts } of facts) {
            const handler = isDevOnlyFile(project, file) ? undefined : fileFacts.otherSignals.find(({ signal, stops }) => signal === 'SIGINT' && stops);
            if (handler) reportOnce(reported, file, handler.range, () => report(file, { at: handler.range, messageId: 'sigintOnly', data: { signals: 'SIGINT' } }));
          }
        }
        continue;
      }
      if (embedsOnly(entry)) continue;
      if (!usesLibrary && reportBypass(entry)) continue;
      // A handler that only exits (a logger flushing on SIGTERM) leaves the graceful one opt-in: both are reported.
      if (hearsSigterm) reportExitsWithoutClosing();
      if (facts.some((item) => item.facts.handlesSigterm) || usesLibrary || (hearsSigterm && !optIn)) continue;
      // A `main` that only exports the server a bin or `npm start` runs is the API other code embeds it through: the handler is theirs.
      if (entry === main && !started.has(main) && start.file !== main && declared.some((other) => other !== main && serves(other))) continue;
      const server = start.facts.starts[0];
      const otherSignals = [...new Set(facts.flatMap((item) => item.facts.otherSignals.map(({ signal }) => signal)))];
      const messageId = optIn ? 'optInOnly' : otherSignals.length > 0 ? 'sigintOnly' : 'noSigterm';
      // An opt-in handler already exists: making it the default is the author's call, not a second handler's.
      const fix = messageId === 'optInOnly' ? undefined : shutdownFix(server);
      const data = messageId === 'sigintOnly' ? { signals: otherSignals.join(' and ') } : undefined;
      reportOnce(reported, start.file, server.range, () => report(start.file, { at: server.range, messageId, data, fix }));
      // An entry that handles SIGINT itself is reported at that handler, below.
      const entryHandlesSignals = facts.some((item) => item.file === entry && item.facts.otherSignals.length > 0);
      if (messageId === 'noSigterm' || (messageId === 'sigintOnly' && !entryHandlesSignals)) reportAtEntry(entry, start.file);
      // Where SIGINT is handled is where SIGTERM belongs: say so there too when it is another file.
      if (messageId === 'sigintOnly') {
        for (const { file, facts: fileFacts } of facts) {
          const handler = file === start.file ? undefined : fileFacts.otherSignals[0];
          if (handler) reportOnce(reported, file, handler.range, () => report(file, { at: handler.range, messageId, data }));
        }
      }
    }
  },
});

/** Libraries of interactive command shells: a bin built on one is a tool someone types into, not a deployed process. */
const INTERACTIVE_SHELL_MODULES: ReadonlySet<string> = new Set(['command-node', 'repl', 'node:repl', 'vorpal']);

/**
 * `require('../lib/cli/parse-server')`, `import('./Hubot.mjs').then(() => {})`, `import './cli.js'`: a
 * file that does nothing but load one module of its package.
 */
function forwardedModule(program: TSESTree.Program): string | undefined {
  const statements = program.body.filter((statement) => !(statement.type === 'ExpressionStatement' && statement.directive));
  const only = statements.length === 1 ? statements[0] : undefined;
  if (only?.type === 'ImportDeclaration') return only.specifiers.length === 0 && only.source.value.startsWith('.') ? only.source.value : undefined;
  if (only?.type !== 'ExpressionStatement') return undefined;
  let loaded = unwrapExpression(only.expression);
  if (loaded.type === 'CallExpression' && loaded.callee.type === 'MemberExpression' && getCalleeProperty(loaded) === 'then' && loaded.arguments.every(isEmptyFunction)) loaded = unwrapExpression(loaded.callee.object);
  const specifier = loaded.type === 'ImportExpression' ? getStaticString(loaded.source) : requiredSpecifier(loaded);
  return specifier?.startsWith('.') ? specifier : undefined;
}

function isEmptyFunction(node: Node): boolean {
  return isFunctionNode(node) && node.body.type === 'BlockStatement' && node.body.body.length === 0;
}

function mayBeEntry(project: ProjectFacts, path: string): boolean {
  const rel = projectPath(project.root, path);
  return isSubcommandScript(rel) || isServerCommandModule(rel) || isDeclaredEntryPoint(project, path) || isShippedBinScript(rel) || CLI_MODULE.test(rel);
}

/** `lib/cli.js`, `lib/cli/parse-server.js`: the module a bin hands over to. */
const CLI_MODULE = /(?:^|\/)cli(?:\.[cm]?[jt]s$|\/[^/]+\.[cm]?[jt]s$)/;

/** `bin/parse-live-query-server`: a script of the package's own bin folder, which users run whether package.json lists it or not. */
function isShippedBinScript(relativePath: string): boolean {
  return /^bin\/[^/]+$/.test(relativePath) && (isBinScript(relativePath) || /\.[cm]?js$/.test(relativePath));
}

/** `probot-run.js` for `probot run`: the script of a subcommand that starts the server. */
function isSubcommandScript(relativePath: string): boolean {
  const command = /-(\w+)\.[cm]?[jt]s$/.exec(relativePath)?.[1];
  return command !== undefined && command !== 'dev' && SERVER_COMMAND_NAME.test(command);
}

function isDeclaredEntryPoint(project: ProjectFacts, path: string): boolean {
  return project.entryPoints.some((entry) => {
    const declared = join(project.root, entry);
    return path === declared || path.replace(/\.[cm]?[jt]s$/, '') === declared.replace(/\.[cm]?[jt]s$/, '');
  });
}

/** The entry's import through which `target` is loaded. */
function importToward(entry: string, target: string, facts: ShutdownFacts, importsOf: (file: string) => readonly string[], paths: ReadonlySet<string>, resolveSelf: (file: string, specifier: string) => string) {
  return facts.localImports.find(({ specifier }) => {
    const loaded = resolveImport(entry, resolveSelf(entry, specifier), paths);
    return loaded !== undefined && reachableFiles(loaded, importsOf, paths).has(target);
  });
}

interface Launch {
  readonly file: string;
  readonly range: OffsetRange;
  readonly target: string;
}

function launchesOf(facts: readonly { file: string; facts: ShutdownFacts }[], paths: ReadonlySet<string>): Launch[] {
  return facts.flatMap(({ file, facts: fileFacts }) =>
    fileFacts.launches.flatMap(({ range, script }) => {
      const target = resolveImport(file, script, paths);
      return target ? [{ file, range, target }] : [];
    }),
  );
}

/** The scripts of the executable subcommands the entries' processes declare. */
function subcommandsOf(entries: readonly string[], processOf: (entry: string) => { facts: { file: string; facts: ShutdownFacts }[] }, paths: ReadonlySet<string>): string[] {
  return entries.flatMap((entry) =>
    processOf(entry).facts.flatMap(({ file, facts }) => facts.subcommands.flatMap((script) => resolveImport(file, script, paths) ?? [])),
  );
}

/**
 * `program.command('run', 'run the bot')`: commander's executable subcommand, whose description in
 * the second argument (instead of an `.action`) makes it run `<this script>-run` beside the file, or
 * the `executableFile` the options name. Only commands named for starting the server: the others
 * (`probot receive`) reach the server's modules without starting it.
 */
function executableSubcommand(source: SourceCode, call: TSESTree.CallExpression): string | undefined {
  if (getCalleeProperty(call) !== 'command' || call.arguments.length < 2) return undefined;
  const name = getStaticString(call.arguments[0])?.split(/\s/)[0];
  if (!name || !SERVER_COMMAND_NAME.test(name) || getStaticString(call.arguments[1]) === undefined) return undefined;
  const options = call.arguments[2];
  const executableFile = options?.type === 'ObjectExpression' ? getStaticString(findProperty(options, 'executableFile')?.value as Node | undefined) : undefined;
  if (executableFile) return executableFile.startsWith('.') ? executableFile : `./${executableFile}`;
  return `./${basename(source.path).replace(/\.[cm]?[jt]s$/, '')}-${name}`;
}

/**
 * `if (cluster.isMaster) { for (…) cluster.fork(); }` with no SIGTERM handled in that branch nor at the
 * top of the file: the `if` of a primary that forks workers and dies at once on SIGTERM.
 */
function primaryWithoutSigterm(source: SourceCode, call: TSESTree.CallExpression): TSESTree.IfStatement | undefined {
  if (!/(?:^|\.)fork$/.test(getCalleeName(call) ?? '') || !/cluster/i.test(getMemberPath(call.callee)?.slice(0, -1).join('.') ?? '')) return undefined;
  // Also through a helper declared in the branch: `function addWorker() { cluster.fork() }`.
  const primary = guardingIfs(call, true).find((guard) => /\bis(?:Master|Primary)\b/.test(source.getText(guard.test)));
  if (!primary) return undefined;
  const handled = /['"`]SIGTERM['"`]/.test(source.getText(primary.consequent)) || source.ast.body.some((statement) => statement.type === 'ExpressionStatement' && /['"`]SIGTERM['"`]/.test(source.getText(statement)));
  return handled ? undefined : primary;
}

/** The entries and, transitively, the scripts they launch. */
function withLaunchedScripts(entries: readonly string[], launches: (entry: string) => readonly Launch[]): string[] {
  const all = [...entries];
  for (let index = 0; index < all.length; index++) {
    for (const { target } of launches(all[index])) if (!all.includes(target)) all.push(target);
  }
  return all;
}

const LAUNCHER_CALL = /(?:^|\.)(?:Monitor|fork|setupPrimary|setupMaster|spawn)$|^cfork$/;

/** Calls that run a local script as a process of its own: `fork('./server')`, `new forever.Monitor(path.join(__dirname, 'cli.js'))`, `spawn(process.execPath, [script])`. */
function launchedScript(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const name = getCalleeName(call) ?? '';
  if (!LAUNCHER_CALL.test(name)) return undefined;
  const [first, second] = call.arguments;
  const path = (node: Node | null | undefined) => scriptPath(node ? resolveValue(source, node) : undefined);
  if (/(?:^|\.)Monitor$/.test(name)) return path(first) ?? monitoredFromSourceDir(source, first, second);
  if (/(?:^|\.)fork$/.test(name)) return path(first);
  // Cluster workers: `cluster.setupPrimary({ exec })`, cfork's `cfork({ exec })`.
  if (/(?:^|\.)(?:setupPrimary|setupMaster)$|^cfork$/.test(name) && first?.type === 'ObjectExpression') return path(findProperty(first, 'exec')?.value as Node | undefined);
  if (!/(?:^|\.)spawn$/.test(name) || !first || !second || !/^(?:process\.execPath|node)$/.test(getMemberPath(first)?.join('.') ?? getStaticString(first) ?? '')) return undefined;
  // Resolved only for a spawn of node: resolving walks the file to see that the variable is never reassigned.
  const argv = resolveValue(source, second);
  return argv.type === 'ArrayExpression' ? path(argv.elements[0]) : undefined;
}

/** forever-monitor's `new Monitor('lib/server.js', { sourceDir: path.join(__dirname, '..') })`: the script is in its `sourceDir`. */
function monitoredFromSourceDir(source: SourceCode, script: Node | undefined, options: Node | undefined): string | undefined {
  const name = script && getStaticString(resolveValue(source, script));
  const settings = options && resolveValue(source, options);
  const sourceDir = settings?.type === 'ObjectExpression' ? findProperty(settings, 'sourceDir')?.value : undefined;
  const folder = scriptPath(sourceDir ? resolveValue(source, sourceDir as Node) : undefined);
  return name && folder && !name.startsWith('/') ? `${folder}/${name}` : undefined;
}

/** `'./server.js'`, `path.join(__dirname, 'cli.js')`, `__dirname + '/app.js'` as a path relative to the file. */
function scriptPath(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const value = unwrapExpression(node);
  const literal = getStaticString(value);
  if (literal !== undefined) return /^\.{1,2}\//.test(literal) ? literal : undefined;
  if (value.type === 'BinaryExpression' && value.left.type === 'Identifier' && value.left.name === '__dirname') {
    const rest = getStaticString(value.right);
    return rest?.startsWith('/') ? `.${rest}` : undefined;
  }
  if (value.type !== 'CallExpression' || !/^path\.(?:join|resolve)$|^(?:join|resolve)$/.test(getCalleeName(value) ?? '')) return undefined;
  const [base, ...parts] = value.arguments;
  const segments = parts.map((part) => getStaticString(part));
  if (base?.type !== 'Identifier' || base.name !== '__dirname' || segments.length === 0 || segments.some((segment) => segment === undefined)) return undefined;
  return `./${segments.join('/')}`;
}

function reportOnce(reported: Set<string>, file: string, range: OffsetRange, emit: () => void): void {
  const key = `${file}:${range[0]}`;
  if (reported.has(key)) return;
  reported.add(key);
  emit();
}

/** Declared entry points, or else every file that starts a server and that no other file imports. */
function importsServerModule(statement: Node): boolean {
  if (statement.type === 'ImportDeclaration') return SERVER_MODULES.test(statement.source.value);
  let found = false;
  walkSubtree(statement, (node) => {
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require') found = SERVER_MODULES.test(getStaticString(node.arguments[0]) ?? '');
    return !found && node.type !== 'FunctionDeclaration' && node.type !== 'ArrowFunctionExpression' && node.type !== 'FunctionExpression';
  });
  return found;
}

/**
 * `var server = http.createServer(…)` in `runTest`, listened on in one of its callbacks and closed by one of its own
 * helpers (`function timeout() { server.close(); … }`) once the test is done or has timed out: a listener for one
 * task, not a server the platform stops. A close handed to something else to run later (`serv.onRelease(() =>
 * server.close())`, `{ close: () => server.close() }`, a stop-signal handler) keeps it a server.
 */
function isShortLived(call: TSESTree.CallExpression, receiver: string): boolean {
  const owner = declaringFunction(call, receiver);
  let closes = false;
  if (owner) {
    walkSubtree(owner.body, (node) => {
      if (node.type === 'CallExpression' && getCalleeName(node) === `${receiver}.close` && closedByTaskItself(node, owner)) closes = true;
      return !closes;
    });
  }
  return closes;
}

/** The function whose top-level `var`/`let`/`const` declares `name`. */
function declaringFunction(node: Node, name: string): FunctionNode | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (!isFunctionNode(current)) continue;
    const statements = current.body.type === 'BlockStatement' ? current.body.body : [];
    if (statements.some((statement) => statement.type === 'VariableDeclaration' && statement.declarations.some((declarator) => declarator.id.type === 'Identifier' && declarator.id.name === name))) return current;
  }
  return undefined;
}

/** A close in the task's own flow or in a helper function it declares, not in a function handed to another call or object. */
function closedByTaskItself(call: Node, owner: Node): boolean {
  for (let current = call.parent; current && current !== owner; current = current.parent) {
    if (isFunctionNode(current)) return current.type === 'FunctionDeclaration' || current.parent?.type === 'VariableDeclarator';
  }
  return true;
}

/**
 * A start inside a class method or a function the module exports (`module.exports = function serve(port)`,
 * `exports.start = …`, `export function listen`, `Server.prototype.start = …`, a method a constructor
 * function gives each instance: `this.start = function start(port)`, a method of the object the module
 * exports: `const app = module.exports = {}; app.listen = function (cb)`): API that other code calls.
 */
function embeddableStart(source: SourceCode, start: Node): boolean {
  for (let node: Node | undefined = start.parent; node; node = node.parent) {
    if (node.type === 'MethodDefinition' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') return true;
    const assignedTo = isFunctionNode(node) && node.parent?.type === 'AssignmentExpression' && node.parent.right === node ? getMemberPath(node.parent.left) : undefined;
    if (assignedTo && (/^(?:module\.exports|exports)\b|\.prototype\.|^this\.\w+$/.test(assignedTo.join('.')) || (assignedTo.length === 2 && exportedObjectName(source) === assignedTo[0]))) return true;
  }
  return false;
}

/** `const app = module.exports = {}`: the name of the object a module exports and fills in, member by member. */
function exportedObjectName(source: SourceCode): string | undefined {
  return /^(?:const|let|var)\s+([\w$]+)\s*=\s*module\.exports\s*=\s*\{\s*\}/m.exec(source.text)?.[1];
}

/** Notes the stop-signal handler `call` installs, if it installs one; true for a SIGTERM handler that may close something. */
function collectSignalHandler(source: SourceCode, call: TSESTree.CallExpression, facts: ShutdownFacts): boolean {
  const method = processListenerMethod(source, call.callee);
  if (!method || !LISTENER_METHODS.has(method) || !call.arguments[0]) return false;
  // `for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, …)`: a signal chosen in code that names SIGTERM.
  const signal = getStaticString(call.arguments[0]) ?? (/['"`]SIGTERM['"`]/.test(source.text) ? 'SIGTERM' : undefined);
  const handler = call.arguments[1] && (handlerBody(source, call.arguments[1]) ?? methodHandlerBody(source, call.arguments[1]));
  if (signal && (signal === 'SIGTERM' || STOP_SIGNALS.has(signal)) && handler && reRaisesAtOnce(handler)) return false;
  if (signal && (signal === 'SIGTERM' || STOP_SIGNALS.has(signal)) && handler && onlySignalsChildren(handler)) {
    facts.forwardsSignals = true;
  } else if (signal === 'SIGTERM' && isOptIn(source, call)) {
    facts.handlesSigtermOnOptIn = true;
  } else if (signal === 'SIGTERM') {
    const exits = handler !== undefined && (exitsWithoutClosing(handler) || callsExitingWrapper(source, handler));
    if (exits) {
      facts.exitsWithoutClosing.push(call.range);
      facts.exitsOnSigterm = true;
    } else {
      facts.handlesSigterm = true;
      return true;
    }
  } else if (signal && STOP_SIGNALS.has(signal)) {
    facts.otherSignals.push({ signal, range: call.range, stops: call.arguments[1] !== undefined && stopsSomething(source, call.arguments[1]) });
  }
  return false;
}

/** `() => { child.removeAllListeners('exit'); child.kill(); }`: signals a child, and neither exits nor closes anything. */
function onlySignalsChildren(body: Node): boolean {
  return calls(body, (name) => /\.kill$/.test(name)) && !calls(body, (name) => name === 'process.exit') && !mayClose(body);
}

/**
 * What the named function around `call` calls, and whether it installs the SIGTERM handler; the calls the file
 * makes into its own modules (`_index.ParseServer.createLiveQueryServer()`), by name. Facts kept for every file
 * cost memory on large trees: only calls through relative imports can reach another module's handler.
 */
function noteFunctionFacts(call: TSESTree.CallExpression, facts: ShutdownFacts, installsSigterm: boolean, localModules: ReadonlySet<string>): void {
  const owner = ownerFunctionName(call);
  if (installsSigterm) {
    if (owner) facts.functions.installSigterm.push(owner);
    else facts.functions.sigtermOnLoad = true;
  }
  const name = getCalleeProperty(call) ?? (call.callee.type === 'Identifier' ? call.callee.name : undefined);
  if (!name) return;
  if (callsIntoLocalModule(call, localModules) && !ownValue(facts.calls, name)) facts.calls[name] = call.range;
  if (!owner) return;
  const callees = ownValue(facts.functions.calls, owner) ?? (facts.functions.calls[owner] = []);
  if (!callees.includes(name)) callees.push(name);
}

/** `server.start()` through `const server = require('./server')`, also `require('../lib/ParseServer').startApp()`. */
function callsIntoLocalModule(call: TSESTree.CallExpression, localModules: ReadonlySet<string>): boolean {
  let root: Node = unwrapExpression(call.callee);
  while (root.type === 'MemberExpression') root = unwrapExpression(root.object);
  if (root.type === 'Identifier') return localModules.has(root.name);
  return requiredSpecifier(root)?.startsWith('.') ?? false;
}

/** The functions that run any of `targets`, directly or through each other, by name; the targets among them. */
function callersOf(calls: Readonly<Record<string, readonly string[]>>, targets: readonly string[]): Set<string> {
  const found = new Set(targets);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, callees] of Object.entries(calls)) {
      if (found.has(name) || !callees.some((callee) => found.has(callee))) continue;
      found.add(name);
      grew = true;
    }
  }
  return found;
}

/**
 * `ParseServer.createLiveQueryServer(…)` in a bin, where ParseServer.js installs its SIGTERM handler only in
 * `configureListeners()`, which `start()` runs and `createLiveQueryServer()` does not: the entry starts a
 * module's server by a path that never installs that module's handler. Silent whenever the entry, or a module
 * importing the handler's module, calls a function that installs it: names are matched without types.
 */
function bypassedShutdown(entry: string, facts: readonly { file: string; facts: ShutdownFacts }[], importsOf: (file: string) => readonly string[], paths: ReadonlySet<string>) {
  const installers = facts.filter((item) => item.facts.handlesSigterm);
  if (installers.length === 0 || installers.some(({ file, facts: fileFacts }) => file === entry || fileFacts.functions.sigtermOnLoad)) return undefined;
  const factsOf = new Map(facts.map((item) => [item.file, item.facts]));
  // The modules between the entry and each handler's module: where the entry's way in is written.
  const chains = new Map(installers.map(({ file }) => [file, importChain(entry, file, importsOf, paths)]));
  const importersOf = (file: string) => facts.filter((item) => item.file !== file && importsOf(item.file).some((specifier) => resolveImport(item.file, specifier, paths) === file)).map((item) => item.file);
  const callsOf = (files: readonly string[]) => files.flatMap((file) => Object.entries(factsOf.get(file)?.calls ?? {}).map(([name, range]) => ({ file, name, range })));
  for (const { file, facts: fileFacts } of installers) {
    const installing = callersOf(fileFacts.functions.calls, fileFacts.functions.installSigterm);
    if (callsOf([...chains.get(file)!, ...importersOf(file)]).some(({ name }) => installing.has(name))) return undefined;
  }
  for (const { file, facts: fileFacts } of installers) {
    const starting = callersOf(fileFacts.functions.calls, fileFacts.functions.start);
    const call = callsOf(chains.get(file)!).find(({ name }) => starting.has(name));
    if (call) return { ...call, installer: fileFacts.functions.installSigterm[0] };
  }
  return undefined;
}

/** The modules on the shortest import path from `entry` to `target`, `target` left out. */
function importChain(entry: string, target: string, importsOf: (file: string) => readonly string[], paths: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string | undefined>([[entry, undefined]]);
  for (const queue = [entry]; queue.length > 0; ) {
    const file = queue.shift()!;
    if (file === target) break;
    for (const specifier of importsOf(file)) {
      const next = resolveImport(file, specifier, paths);
      if (next && !cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  const chain: string[] = [];
  for (let file = cameFrom.get(target); file !== undefined; file = cameFrom.get(file)) chain.unshift(file);
  return chain;
}

/** `process.on`, also after `process.removeAllListeners('SIGINT')` (listener methods return process): the method, when it is process's. */
function processListenerMethod(source: SourceCode, callee: Node): string | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  let receiver = unwrapExpression(callee.object);
  while (receiver.type === 'CallExpression' && receiver.callee.type === 'MemberExpression' && LISTENER_CHAIN.test(getMemberName(receiver.callee) ?? '')) receiver = unwrapExpression(receiver.callee.object);
  return isProcessReceiver(source, receiver) ? getMemberName(callee) : undefined;
}

/**
 * `process`, also imported from its module and compiled (`import_node_process.default` after esbuild's `__toESM(require('node:process'))`),
 * and process handed in as a parameter so tests can replace it (`function registerExitHandlers(_process, node) { _process.on('SIGINT', …) }`).
 */
function isProcessReceiver(source: SourceCode, receiver: Node): boolean {
  if (receiver.type === 'Identifier' && receiver.name === 'process') return isProcessObject(source, receiver);
  if (receiver.type === 'Identifier' && INJECTED_PROCESS.test(receiver.name)) return true;
  const local = moduleLocal(receiver);
  return local !== undefined && /^(?:node:)?process$/.test(modulesByLocalName(source.ast).get(local.name) ?? '');
}

const LISTENER_CHAIN = /^(?:removeAllListeners|removeListener|off|on|once)$/;
const INJECTED_PROCESS = /^_+process$|^(?:proc|processObject|nodeProcess)$/;

/** Inside `if (process.env.HANDLE_SIGNALS === 'true')` or `process.env.X && …`: off unless someone sets it. */
function isOptIn(source: SourceCode, call: Node): boolean {
  let child: Node = call;
  for (let parent = call.parent; parent && parent.type !== 'Program'; child = parent, parent = parent.parent) {
    const test = parent.type === 'IfStatement' && parent.consequent === child ? parent.test : parent.type === 'LogicalExpression' && parent.operator === '&&' && parent.right === child ? parent.left : undefined;
    if (!test) continue;
    const text = source.getText(test);
    if (/process\.env\b/.test(text) && !/NODE_ENV/.test(text) && !/^\s*!/.test(text)) return true;
  }
  return false;
}

/** The function a handler argument names: inline, or a function declared in the same file. */
function handlerBody(source: SourceCode, argument: Node): Node | undefined {
  const handler = unwrapExpression(argument);
  if (handler.type === 'ArrowFunctionExpression' || handler.type === 'FunctionExpression') return handler.body;
  if (handler.type !== 'Identifier') return undefined;
  const declaration = source.ast.body.find((statement) => statement.type === 'FunctionDeclaration' && statement.id?.name === handler.name);
  if (declaration?.type === 'FunctionDeclaration') return declaration.body;
  const assigned = source.constInitializer(handler, handler.name);
  return assigned?.type === 'ArrowFunctionExpression' || assigned?.type === 'FunctionExpression' ? assigned.body : undefined;
}

/** `this._onSignal` where the class sets `this._onSignal = (signal) => { … }`: the function's body. */
function methodHandlerBody(source: SourceCode, argument: Node): Node | undefined {
  const handler = unwrapExpression(argument);
  if (handler.type !== 'MemberExpression' || handler.object.type !== 'ThisExpression') return undefined;
  const name = getMemberName(handler);
  let body: Node | undefined;
  walkSubtree(source.ast, (node) => {
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'ThisExpression' && getMemberName(node.left) === name && (node.right.type === 'ArrowFunctionExpression' || node.right.type === 'FunctionExpression')) body = node.right.body;
    return body === undefined;
  });
  return body;
}

/**
 * `() => { this.flushSync(); process.kill(process.pid, signal); }`: a module's own cleanup that raises the signal again
 * at once, so the default death follows; it stops no server. One that waits first (`await pool.release()`) is left to count.
 */
function reRaisesAtOnce(body: Node): boolean {
  let reRaises = false;
  let waits = false;
  walkSubtree(body, (node) => {
    if (node !== body && isFunctionNode(node)) return false;
    if (node.type === 'AwaitExpression') waits = true;
    if (node.type === 'CallExpression' && getCalleeName(node) === 'process.kill' && node.arguments[0] && getMemberPath(node.arguments[0] as Node)?.join('.') === 'process.pid') reRaises = true;
    return true;
  });
  return reRaises && !waits;
}

/** A handler that calls more than logging, `process.exit` and `child.kill`, or a function named elsewhere (`process.on('SIGINT', close)`). */
function stopsSomething(source: SourceCode, argument: Node): boolean {
  const body = handlerBody(source, argument);
  if (!body) return unwrapExpression(argument).type === 'Identifier';
  return mayClose(body);
}

/**
 * `() => finalHandler(null, 'SIGTERM')` where `const finalHandler = pino.final(logger, (err) => { …; process.exit(0); })`:
 * a call to a wrapper whose callback only exits.
 */
function callsExitingWrapper(source: SourceCode, body: Node): boolean {
  const call = unwrapExpression(body.type === 'BlockStatement' && body.body.length === 1 && body.body[0].type === 'ExpressionStatement' ? body.body[0].expression : body);
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return false;
  const wrapper = source.constInitializer(call.callee, call.callee.name);
  return wrapper?.type === 'CallExpression' && wrapper.arguments.some((argument) => isFunctionNode(argument) && exitsWithoutClosing(argument.body));
}

/** `console.log`, `logger.info`, `this.logger.warn`, `util.log`, `log.error`, `finalLogger.info`: calls that only write a line. */
const LOGGING_CALL = /^(?:debug|info|warn|error)$|^(?:this\.)?(?:console|logger|log|l)\.\w+$|^(?:this\.)?\w*(?:[lL]og|[lL]ogger|util)\.(?:log|info|warn|error|debug|trace|fatal|notice)$|(?:^|\.)log(?:info|notice|warn|error|debug)?$/;

/**
 * Calls process.exit and nothing that might close something: logging, and methods whose names say they
 * do something else (`stats.timeEnd('runtime', () => process.exit())`). A function of the app's own
 * (`shutdown()`) or a method named for stopping (`server.close()`, `db.disconnect()`) might close what
 * matters, so the rule stays silent then rather than guess.
 */
function exitsWithoutClosing(...body: Node[]): boolean {
  return body.some((statement) => calls(statement, (name) => name === 'process.exit')) && !mayClose(...body);
}

/** Method names that may stop, close or hand the shutdown to something else: `close`, `stopAll`, `gracefulShutdown`, `end`, `emit`. */
const CLOSING_METHOD = /^(?:close|stop|shut|end|destroy|disconnect|quit|terminate|clean|teardown|dispose|release|drain|flush|finish|exit|abort|cancel|unsubscribe|unlisten|unref|emit|graceful)|close|stop|shutdown|destroy|disconnect|terminate|dispose|teardown|cleanup/i;

/**
 * Calls anything but logging, `process.exit` and methods named for something else than stopping.
 * `child.kill('SIGINT'); process.exit()`: signalling a child does not wait for it to finish.
 */
function mayClose(...body: Node[]): boolean {
  return body.some((statement) =>
    calls(statement, (name) => {
      if (name === 'process.exit' || LOGGING_CALL.test(name) || /\.kill$/.test(name)) return false;
      const method = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : undefined;
      return method === undefined || CLOSING_METHOD.test(method);
    }),
  );
}

function calls(root: Node, matches: (calleeName: string) => boolean): boolean {
  let found = false;
  walkSubtree(root, (node) => {
    if (node.type === 'CallExpression' && matches(getCalleeName(node) ?? '')) found = true;
    return !found;
  });
  return found;
}

const GRACEFUL_SETTING = /graceful/i;

/**
 * `if (cfg.graceful_shutdown) return gracefulShutdown(); process.exit(0)`, or the `else` of such a
 * check: a graceful shutdown exists but is opt-in, and the default path exits at once.
 */
function isDefaultExitOfOptInGrace(source: SourceCode, call: TSESTree.CallExpression): boolean {
  if (getCalleeName(call) !== 'process.exit') return false;
  let child: Node = call;
  for (let parent: Node | undefined = call.parent; parent && !isFunctionNode(parent); child = parent, parent = parent.parent) {
    if (parent.type === 'IfStatement' && parent.alternate === child && GRACEFUL_SETTING.test(source.getText(parent.test))) return exitsWithoutClosing(child);
    if (parent.type !== 'BlockStatement') continue;
    const index = parent.body.indexOf(child as TSESTree.Statement);
    const guard = parent.body.slice(0, index).findIndex((statement) => statement.type === 'IfStatement' && !statement.alternate && GRACEFUL_SETTING.test(source.getText(statement.test)) && endsWithReturn(statement.consequent));
    if (guard >= 0) return exitsWithoutClosing(...parent.body.slice(guard + 1, index + 1));
  }
  return false;
}

function endsWithReturn(statement: TSESTree.Statement): boolean {
  const last = statement.type === 'BlockStatement' ? statement.body.at(-1) : statement;
  return last?.type === 'ReturnStatement';
}

/** `app.listen(…)`, `server.listen(…)`, `fastify.listen(…)`, `http.createServer(…).listen(…)`, hapi `server.start()`. */
function serverStart(source: SourceCode, call: TSESTree.CallExpression, servesHttp: boolean, appClasses: ReadonlySet<string>, localModules: ReadonlySet<string>): ServerStart | undefined {
  const property = getCalleeProperty(call);
  if ((property !== 'listen' && property !== 'start' && property !== 'run') || call.callee.type !== 'MemberExpression') return undefined;
  const receiver = unwrapExpression(call.callee.object);
  // Where no server module is imported at the top, a server still shows by what made it (`http` required
  // inside a function), or, made elsewhere (`createApp()`, a factory), by its name and by being given a port.
  const created = creationOf(source, receiver);
  const madeElsewhere = property === 'listen' && (isNodeServer(source, created) || (listensOnPort(call) && (isNamedLikeServer(receiver) || madeByServerFactory(source, created) || isAppFactoryCall(created) || isLocalFactoryCall(created, localModules, appClasses))));
  // In a module that loads a server framework, an app it cannot trace (flatiron's `haibu.listen(options.port)`) still listens on the port it is given.
  // An instance of some class (`new Server(opts).listen(port)`) closes its own way, whatever its listen returns.
  const elsewhereKind = created?.type === 'NewExpression' && !isNodeServer(source, created) ? 'custom' : 'http';
  const kind = servesHttp
    ? (serverKind(source, receiver, created) ?? (property === 'listen' && listensOnPort(call) ? 'http' : undefined))
    : madeElsewhere ? elsewhereKind : (constructedServer(created, appClasses, localModules) ?? frameworkApplication(source, created, property));
  // `run` starts only a server class of its own (`new NodeMediaServer(config).run()`).
  if (!kind || (property === 'start' && kind !== 'hapi' && kind !== 'custom') || (property === 'run' && kind !== 'custom') || (property === 'listen' && kind === 'hapi') || isPortProbe(source, call, receiver)) return undefined;
  return { range: call.range, kind, receiver: source.getText(receiver), ...placement(source, call) };
}

/**
 * `create(app).listen(PORT, HOSTNAME)` where this file has `function create(app) { … return transport.createServer(app); }`:
 * a server made by a factory of the file, whatever module `transport` holds.
 */
function madeByServerFactory(source: SourceCode, created: Node | undefined): boolean {
  const factory = created?.type === 'CallExpression' ? resolveFunction(source, created.callee) : undefined;
  return (factory ? returnedValues(factory) : []).some((value) => {
    const returned = unwrapExpression(value);
    return returned.type === 'CallExpression' && /^create(?:Secure)?Server$/.test(getCalleeProperty(returned) ?? '');
  });
}

/** `createApi(queue, options).listen(port)`, `buildApp().listen(port)`: what a function named for making the app returned. */
function isAppFactoryCall(created: Node | undefined): boolean {
  return created?.type === 'CallExpression' && APP_FACTORY.test(getMemberPath(created.callee)?.at(-1) ?? '');
}

const APP_FACTORY = /^(?:create|make|build|init|setup)\w*(?:Api|App|Application|Server)$/;

/**
 * `createProxy().listen(port)` with `createProxy` imported from the package's own module, or slackin's bin calling the
 * package's own main by its name (`slackin(flags).listen(port, hostname)`): whatever it makes, it listens on a port.
 */
function isLocalFactoryCall(created: Node | undefined, localModules: ReadonlySet<string>, appClasses: ReadonlySet<string>): boolean {
  if (created?.type !== 'CallExpression' || created.callee.type !== 'Identifier' || !localModules.has(created.callee.name)) return false;
  return /^(?:create|make|build)[A-Z]/.test(created.callee.name) || appClasses.has(created.callee.name.toLowerCase());
}

/** Frameworks that listen as soon as they are called with a port: `require('zappajs')(port, host, app)`, `webappengine({ port, routes })`. */
const LISTENING_FRAMEWORKS: ReadonlySet<string> = new Set(['zappajs', 'zappa', 'webappengine']);
const LISTENING_FRAMEWORK_TEXT = /['"`](?:zappajs|zappa|webappengine)['"`]/;

function frameworkStart(call: TSESTree.CallExpression, bindings: ReadonlyMap<string, ModuleBinding>): ServerStart | undefined {
  const callee = unwrapExpression(call.callee);
  const called = calledExport(callee, bindings);
  const module = requiredSpecifier(callee) ?? (called && (called.exported ?? 'default') === 'default' ? called.module : undefined);
  return module && LISTENING_FRAMEWORKS.has(module) && listensOnPort(call) ? { range: call.range, kind: 'custom', receiver: module } : undefined;
}

/** `promisify(server.listen, server)`, `server.listen.bind(server)`: `listen` handed to a helper that calls it. */
function listenHandedOn(source: SourceCode, member: TSESTree.MemberExpression): ServerStart | undefined {
  const parent = member.parent;
  if (getMemberName(member) !== 'listen' || (parent?.type === 'CallExpression' && parent.callee === member)) return undefined;
  const isHanded = parent?.type === 'CallExpression' || (parent?.type === 'MemberExpression' && parent.object === member && /^(?:bind|call|apply)$/.test(getMemberName(parent) ?? ''));
  const receiver = unwrapExpression(member.object);
  const kind = isHanded ? serverKind(source, receiver, creationOf(source, receiver)) : undefined;
  return kind === 'http' ? { range: member.range, kind, receiver: source.getText(receiver) } : undefined;
}

/** A receiver named like a server (`app`, `server`, `webServer`, `httpsServer`) in a file that imports a server module. */
const SERVER_NAME = /^(?:app|appInstance|server|[a-z]\w*Server|[a-z]\w*App)$/;

/** `server.listen(port, () => server.close(launch))`: checking that the port is free, then letting it go. */
function isPortProbe(source: SourceCode, call: TSESTree.CallExpression, receiver: Node): boolean {
  const callback = call.arguments.at(-1);
  if (!callback || (callback.type !== 'ArrowFunctionExpression' && callback.type !== 'FunctionExpression')) return false;
  const closer = `${source.getText(receiver)}.close`;
  let closes = false;
  // Only a close the callback runs itself: one inside a function it hands out (`close: () => server.close()`) runs later, if ever.
  walkSubtree(callback.body, (node) => {
    if (node.type === 'CallExpression' && getCalleeName(node) === closer) closes = true;
    return !closes && !isFunctionNode(node);
  });
  return closes;
}

/** `app`, `webServer`, and the same kept on the instance: `this.expressApp`, `this.httpServer`. */
function isNamedLikeServer(receiver: Node): boolean {
  // `this.server`, `state.server`: a server kept on an object.
  if (receiver.type === 'MemberExpression') return SERVER_NAME.test(getMemberName(receiver) ?? '');
  return receiver.type === 'Identifier' && SERVER_NAME.test(receiver.name);
}

/**
 * `listen(3000)`, `listen(argv.port, host)`, `listen({ port })`, `listen(config.get('server.port'))`, `listen(options.listen)`,
 * `listen(argv.p)`: the first argument is a port, the listen setting or a command-line option.
 */
function listensOnPort(call: TSESTree.CallExpression): boolean {
  const first = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!first) return false;
  if (first.type === 'Literal') return typeof first.value === 'number' && first.value > 0 && first.value < 65536;
  if (first.type === 'ObjectExpression') return findProperty(first, 'port') !== undefined;
  if (first.type === 'CallExpression' && /(?:^|\.)port$/i.test(getStaticString(first.arguments[0]) ?? '')) return true;
  const path = getMemberPath(first) ?? [];
  return /(?:port|^listen)$/i.test(path.at(-1) ?? '') || (path.length === 2 && COMMAND_LINE.test(path[0]));
}

/** What a command-line parser returns: `argv.p` is an option the operator gave. */
const COMMAND_LINE = /^(?:argv|args|program|cli|flags)$/;

/** What the receiver was created by; undefined when it is not recognisably a server. */
function serverKind(source: SourceCode, receiver: Node, created: Node | undefined): ServerKind | undefined {
  if (!created || (created.type !== 'CallExpression' && created.type !== 'NewExpression')) return isNamedLikeServer(receiver) ? 'http' : undefined;
  const name = creatorName(source, created);
  if (/(?:^|\.)NestFactory\.create(?:Microservice)?$/.test(name)) return 'nest';
  if (/^(?:fastify|Fastify)$|\.fastify$/.test(name)) return 'fastify';
  if (/^(?:Hapi\.server|Hapi\.Server|hapi\.server|server|Server)$/.test(name) && /hapi/.test(source.text)) return 'hapi';
  if (/(?:^|\.)(?:createServer|createSecureServer|SMTPServer)$|^(?:express|Koa|koa|restify\.createServer|polka)$/.test(name) || NODE_SERVER_CLASS.test(name)) return 'http';
  return constructedServer(created);
}

/** Methods that set an app or server up and return it: `express().disable('x-powered-by')`, `new Koa().use(logger)`, `server.on('request', handle)`. */
const SETUP_CHAIN_METHOD = /^(?:use|set|enable|disable|engine|on|once)$/;

/**
 * What made the value a receiver holds: `express()`, `http.createServer(app)`, `await NestFactory.create(…)`, `express().disable(…)`,
 * and through a variable in the chain: `server.on('request', handle).listen(port)` after `var server = http.createServer()`.
 */
function creationOf(source: SourceCode, receiver: Node): Node | undefined {
  const local = receiver.type === 'Identifier' ? source.stableInitializer(receiver, receiver.name) : undefined;
  const origin = local ?? memberOfObjectLiteral(source, receiver) ?? resolveVariable(source, receiver);
  let created = origin && unwrapExpression(origin.type === 'AwaitExpression' ? origin.argument : origin);
  while (created?.type === 'CallExpression' && created.callee.type === 'MemberExpression' && SETUP_CHAIN_METHOD.test(getMemberName(created.callee) ?? '')) {
    const object = unwrapExpression(created.callee.object);
    const made = object.type === 'Identifier' ? unwrapExpression(source.stableInitializer(object, object.name) ?? resolveVariable(source, object)) : object;
    if (made.type !== 'CallExpression' && made.type !== 'NewExpression') break;
    created = made;
  }
  return created;
}

/**
 * `new commons_server_1.MockoonServer(environment)`: an instance of some package's server class,
 * though not of those that serve nothing themselves (Apollo's, which an HTTP server mounts) or only
 * in development and tests (`MongoMemoryServer`, `WebpackDevServer`).
 */
function constructedServer(created: Node | undefined, appClasses: ReadonlySet<string> = new Set(), localModules: ReadonlySet<string> = new Set()): ServerKind | undefined {
  if (created?.type !== 'NewExpression') return undefined;
  const callee = unwrapExpression(created.callee);
  // `new (require('../src/main').Stubby)()`: the class is a member of a module required in place.
  // tsc names the class after its module with a counter: `new TableServer_1.default(config)`.
  const name = withoutCompiledCounter(getCalleeName(created)?.split('.').pop() ?? (callee.type === 'MemberExpression' ? getMemberName(callee) : undefined) ?? '');
  // `const Server = require('./lib/server'); new Server(config).start()`: the package's own server class.
  const ownServer = name === 'Server' && callee.type === 'Identifier' && localModules.has(name);
  return (/\wServer$/.test(name) && !/Apollo|Memory|Dev|Test/.test(name)) || ownServer || appClasses.has(name.toLowerCase()) ? 'custom' : undefined;
}

/** Words too general to name a package's own application class. */
const GENERIC_PACKAGE_WORDS = new Set(['server', 'core', 'node', 'service', 'services', 'api', 'app', 'lib', 'cli', 'main', 'http']);

/** Frameworks whose application class serves once started, with the method that starts it. */
const FRAMEWORK_APPLICATIONS: Readonly<Record<string, string>> = { thinkjs: 'run' };

/** `const Application = require('thinkjs'); new Application({ ROOT_PATH }).run()`: a framework's app, which serves when run. */
function frameworkApplication(source: SourceCode, created: Node | undefined, method: string): ServerKind | undefined {
  const callee = created?.type === 'NewExpression' ? unwrapExpression(created.callee) : undefined;
  const module = callee?.type === 'Identifier' ? modulesByLocalName(source.ast).get(callee.name) : undefined;
  return module !== undefined && ownValue(FRAMEWORK_APPLICATIONS, module) === method ? 'custom' : undefined;
}

/** `deepstream` for @deepstream/server: `new Deepstream().start()` there starts the package's own server. */
function ownClassNames(packageName: string | undefined): ReadonlySet<string> {
  return new Set((packageName ?? '').toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length >= 4 && !GENERIC_PACKAGE_WORDS.has(word)));
}

/** `require('http').Server(app)`, `new https.Server(options, app)`: Node's server classes, which make a server as `createServer` does. */
const NODE_SERVER_CLASS = /^(?:node:)?(?:https?|net|tls)\.Server$/;

/** Created by Node's own `http.createServer(app)` (or https, http2, net, tls, or their `Server` classes), wherever the module was required. */
function isNodeServer(source: SourceCode, created: Node | undefined): boolean {
  if (created?.type !== 'CallExpression' && created?.type !== 'NewExpression') return false;
  const name = creatorName(source, created);
  return /^(?:node:)?(?:https?|http2|net|tls)\.create(?:Secure)?Server$/.test(name) || NODE_SERVER_CLASS.test(name);
}

/** The dotted name of what a call runs, through a `const` that holds it: `createHttpServer` after `const createHttpServer = require('http').createServer`. */
function creatorName(source: SourceCode, call: TSESTree.CallExpression | TSESTree.NewExpression): string {
  const callee = unwrapExpression(call.callee);
  // `(0, express_1.default)()`, as tsc compiles `express()`: a local bound to the whole module calls the module.
  const path = getMemberPath(callee);
  const compiled = path?.length === 1 && withoutCompiledCounter(path[0]) !== path[0] ? bindingsByLocalName(source.ast, () => true).get(path[0]) : undefined;
  if (compiled && compiled.exported === undefined) return compiled.module;
  const held = callee.type === 'Identifier' ? source.constInitializer(callee, callee.name) : undefined;
  const alias = held && unwrapExpression(held);
  if (alias?.type === 'MemberExpression') return getMemberPath(alias)?.join('.') ?? requiredMember(alias) ?? '';
  return getCalleeName(call) ?? requiredMember(callee) ?? '';
}

/** `require('http').createServer` as `http.createServer`. */
function requiredMember(callee: Node): string | undefined {
  if (callee.type !== 'MemberExpression') return undefined;
  const module = requiredSpecifier(unwrapExpression(callee.object));
  const method = getMemberName(callee);
  return module && method ? `${module.replace(/^node:/, '')}.${method}` : undefined;
}

const SERVER_BINDING_NAMES = ['server', 'httpServer', 'server2', 'serverInstance'];

/** A name for the server that no code in the file uses, in any scope: binding it cannot shadow or collide. */
function unusedName(source: SourceCode): string {
  const free = (name: string) => !new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(source.text);
  return SERVER_BINDING_NAMES.find(free) ?? Array.from({ length: 100 }, (_, index) => `server${index + 3}`).find(free) ?? 'listeningServer';
}

/** Where a handler can go: after the statement that is the call, or that binds its result. */
function placement(source: SourceCode, call: TSESTree.CallExpression): Pick<ServerStart, 'boundName' | 'statement'> {
  const value = call.parent?.type === 'AwaitExpression' ? call.parent : call;
  const holder = value.parent;
  if (holder?.type === 'ExpressionStatement') return { statement: { range: holder.range, indent: source.indentOf(holder), freeName: unusedName(source) } };
  if (holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && holder.parent?.type === 'VariableDeclaration') {
    const declaration = holder.parent;
    return { boundName: holder.id.name, statement: { range: declaration.range, indent: source.indentOf(declaration), freeName: holder.id.name } };
  }
  return {};
}

/** Inserts a SIGTERM handler after the statement that starts the server, binding the server first if needed. */
function shutdownFix(start: ServerStart): FixSpec | undefined {
  const statement = start.statement;
  // How a server class of another package closes is for its docs to say, not for a guess.
  if (!statement || start.kind === 'custom') return undefined;
  const changes: { type: 'replace'; range: OffsetRange; text: string }[] = [];
  let closer: string;
  if (start.kind === 'http') {
    let server = start.boundName;
    if (!server) {
      server = statement.freeName;
      changes.push({ type: 'replace', range: [statement.range[0], statement.range[0]], text: `const ${server} = ` });
    }
    closer = `${server}.close(() => process.exit(0));`;
  } else {
    closer = `${start.receiver}.${start.kind === 'hapi' ? 'stop' : 'close'}().then(() => process.exit(0));`;
  }
  const indent = statement.indent;
  const handler = [
    '',
    `${indent}process.on('SIGTERM', () => {`,
    `${indent}  ${closer}`,
    `${indent}  setTimeout(() => process.exit(1), 10_000).unref();`,
    `${indent}});`,
  ].join('\n');
  changes.push({ type: 'replace', range: [statement.range[1], statement.range[1]], text: handler });
  return { title: 'Close the server gracefully on SIGTERM', changes };
}
