/**
 * Factor V: a release is a build plus config, fixed once made; the run stage executes it as is.
 * A running process that installs packages, pulls code or compiles changes what is running into
 * something no build produced and no release recorded: it cannot be rolled back, differs between
 * instances, and breaks when the registry or the repository is unreachable.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { isBuiltin } from 'node:module';
import { defineProjectRule } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import type { Visitors } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import { isArchiveModule, unpackingOf, unpacksCode } from '../_utils/archives';
import { enclosingFunction, getCalleeProperty, getMemberName, getMemberPath, getStaticString, isFunctionNode, requiredSpecifier, unwrapExpression } from '../_utils/ast';
import { inDevelopmentOnlyBranch } from '../_utils/branches';
import { bundlerOfCall, COMPILING_MIDDLEWARE_MODULES, compilingMiddlewareOfCall, instanceBundlerOfCall, isBundlerModule, isDevServerModule } from '../_utils/bundlers';
import { bootCallsInto, CallGraphBuilder, callSiteOf, callText, emptyCallGraph, foundFrom, functionName, isBootFunctionName, runsWhereWritten, type CallSite, type FileCallGraph } from '../_utils/callGraph';
import { commandVisitors, processCommands, runsInOwnFolder, type HelperCall, type ProcessCall } from '../_utils/childProcess';
import { cliCommandOf, isOperatorCommandModule, SERVER_COMMAND_NAME } from '../_utils/cliCommands';
import { BUILD_SCRIPT, buildTool, isInstallVerb, OS_PACKAGE_MANAGER, packageManagerCommand, vcsCommand } from '../_utils/commands';
import { importVisitors } from '../_utils/importSpecifiers';
import { bindingsByLocalName, modulesByLocalName, type ModuleBinding } from '../_utils/imports';
import { projectPath } from '../_utils/modules';
import { programName, programWords, type ShellWord } from '../_utils/shell';
import { devOnlyFiles } from '../_utils/sourceRoles';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'install' | 'systemInstall' | 'checkout' | 'build' | 'unpack' | 'bundle' | 'compile' | 'assetBuild' | 'bootInstall';

interface RunTimeCommand {
  readonly range: OffsetRange;
  readonly messageId: MessageId;
  readonly command: string;
}

/** What a file contributes. Plain data: it crosses scan workers. */
interface RunTimeFacts {
  readonly commands: RunTimeCommand[];
  /** Which named functions install, and what they call: to find startup code that hands over to an installer. */
  graph: FileCallGraph<MessageId>;
  /** Calls of methods named for installing packages on another object (`service.installOrUpdateNpmPackage(name)`). */
  readonly installerCalls: { range: OffsetRange; name: string; text: string }[];
}

/** Findings that put code into the app, which startup code may reach. */
const INSTALLS: ReadonlySet<MessageId> = new Set(['install', 'systemInstall', 'unpack']);
/** Functions whose name says they install (`installPackage`, `reinstallMissing`): the installer's entry, where startup hands over. */
const INSTALLER_NAME = /install/i;
/** Methods named for adding or removing packages: `installOrUpdateNpmPackage`, `removeNpmPackage`, `uninstallPlugin`. */
const INSTALLER_METHOD_NAME = '(?:(?:re|un)?install|remove|update|upgrade)\\w*(?:Package|Module|Plugin)s?';
const INSTALLER_METHOD = new RegExp(`^${INSTALLER_METHOD_NAME}$`);

/** `meta.js.minify`, `Meta.css.minify`, `assets.styles.compile`: the app's own asset pipeline, named by what it builds. */
const ASSET_BUILD_TEXT = /\.(?:js|css|less|sass|scss|styles?|scripts?|assets?)\.(?:minify|compile|build|bundle)\b/;
const ASSET_KIND = /^(?:js|css|less|sass|scss|styles?|scripts?|assets?)$/;
const ASSET_BUILD_METHOD = /^(?:minify|compile|build|bundle)$/;

