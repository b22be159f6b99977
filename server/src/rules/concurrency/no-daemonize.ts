/**
 * Factor VIII: the app scales by running more processes, and the platform's process manager
 * (systemd, Heroku's dyno manager, Kubernetes, Docker) starts, watches, restarts and stops each
 * of them. A process that daemonises itself (`nohup … &`, `forever start`, `pm2 start`, a
 * detached self-fork, a PID file) escapes that manager: the command it was started with returns
 * at once, the platform sees it exit, crashes go unnoticed and output goes nowhere.
 */
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { defineProjectRule, type FixSpec } from '../../engine/rule';
import type { SourceCode } from '../../engine/source';
import { walkSubtree } from '../../engine/traverse';
import type { Node, OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import { enclosingFunction, fallbackOf, findProperty, isFunctionNode, getCalleeName, getCalleeProperty, getMemberName, getMemberPath, getStaticString, resolveConst, unwrapExpression } from '../_utils/ast';
import { isNodeBinary, processCallVisitors, staticText, type ProcessCall } from '../_utils/childProcess';
import { launchedTool } from '../_utils/commands';
import { findModuleBindings, type ModuleBindings } from '../_utils/imports';
import { argsRangeInFile, execFormWords, finalStage } from '../_utils/dockerfiles';
import { jsonStringSubrange } from '../_utils/jsonStrings';
import { projectPath, resolveEntryPoint } from '../_utils/modules';
import { ownValue } from '../_utils/records';
import { scriptsOf, scriptSteps, scriptsRunBy } from '../_utils/packageScripts';
import { parseShell, programName, programWords, type ShellWord, type SimpleCommand } from '../_utils/shell';
import { isDevOnlyFile, productionFindings } from '../_utils/sourceRoles';
import { scriptCommands, scriptRunBy, startScripts, wordsRange } from '../_utils/startCommands';
import { mergeVisitors } from '../_utils/visitors';

type MessageId = 'background' | 'detach' | 'daemonManager' | 'selfFork' | 'daemonLibrary' | 'pm2Daemon' | 'foreverDaemon' | 'pidFile' | 'daemonisingScript';

interface CodeFinding {
  readonly range: OffsetRange;
  readonly messageId: 'selfFork' | 'daemonLibrary' | ManagerDaemonMessage | 'pidFile';
  readonly module?: string;
}

/** Libraries whose job is to turn the calling process into a daemon: `daemon`, `daemonize`, `daemonize2`, `daemonize-process`, and forks such as `daemon-fix41`. */
const DAEMON_MODULE = /^daemon(?:ize)?(?:2|-process|-fix\d+)?$/;

/** Commands that detach what they run from the terminal and from whoever started them. */
const DETACHERS = new Set(['nohup', 'setsid', 'start-stop-daemon', 'daemonize', 'daemon', 'disown']);
/** Watch-mode development scripts background their watchers on purpose. */
const DEV_SCRIPT_TEXT = /\bnodemon\b|--watch\b|\s-w\b|\bts-node-dev\b|\bconcurrently\b|\bwatch\b/;

export default defineProjectRule<MessageId, CodeFinding[]>({
  id: 'concurrency/no-daemonize',
  severity: 'warning',
  description: 'Processes that daemonise: nohup, trailing &, forever start, pm2 start, detached self-forks and PID files.',
  hasSuggestions: true,
  triggers: /detached|process\.pid|\.pid\b|pidfile|startDaemon|['"`](?:daemon|pm2['"`])/i,
  messages: {
    background:
      '`&` sends `{{command}}` to the background, where the platform\'s process manager cannot see it: if it dies nothing restarts it, and its output is lost. Run it in the foreground, as its own process type if it is a separate workload.',
    detach:
      '`{{command}}` detaches the process from whoever started it. The platform then supervises nothing: crashes go unnoticed and SIGTERM never reaches the app. Run the app in the foreground.',
    daemonManager:
      '`{{command}}` daemonises the app: the command returns at once, so the platform believes the process exited (a container stops right away) and loses track of it. Run it in the foreground{{alternative}}.',
    daemonLibrary:
      '`{{module}}` turns the process into a daemon: it forks, detaches from its parent and lets the original exit, so the platform loses track of the real process. Run in the foreground and let the platform supervise it.',
    pm2Daemon:
      '`pm2.start()` hands the app to the pm2 daemon, which keeps running it in the background after this command returns: the platform believes the process exited and loses track of the real one. Run the app in the foreground (`node` itself, or pm2-runtime).',
    foreverDaemon:
      '`forever.startDaemon()` runs the app as a detached daemon and returns at once: the platform believes the process exited and loses track of the real one, and forever sends its output to a log file of its own. Run the app in the foreground (`node` itself).',
    selfFork:
      'The app re-launches itself as a detached process that outlives it: it daemonises. The platform\'s process manager then watches a process that has already exited, while the real one runs unsupervised. Let the platform start as many processes as it needs.',
    daemonisingScript:
      'The start command runs {{script}}, which puts the app in the background, so the start command returns at once: the platform believes the process exited and the real one runs unsupervised. Start the app in the foreground.',
    pidFile:
      'Writing a PID file is how daemons tell init scripts where to find them. The platform already knows every process it started, and a PID file left behind by a replaced container or dyno only misleads: drop it.',
  },
  initial: () => [],
  collect({ source, project, collected }) {
    if (isDevOnlyFile(project, source.path)) return {};
    const unreffed = new Set<string>();
    const forks: ProcessCall[] = [];
    let daemonBindings: ModuleBindings = { namespaces: new Set(), named: new Map() };
    let managerBindings = new Map<string, ModuleBindings>();
    const ownCommands = new Set(Object.keys(project.packageJson?.bin ?? {}));
    return mergeVisitors(
      processCallVisitors((call) => {
        if (isDetachedSelfLaunch(source, call, ownCommands)) forks.push(call);
      }),
      {
        Program: (node) => {
          daemonBindings = findModuleBindings(node as TSESTree.Program, (module) => DAEMON_MODULE.test(module));
          managerBindings = new Map(Object.keys(MANAGER_DAEMON_STARTS).map((manager) => [manager, findModuleBindings(node as TSESTree.Program, (module) => module === manager)]));
        },
        CallExpression: (node) => {
          const call = node as TSESTree.CallExpression;
          const daemon = daemonModuleOf(call, daemonBindings);
          if (daemon) collected.push({ range: call.range, messageId: 'daemonLibrary', module: daemon });
          const managerDaemon = managerDaemonStart(source, call, managerBindings);
          if (managerDaemon) collected.push({ range: call.range, messageId: managerDaemon });
          if (relaunchesDetached(call, ownCommands)) collected.push({ range: call.range, messageId: 'selfFork' });
          if (getCalleeProperty(call) === 'unref' && call.callee.type === 'MemberExpression') {
            const object = unwrapExpression(call.callee.object);
            if (object.type === 'Identifier') unreffed.add(object.name);
          }
          // Even beside a process that stays in the foreground, a PID file is the app managing its own
          // process (a `stop` command that signals it) where the platform should.
          if (writesPidFile(source, call)) collected.push({ range: call.range, messageId: 'pidFile' });
        },
        // After the process-call visitors' exit: every fork and every `.unref()` is known by now.
        'Program:exit': () => {
          for (const fork of forks) {
            if (isUnreffed(fork.node as TSESTree.CallExpression, unreffed) || inExitHandler(fork.node)) collected.push({ range: fork.node.range, messageId: 'selfFork' });
          }
        },
      },
    );
  },
  check({ project, files, report }) {
    for (const [path, finding] of productionFindings(project, files)) {
      report(path, { at: finding.range, messageId: finding.messageId, data: finding.module ? { module: finding.module } : undefined });
    }

    const { packageJson, procfile } = project.files;
    const scripts = scriptsOf(packageJson?.json);
    const roots = new Set(scripts.start !== undefined ? ['start'] : []);

    for (const process of procfile?.processes ?? []) {
      const commands = parseShell(process.command);
      scriptsRunBy(commands, scripts).forEach((name) => roots.add(name));
      checkCommands(commands, process.command, (range, messageId, data, suggest) => {
        const at: OffsetRange = [process.commandRange[0] + range[0], process.commandRange[0] + range[1]];
        report(procfile!.path, { at, messageId, data, suggest: suggest?.(at) });
      });
    }

    for (const dockerfile of project.files.dockerfiles) {
      const last = finalStage(dockerfile);
      for (const instruction of dockerfile.instructions) {
        if ((instruction.keyword !== 'CMD' && instruction.keyword !== 'ENTRYPOINT') || instruction.stage !== last) continue;
        const exec = execFormWords(instruction.args);
        const text = exec ? exec.join(' ') : instruction.args;
        const commands = parseShell(text);
        scriptsRunBy(commands, scripts).forEach((name) => roots.add(name));
        checkCommands(commands, text, (range, messageId, data, suggest) => {
          const at = exec ? instruction.argsRange : argsRangeInFile(dockerfile.text, instruction, range);
          report(dockerfile.path, { at, messageId, data, suggest: exec ? undefined : suggest?.(at) });
        });
      }
    }

    // Shell scripts the start runs (`./bin/appctl start` running `nohup node dispatch.js &`).
    const daemonisingScripts = new Set<string>();
    for (const script of startScripts(project)) {
      checkCommands(scriptCommands(script).map(({ command }) => command), script.text, (at, messageId, data, suggest) => {
        daemonisingScripts.add(script.path);
        report(script.path, { at, messageId, data, suggest: suggest?.(at) });
      });
    }
    // `npm start` itself returns at once when the script it runs daemonises: say so where the platform looks.
    // So it does when it runs a command of the package's own bin that re-launches itself detached (`cors-proxy start`).
    const selfForkingBins = new Set([...files].filter(([, { collected }]) => collected.some((finding) => finding.messageId === 'selfFork')).map(([path]) => path));
    const paths = new Set(files.keys());
    for (const step of scriptSteps('start', scripts)) {
      const script = scriptRunBy(step.command, project.files.shellScripts)?.path ?? ownBinPath(step.command, project, paths);
      const value = packageJson?.locations[`scripts.${step.script}`];
      if (!script || !value || !(daemonisingScripts.has(script) || selfForkingBins.has(script))) continue;
      const at = jsonStringSubrange(packageJson!.text, value, wordsRange(step.command));
      report(packageJson!.path, { at, messageId: 'daemonisingScript', data: { script: projectPath(project.root, script) } });
    }

    if (!packageJson) return;
    const seen = new Set<string>();
    for (const root of roots) {
      for (const step of scriptSteps(root, scripts)) {
        const key = `${step.script}:${step.command.words[0].start}`;
        const value = packageJson.locations[`scripts.${step.script}`];
        if (seen.has(key) || !value) continue;
        seen.add(key);
        checkCommands([step.command], scripts[step.script], (range, messageId, data, suggest) => {
          const at = jsonStringSubrange(packageJson.text, value, range);
          report(packageJson.path, { at, messageId, data, suggest: suggest?.(at) });
        });
      }
    }
  },
});

/** `cors-proxy start` where package.json's bin names `cors-proxy`: the bin's file, when the command runs it. */
function ownBinPath(command: SimpleCommand, project: ProjectFacts, paths: ReadonlySet<string>): string | undefined {
  const first = programWords(command)[0];
  const target = first && !first.dynamic ? ownValue(project.packageJson?.bin ?? {}, programName(first.text)) : undefined;
  return target === undefined ? undefined : resolveEntryPoint(project.root, target, paths);
}

type Emit = (range: OffsetRange, messageId: 'background' | 'detach' | 'daemonManager' | 'pidFile', data: Record<string, string>, suggest?: (at: OffsetRange) => FixSpec[] | undefined) => void;

/** `wait` for the background jobs: the script stays in the foreground and supervises them (often with a `trap` forwarding SIGTERM). */
const WAITS_FOR_JOBS = /(?:^|[\n;&|(]|\bthen|\bdo)\s*wait\b/;

/** Checks commands of one script or process line; ranges are offsets into `text`. */
function checkCommands(commands: readonly SimpleCommand[], text: string, emit: Emit): void {
  const devScript = DEV_SCRIPT_TEXT.test(text);
  const supervised = WAITS_FOR_JOBS.test(text);
  for (const command of commands) {
    const words = command.words;
    const shown = words.map((word) => word.text).join(' ');
    const first = programWords(command)[0];
    const detacher = first && !first.dynamic && DETACHERS.has(programName(first.text)) ? first : undefined;
    const program = launchedTool(programWords(command, DETACHERS));
    const manager = daemonManager(program);
    if (writesShellPidFile(words)) emit(span(words), 'pidFile', {});
    if (manager) {
      emit(span(manager.words), 'daemonManager', { command: manager.words.map((word) => word.text).join(' '), alternative: manager.alternative }, manager.suggest);
    } else if (detacher && !(supervised && command.terminator === '&')) {
      emit([detacher.start, detacher.end], 'detach', { command: programName(detacher.text) });
    } else if (command.terminator === '&' && !devScript && !supervised) {
      emit([words[0].start, (command.terminatorStart ?? words[words.length - 1].end) + 1], 'background', { command: shown });
    }
  }
}

/** `echo $! > app.pid`, `echo $PID > $pidfile` (bitcore-wallet-service's start.sh): the PID of what the script started, kept in a file. */
function writesShellPidFile(words: readonly ShellWord[]): boolean {
  const redirect = words.findIndex((word) => word.text === '>' || word.text === '>>');
  const target = redirect > 0 ? words[redirect + 1] : undefined;
  return words[0]?.text === 'echo' && target !== undefined && /pid/i.test(target.text) && words.slice(1, redirect).some((word) => /^\$\{?(?:!|\w*PID)\}?$/i.test(word.text));
}

function span(words: readonly ShellWord[]): OffsetRange {
  return [words[0].start, words[words.length - 1].end];
}

/** `pm2 start` (without `--no-daemon`) and `forever start`. */
function daemonManager(words: readonly ShellWord[]): { words: ShellWord[]; alternative: string; suggest?: (at: OffsetRange) => FixSpec[] | undefined } | undefined {
  const program = words[0];
  if (!program || program.dynamic) return undefined;
  const name = programName(program.text);
  const verbIndex = words.findIndex((word, index) => index > 0 && !word.text.startsWith('-'));
  const verb = verbIndex > 0 ? words[verbIndex] : undefined;
  if (name === 'pm2' && verb && /^(?:start|restart|reload|resurrect)$/.test(verb.text) && !words.some((word) => word.text === '--no-daemon')) {
    return {
      words: [program, verb],
      alternative: ' with pm2-runtime, which keeps pm2 in the foreground',
      suggest: verb.text === 'start' ? (at) => [{ title: 'Run with pm2-runtime (stays in the foreground)', changes: [{ type: 'replace', range: [at[0], at[0] + program.text.length], text: program.text.replace(/pm2$/, 'pm2-runtime') }] }] : undefined,
    };
  }
  if (name === 'forever' && verb?.text === 'start') return { words: [program, verb], alternative: ': `node` itself, or `forever` without `start`' };
  return undefined;
}

/** `utils.startDetachedChildProcess('private-bower', ['--config', path])`: a helper named for detaching, given the package's own command. */
function relaunchesDetached(call: TSESTree.CallExpression, ownCommands: ReadonlySet<string>): boolean {
  const program = getStaticString(call.arguments[0] as Node | undefined);
  return /detached/i.test(getCalleeProperty(call) ?? getCalleeName(call) ?? '') && program !== undefined && (ownCommands.has(program) || program === 'node');
}

type ManagerDaemonMessage = 'pm2Daemon' | 'foreverDaemon';

/** Process managers' API calls that hand the app to their daemon. */
const MANAGER_DAEMON_STARTS: Readonly<Record<string, { readonly method: string; readonly messageId: ManagerDaemonMessage }>> = {
  pm2: { method: 'start', messageId: 'pm2Daemon' },
  forever: { method: 'startDaemon', messageId: 'foreverDaemon' },
};

/**
 * `pm2.start({ script })`, `forever.startDaemon(script)`: the app runs under the manager's daemon; unless pm2 was
 * connected in no-daemon mode (`pm2.connect(true, …)`), which keeps pm2 inside the process.
 */
function managerDaemonStart(source: SourceCode, call: TSESTree.CallExpression, managers: ReadonlyMap<string, ModuleBindings>): ManagerDaemonMessage | undefined {
  const callee = call.callee;
  if (callee.type !== 'MemberExpression' || callee.object.type !== 'Identifier') return undefined;
  const receiver = callee.object.name;
  const manager = [...managers].find(([, bindings]) => bindings.namespaces.has(receiver))?.[0];
  const start = manager === undefined ? undefined : MANAGER_DAEMON_STARTS[manager];
  if (!start || getMemberName(callee) !== start.method) return undefined;
  return manager === 'pm2' && /\.connect\(\s*true\b/.test(source.text) ? undefined : start.messageId;
}

/** `require('daemon')()`, `daemon()` bound to it, `require('daemonize2').setup(…)`: the module, or undefined. */
function daemonModuleOf(call: TSESTree.CallExpression, bindings: ModuleBindings): string | undefined {
  const callee = unwrapExpression(call.callee);
  const target = callee.type === 'MemberExpression' ? unwrapExpression(callee.object) : callee;
  if (target.type === 'CallExpression' && target.callee.type === 'Identifier' && target.callee.name === 'require') {
    const module = getStaticString(target.arguments[0]);
    return module && DAEMON_MODULE.test(module) ? module : undefined;
  }
  return target.type === 'Identifier' && bindings.namespaces.has(target.name) ? target.name : undefined;
}

/**
 * `spawn(process.execPath, …, { detached: true })`, `fork(__filename, { detached: true })`, or the
 * package's own command (`spawn('iobroker', ['restart'], { detached: true })`).
 */
function isDetachedSelfLaunch(source: SourceCode, call: ProcessCall, ownCommands: ReadonlySet<string>): boolean {
  const detached = call.options && findProperty(call.options, 'detached');
  const detaches = detached !== undefined ? isTrue(detached.value as Node) : detachedLater(call);
  // Not detached, but the parent exits right after starting it (pm2-gui's `daemonize()`): the child runs on alone all the same.
  if (!detaches && !exitsAfter(call.node)) return false;
  if (call.kind === 'fork') return true;
  const target = resolveConst(source, unwrapExpression(call.target));
  // `const command = argv.node || 'node'`: node unless the operator names another binary; `'node --run start'` run by a shell.
  const program = getStaticString(fallbackOf(target) ?? target)?.trim().split(/\s+/)[0];
  return isNodeBinary(target) || isOwnScript(target) || program === 'node' || (program !== undefined && ownCommands.has(program));
}

function isTrue(value: Node): boolean {
  const literal = unwrapExpression(value);
  return literal.type === 'Literal' && literal.value === true;
}

/** `options.detached = true; spawn(command, args, options)` (egg-scripts' `--daemon`): options kept in a variable and detached before the call. */
function detachedLater(call: ProcessCall): boolean {
  const fn = enclosingFunction(call.node);
  if (call.node.type !== 'CallExpression' || !fn) return false;
  const held = new Set(call.node.arguments.slice(1).flatMap((argument) => (argument.type === 'Identifier' ? [`${argument.name}.detached`] : [])));
  let detaches = false;
  walkSubtree(fn.body as Node, (node) => {
    if (node.type === 'AssignmentExpression' && node.range[1] < call.node.range[0] && held.has(getMemberPath(node.left)?.join('.') ?? '')) detaches = isTrue(node.right);
    return !detaches;
  });
  return detaches;
}

/** `__filename`, `import.meta.filename`, `process.argv[1]`: the running script, which an executable file can spawn itself. */
function isOwnScript(target: Node): boolean {
  if (target.type === 'Identifier') return target.name === '__filename';
  if (target.type !== 'MemberExpression') return false;
  if (target.object.type === 'MetaProperty') return getMemberName(target) === 'filename';
  return target.computed && getMemberPath(target.object)?.join('.') === 'process.argv' && target.property.type === 'Literal' && target.property.value === 1;
}

/** Whether the function that makes `call` ends the process after it (`child.unref(); process.exit()`), not in a callback that waits for the child. */
function exitsAfter(call: Node): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  let exits = false;
  walkSubtree(fn.body as Node, (node) => {
    if (node.type === 'CallExpression' && node.range[0] > call.range[1] && getMemberPath(node.callee)?.join('.') === 'process.exit') exits = true;
    return !exits && !isFunctionNode(node);
  });
  return exits;
}

/** `process.on('exit', () => spawn(process.argv.shift(), process.argv, { detached: true }))`: relaunched as the process exits, the copy outlives it. */
function inExitHandler(node: Node): boolean {
  const handler = enclosingFunction(node);
  const registration = handler?.parent;
  return registration?.type === 'CallExpression' && /^process\.(?:on|once)$/.test(getCalleeName(registration) ?? '') && getStaticString(registration.arguments[0]) === 'exit';
}

/** `spawn(…).unref()`, or `child.unref()` on the variable that holds the child (declared with it or assigned it). */
function isUnreffed(call: TSESTree.CallExpression, unreffed: ReadonlySet<string>): boolean {
  const parent = call.parent;
  if (parent?.type === 'MemberExpression' && parent.object === call && !parent.computed && parent.property.type === 'Identifier' && parent.property.name === 'unref') return true;
  let holder = parent?.type === 'AwaitExpression' ? parent.parent : parent;
  // `const child = this.child = spawn(…)`: each name in the chain holds the child.
  while (holder?.type === 'AssignmentExpression') {
    if (holder.left.type === 'Identifier' && unreffed.has(holder.left.name)) return true;
    holder = holder.parent;
  }
  return holder?.type === 'VariableDeclarator' && holder.id.type === 'Identifier' && unreffed.has(holder.id.name);
}

const WRITE_FILE = /^(?:writeFileSync|writeFile|outputFileSync|outputFile|appendFileSync|appendFile)$/;

/**
 * `fs.writeFileSync('app.pid', String(process.pid))`: a file named `*.pid` or by a PID-file setting
 * (`tools.getPidsFileName()`, `config.pidFile`), or one that holds just the PID.
 */
function writesPidFile(source: SourceCode, call: TSESTree.CallExpression): boolean {
  if (!WRITE_FILE.test(getCalleeProperty(call) ?? '') || call.arguments.length < 2) return false;
  const [path, content] = call.arguments;
  return /\.pid$/i.test(staticText(source, path) ?? '') || PID_FILE_NAME.test(source.getText(path)) || isPid(content);
}

const PID_FILE_NAME = /pids?_?(?:file|path)/i;

/** `{ process: process.pid }`, as laravel-echo-server's lock file records the running server; not a report that mentions the PID among its data. */
function holdsPid(node: Node | undefined): boolean {
  const value = node && unwrapExpression(node);
  const [only] = value?.type === 'ObjectExpression' && value.properties.length === 1 ? value.properties : [];
  return only?.type === 'Property' && isPid(only.value as Node);
}

/**
 * `process.pid`, `String(process.pid)`, `process.pid.toString()`, `` `${process.pid}\n` ``, `process.pid + ''`,
 * `JSON.stringify({ process: process.pid })`, a variable named `pid`, and a daemonised child's: `proc.pid`.
 */
function isPid(node: Node): boolean {
  const value = unwrapExpression(node);
  switch (value.type) {
    case 'MemberExpression':
      return getMemberName(value) === 'pid';
    // `function write(file, pid) { fs.writeFileSync(file, pid, { flag: 'wx' }) }` (strong-supervisor's pidfile module).
    case 'Identifier':
      return value.name === 'pid';
    case 'CallExpression': {
      const callee = value.callee;
      if (callee.type === 'Identifier' && callee.name === 'String' && value.arguments[0]) return isPid(value.arguments[0]);
      if (getCalleeName(value) === 'JSON.stringify') return holdsPid(value.arguments[0]);
      return callee.type === 'MemberExpression' && getCalleeProperty(value) === 'toString' && isPid(callee.object);
    }
    case 'TemplateLiteral':
      return value.expressions.length === 1 && isPid(value.expressions[0]) && value.quasis.every((quasi) => /^\s*$/.test(quasi.value.cooked ?? ''));
    case 'BinaryExpression':
      return value.operator === '+' && [value.left, value.right].some(isPid) && [value.left, value.right].some((side) => /^\s*$/.test(getStaticString(side) ?? 'x'));
    default:
      return false;
  }
}