export default defineProjectRule<MessageId, RunTimeFacts>({
  id: 'build-release-run/no-runtime-install',
  severity: 'warning',
  description: 'The running app installs packages, unpacks plugins, pulls or clones code, or compiles and bundles: work that belongs to the build stage.',
  triggers: new RegExp(
    [
      /child_process|\bexeca\b|cross-spawn|shelljs|\bzx\b|\b(?:npm|yarn|pnpm)\b|commands\.(?:install|update|uninstall)/.source,
      `\\.${INSTALLER_METHOD_NAME}\\s*\\(`,
      /['"`](?:tar|tar-fs|unzipper|extract-zip|decompress|adm-zip|rollup|rolldown|webpack|@rspack\/core|esbuild|vite|@parcel\/core|browserify|grunt|gulp)['"`]/.source,
      `['"\`](?:${COMPILING_MIDDLEWARE_MODULES.join('|')})['"\`]`,
      ASSET_BUILD_TEXT.source,
    ].join('|'),
  ),
  messages: {
    install:
      'The running app runs `{{command}}`. Changing node_modules at run time produces code no build made and no release recorded: instances drift apart, rollbacks do not restore it, and a registry outage breaks the app. Install dependencies in the build stage.',
    systemInstall:
      'The running app runs `{{command}}`, installing system packages into the machine it runs on. The release no longer describes what runs: each instance ends up different, a restart on a fresh machine loses it, and the install fails without network or root. Install it in the image at build time.',
    checkout:
      'The running app runs `{{command}}` on its own folder. Code fetched at run time bypasses build and release entirely, so what runs is no longer a versioned release: deploy a new release instead.',
    build:
      'The running app runs `{{command}}`. Compiling or bundling is the build stage\'s job: done at run time it slows every start, needs build tools in production and can produce something other than what was tested.',
    unpack:
      'The running app unpacks an archive with {{command}} into a folder of code (plugins, extensions or node_modules). Code that arrives at run time was never built or released: instances drift apart, a rollback does not remove it, and the download can fail. Add plugins in the build stage.',
    compile:
      'This middleware ({{command}}) compiles stylesheets or scripts when they are requested, so the running server builds its own assets: it needs compilers in production, writes output no release recorded, and the first visitors wait for it. Compile stylesheets and scripts in the build stage and serve the output as static files.',
    assetBuild:
      'The running app builds its assets with `{{command}}`, writing minified scripts or compiled stylesheets into the release at run time. Each start and instance rebuilds them, production needs the build tools, and what is served was never tested as a release: build assets in the build stage and serve the output.',
    bundle:
      'This server module loads the bundler {{command}} and builds with it while the app runs. Bundling is the build stage\'s job: done at run time it needs build tools in production, differs between instances and can produce something other than what was tested. Bundle in the build stage and ship the output.',
    bootInstall:
      '`{{command}}` installs code while the app starts. Every instance and every restart installs again, from a registry that may be down, and may get other versions than the release was tested with: install in the build stage, and fail at start when something is missing.',
  },
  initial: () => ({ commands: [], graph: emptyCallGraph(), installerCalls: [] }),
  collect({ source, project, collected }) {
    const graph = new CallGraphBuilder<MessageId>();
    const reported = new Set<Node>();
    const report: Report = (at, messageId, command) => {
      // `app install <plugin>` typed by an operator is an admin command, not the running server.
      if (reported.has(at) || isOperatorCommand(at)) return;
      reported.add(at);
      collected.commands.push({ range: at.range, messageId, command });
      const owner = INSTALLS.has(messageId) ? ownerName(at) : undefined;
      if (owner) graph.addFound(owner, messageId);
    };
    return mergeVisitors(
      commandVisitors(
        source,
        (call) => checkProcessCall(source, call, report),
        (call) => checkCommandHelper(call, report),
      ),
      {
        CallExpression: (node) => {
          const call = node as TSESTree.CallExpression;
          checkNpmApi(call, report, source);
          const name = call.callee.type === 'MemberExpression' && call.callee.object.type !== 'ThisExpression' ? getMemberName(call.callee) : undefined;
          if (!name || !INSTALLER_METHOD.test(name) || isOperatorCommand(call)) return;
          collected.installerCalls.push({ range: call.range, name, text: `${source.getText(call.callee)}()` });
          // `registry.installModule(name, version)` of `@node-red/registry`: another package's installer, so the function calling it installs.
          const owner = PACKAGE_INSTALLER.test(name) && isPackageBinding(source, call.callee) ? ownerName(call) : undefined;
          if (owner) graph.addFound(owner, 'install');
        },
      },
      inProcessBuildVisitors(source, isBuildCommandFile(project.root, source.path), report),
      // Last: the visitors above report some installs only when the walk is done.
      callGraphVisitors(graph, () => (collected.graph = graph.build())),
    );
  },
  check({ project, files, report }) {
    const devOnly = devOnlyFiles(project, files);
    const paths = new Set(files.keys());
    const graphOf = (file: string) => (devOnly.has(file) ? undefined : files.get(file)?.collected.graph);
    // Startup code in several files may reach the same handover: each is reported once.
    const handovers = new Map<string, { file: string; site: CallSite }>();
    for (const [path, { collected }] of files) {
      if (devOnly.has(path) || isOperatorCommandModule(projectPath(project.root, path))) continue;
      for (const found of collected.commands) report(path, { at: found.range, messageId: found.messageId, data: { command: found.command } });
      for (const handover of bootCallsInto(path, INSTALLER_NAME, graphOf, paths, runsAtStart)) handovers.set(`${handover.file}:${handover.site.range[0]}`, handover);
    }
    for (const { file, site } of handovers.values()) report(file, { at: site.range, messageId: 'bootInstall', data: { command: callText(site) } });
    // A message or request handler calling the app's own installer on another object (a service it looked up) installs too.
    const installers = installerMethods(files, graphOf, paths);
    for (const [path, { collected }] of files) {
      if (devOnly.has(path) || isOperatorCommandModule(projectPath(project.root, path))) continue;
      for (const call of collected.installerCalls) {
        if (installers.has(call.name)) report(path, { at: call.range, messageId: 'install', data: { command: call.text } });
      }
    }
  },
});

/** Installers of npm packages or modules by their name, not updaters or removers: `installModule`, `installPackage`, `reinstallNpmPackages`. */
const PACKAGE_INSTALLER = /^(?:re)?install\w*(?:Package|Module)s?$/;

/** `registry.installModule`: a method of a binding imported from another package (not a relative module, not Node's). */
function isPackageBinding(source: SourceCode, callee: Node): boolean {
  const root = getMemberPath(callee)?.[0];
  const module = root === undefined ? undefined : modulesByLocalName(source.ast).get(root);
  return module !== undefined && !module.startsWith('.') && !module.startsWith('node:') && !isBuiltin(module);
}

/** Startup code, and the step that reinstalls what went missing since the last start (`checkForMissingPackages()`), which only startup runs. */
function runsAtStart(name: string): boolean {
  return isBootFunctionName(name) || /^(?:check|reinstall|restore|ensure|set)\w*Missing(?:[A-Z]\w*)?$/.test(name);
}

type Report = (at: Node, messageId: MessageId, command: string) => void;

/** Names of the app's methods named for installing that run a package install, themselves or through what they call. */
function installerMethods(files: ReadonlyMap<string, unknown>, graphOf: (file: string) => FileCallGraph<MessageId> | undefined, paths: ReadonlySet<string>): Set<string> {
  const names = new Set<string>();
  for (const file of files.keys()) {
    for (const name of Object.keys(graphOf(file)?.functions ?? {})) {
      if (INSTALLER_METHOD.test(name) && foundFrom({ file, name }, graphOf, paths).some(({ item }) => item === 'install')) names.add(name);
    }
  }
  return names;
}

/** npm lifecycle scripts that install or rebuild a package. */
const INSTALL_SCRIPT = /^(?:preinstall|install|postinstall)$/;

function isOperatorCommand(node: Node): boolean {
  const command = cliCommandOf(node);
  return command !== undefined && !SERVER_COMMAND_NAME.test(command);
}

function checkProcessCall(source: SourceCode, call: ProcessCall, report: Report): void {
  for (const command of processCommands(source, call)) {
    const found = classify(programWords(command), runsInOwnFolder(call));
    if (found) {
      report(call.target, found.messageId, found.command);
      return;
    }
  }
}

/** What a command does that has no place at run time. */
function classify(input: readonly ShellWord[], ownFolder: boolean): { messageId: MessageId; command: string } | undefined {
  // `node path/to/npm-cli.js install x`, the declared npm run through process.execPath.
  const words = programName(input[0]?.text ?? '') === 'node' && input[1] && /(?:^|[/\\])npm(?:-cli)?(?:\.js)?$|\bnpm\b/.test(input[1].dynamic ? input[1].hint ?? '' : input[1].text)
    ? [{ ...input[1], text: 'npm', dynamic: false }, ...input.slice(2)]
    : input;
  const osInstall = systemInstall(words);
  if (osInstall) return { messageId: 'systemInstall', command: osInstall };
  const pm = packageManagerCommand(words);
  if (pm && isInstallVerb(pm.verb)) return { messageId: 'install', command: shown(words, pm.verbWord ? words.indexOf(pm.verbWord) + 1 : 1, pm.manager) };
  // `npm run install --unsafe-perm` in a native module's folder: its install script rebuilds it in node_modules.
  if (pm?.script && INSTALL_SCRIPT.test(pm.script)) return { messageId: 'install', command: shown(words, words.indexOf(pm.verbWord!) + (pm.verb === 'run' ? 2 : 1), pm.manager) };
  if (pm?.script && BUILD_SCRIPT.test(pm.script)) return { messageId: 'build', command: shown(words, words.indexOf(pm.verbWord!) + (pm.verb === 'run' ? 2 : 1), pm.manager) };
  const tool = buildTool(words);
  if (tool) return { messageId: 'build', command: tool };
  const vcs = vcsCommand(words);
  if (vcs && ownFolder && !vcs.otherFolder) return { messageId: 'checkout', command: `git ${vcs.verb}` };
  return undefined;
}

/** `apt-get install -y chromium`, `apk add ffmpeg`, `pip install x` → the manager and its verb. */
function systemInstall(words: readonly ShellWord[]): string | undefined {
  const manager = words[0] && !words[0].dynamic ? programName(words[0].text) : undefined;
  if (!manager || !OS_PACKAGE_MANAGER.test(manager)) return undefined;
  const verb = words.slice(1).find((word) => !word.dynamic && !word.text.startsWith('-'));
  return verb && /^(?:install|add|reinstall|upgrade)$/.test(verb.text) ? `${manager} ${verb.text}` : undefined;
}

/** The command as the message shows it: the program and its verb, without arguments built at run time. */
function shown(words: readonly ShellWord[], count: number, program: string): string {
  return [program, ...words.slice(1, count).map((word) => (word.dynamic ? '…' : word.text))].join(' ');
}

/** `npm.commands.install(…)`, `npm.install(…)`, `bower.commands.install()` with the package manager loaded in-process. */
function checkNpmApi(call: TSESTree.CallExpression, report: Report, source: SourceCode): void {
  const callee = unwrapExpression(call.callee);
  if (callee.type !== 'MemberExpression') return;
  const holder = unwrapExpression(callee.object);
  const viaCommands = holder.type === 'MemberExpression' && getMemberName(holder) === 'commands';
  const api = viaCommands ? unwrapExpression(holder.object) : holder;
  const manager = api.type === 'Identifier' && /^(?:npm|bower)$/i.test(api.name) ? api.name.toLowerCase() : requiredSpecifier(api);
  if (manager !== 'npm' && manager !== 'bower') return;
  // `require('npm').commands[type](…)`: the command is chosen at run time, and every npm command changes node_modules or asks about it.
  const chosen = viaCommands && callee.computed && getStaticString(callee.property) === undefined;
  const method = callee.computed ? getStaticString(callee.property) : getMemberName(callee);
  if (chosen) report(call, 'install', `${manager} <${source.getText(callee.property)}>`);
  else if (method !== undefined && /^(?:install|ci|update|uninstall)$/.test(method)) report(call, 'install', `${manager} ${method}`);
}

/** A command handed to an app's own helper (`executeCommand('npm install x')`) rather than to child_process. */
function checkCommandHelper(call: HelperCall, report: Report): void {
  for (const command of call.commands) {
    const words = programWords(command);
    // Helper names are generic: only a package manager or git at the head (or node running npm) is trusted to be a command.
    if (!words[0] || words[0].dynamic || !/^(?:npm|yarn|pnpm|git|node)$/.test(words[0].text)) continue;
    // A helper given more than the command (`runGitCommand(['merge'], cwd)`) may work in any folder.
    const found = classify(words, call.node.arguments.length === 1);
    if (found && found.messageId !== 'build') report(call.target, found.messageId, found.command);
    return;
  }
}

/**
 * `cli/`, `commands/`, `build.js`, `scripts/compile-assets.ts`: a module that is itself the build command.
 * A build script sits at the root or among the package's scripts; a `bundle.js` deeper in the app
 * (hoodie's `server/plugins/client/bundle.js`) is a module of the server that bundles on request.
 */
const BUILD_COMMAND_FILE = /(?:^|\/)(?:cli|commands?)\/|^(?:(?:bin|scripts?|tools?|tasks?)\/)?(?:build|compile|bundle)(?:[-_.][\w.-]*)?\.[cm]?[jt]s$/;

function isBuildCommandFile(root: string, path: string): boolean {
  return BUILD_COMMAND_FILE.test(projectPath(root, path));
}

/**
 * Code brought in without a child process: archives unpacked into a folder of code, and bundlers
 * run through their API. A bundler is reported once per module, at its first run (`await rollup({…})`,
 * also `(useRolldown ? rolldown : rollup)(options)`), where the build happens; dev servers, watch mode
 * and development-only branches are left alone, and so are modules that are themselves build commands.
 */
function inProcessBuildVisitors(source: SourceCode, buildCommand: boolean, report: Report): Visitors {
  let bindings: ReadonlyMap<string, ModuleBinding> = new Map();
  const bundlerImports = new Map<string, Node>();
  /** Each bundler, with its first run. */
  const bundlersRun = new Map<string, Node>();
  /** Middleware that compiles on request, with its package. */
  const compilers: [Node, string][] = [];
  /** The first asset build of each function. */
  const assetBuilds = new Map<Node | undefined, [Node, string]>();
  /** Asset builds this module defines (`Minifier.js.minify = function …`): the builder's own module runs them for its caller. */
  const definedBuilds = new Set<string>();
  let devServer = false;
  const onCall = (node: Node) => {
    const call = node as TSESTree.CallExpression | TSESTree.NewExpression;
    const unpacking = unpackingOf(call, bindings);
    if (unpacking && unpacksCode(source, call, unpacking.destination)) report(call, 'unpack', unpacking.library);
    if (inDevelopmentOnlyBranch(source, call)) return;
    const bundler = bundlerOfCall(source, call, bindings) ?? instanceBundlerOfCall(source, call);
    if (bundler && !isWatched(call) && !bundlersRun.has(bundler)) bundlersRun.set(bundler, call);
    const compiler = call.type === 'CallExpression' ? compilingMiddlewareOfCall(source, call) : undefined;
    if (compiler) compilers.push([call, compiler]);
  };
  return mergeVisitors(
    importVisitors(({ specifier, node, typeOnly }) => {
      devServer ||= isDevServerModule(specifier);
      if (!typeOnly && isBundlerModule(specifier) && !bundlerImports.has(specifier)) bundlerImports.set(specifier, node);
    }),
    {
      Program: (node) => {
        bindings = bindingsByLocalName(node as TSESTree.Program, (module) => isArchiveModule(module) || isBundlerModule(module));
      },
      CallExpression: onCall,
      NewExpression: onCall,
      MemberExpression: (node) => {
        const member = node as TSESTree.MemberExpression;
        if (member.parent?.type === 'AssignmentExpression' && member.parent.left === member) definedBuilds.add(getMemberPath(member)?.join('.') ?? '');
        const build = assetBuildOf(member);
        const builder = build && !inDevelopmentOnlyBranch(source, node) ? enclosingFunction(node) : null;
        if (build && builder !== null && !assetBuilds.has(builder)) assetBuilds.set(builder, [node, build]);
      },
      'Program:exit': () => {
        if (devServer || buildCommand) return;
        for (const [call, compiler] of compilers) report(call, 'compile', compiler);
        for (const [at, build] of assetBuilds.values()) if (!definedBuilds.has(build)) report(at, 'assetBuild', build);
        // One build step is one finding, however many bundlers it runs.
        const builders = new Set<Node | undefined>();
        for (const [bundler, run] of bundlersRun) {
          const builder = enclosingFunction(run);
          if (!bundlerImports.has(bundler) || (builder && builders.has(builder))) continue;
          builders.add(builder);
          report(run, 'bundle', bundler);
        }
      },
    },
  );
}

/** `async.apply(meta.js.minify, false)`, `Meta.css.minify(done)`: an asset build run or handed on, not its definition. */
function assetBuildOf(member: TSESTree.MemberExpression): string | undefined {
  const path = getMemberPath(member);
  if (!path || path.length < 3 || !ASSET_BUILD_METHOD.test(path.at(-1)!) || !ASSET_KIND.test(path.at(-2)!)) return undefined;
  const parent = member.parent;
  if ((parent?.type === 'AssignmentExpression' && parent.left === member) || (parent?.type === 'MemberExpression' && parent.object === member)) return undefined;
  return path.join('.');
}

/**
 * `webpack(config).watch(…)`, `watch(['assets/js/**'], () => { gulp.start(js_handler) })`: a rebuild on every change
 * is a development server.
 */
function isWatched(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'MemberExpression' && parent.object === call && parent.parent?.type === 'CallExpression' && getCalleeProperty(parent.parent) === 'watch') return true;
  const callback = enclosingFunction(call);
  const caller = callback?.parent;
  return caller?.type === 'CallExpression' && caller.arguments.includes(callback as TSESTree.CallExpressionArgument) && /^(?:watch|gaze)$/.test(getCalleeProperty(caller) ?? (caller.callee.type === 'Identifier' ? caller.callee.name : ''));
}

/** Visitors that record, for each named function, the calls it makes; `done` runs when the walk is over. */
function callGraphVisitors(graph: CallGraphBuilder<MessageId>, done: () => void): Visitors {
  return {
    Program: (node) => graph.readProgram(node as TSESTree.Program),
    VariableDeclarator: (node) => graph.readDeclarator(node as TSESTree.VariableDeclarator),
    CallExpression: (node) => {
      const site = callSiteOf(node as TSESTree.CallExpression);
      const owner = site && ownerName(node);
      if (owner) graph.addCall(owner, site!);
    },
    'Program:exit': done,
  };
}

/**
 * The named function code runs in. A callback run on the spot (`missing.forEach((name) => …)`, a
 * promise's executor or `then`) belongs to the function around it; one run later (a route
 * handler, an event listener) belongs to none, so startup code does not reach what it does.
 */
function ownerName(node: Node): string | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (!isFunctionNode(parent)) continue;
    const name = functionName(parent);
    if (name || !runsOnTheSpot(parent)) return name;
  }
  return undefined;
}

const ON_THE_SPOT = new Set(['forEach', 'map', 'flatMap', 'filter', 'reduce', 'some', 'every', 'find', 'then', 'catch', 'finally', 'Promise']);

function runsOnTheSpot(fn: Node): boolean {
  return runsWhereWritten(fn, (call) => ON_THE_SPOT.has(getCalleeProperty(call) ?? ''));
}
