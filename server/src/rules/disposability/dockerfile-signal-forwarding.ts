/**
 * Factor IX: the platform stops a container by sending SIGTERM to its PID 1, waits a grace period,
 * then kills it. When the command is in shell form, PID 1 is `/bin/sh -c`, which neither handles
 * nor passes on SIGTERM; `npm start` adds npm and another shell in between. The app then never
 * hears the stop signal, its graceful shutdown never runs, and it dies mid-request when the grace
 * period ends. An init (`tini`, `dumb-init`) as the entrypoint, or `exec`, puts things right.
 */
import { defineProjectRule, type FixSpec } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import type { ProjectFacts } from '../../project/facts';
import type { DockerfileFile, DockerInstruction } from '../../project/projectFiles';
import { packageManagerCommand, type PackageManagerCommand } from '../_utils/commands';
import { buildsDockerfile, composeServices } from '../_utils/compose';
import { argsRangeInFile, execFormWords, isDevDockerfile, runtimeInstructions } from '../_utils/dockerfiles';
import { scriptsOf } from '../_utils/packageScripts';
import { parseShell, programName, type ShellWord, type SimpleCommand } from '../_utils/shell';

type MessageId = 'shellForm' | 'shellWrapper' | 'packageManager';

/** Programs that run as PID 1, reap children and pass signals on. */
const INITS = new Set(['tini', 'tini-static', 'dumb-init', 'catatonit', 'docker-init', 's6-svscan', 'init']);
/** Programs that replace themselves with the command they are given (`exec`), after dropping privileges or setting the environment. */
const EXEC_WRAPPERS: Readonly<Record<string, number>> = { env: 0, gosu: 1, 'su-exec': 1, chpst: 0, setpriv: 0 };
const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
/** Shell builtins that cannot be run by exec form or replaced by `exec`. */
const BUILTINS = new Set(['cd', 'export', 'source', '.', 'set', 'trap', 'wait', 'exit', 'true', ':', 'eval', 'exec', 'unset', 'ulimit', 'umask']);
/** Shell syntax the simple rewrites do not understand: subshells, groups, globs, redirections, substitutions, heredocs. */
const COMPLEX_SHELL = /[(){}`*?[\]<>~\\]|\$\(/;

/** What runs as PID 1, as far as signals are concerned. */
type Verdict =
  | { readonly kind: 'init' | 'fine' }
  | { readonly kind: 'shellForm' }
  | { readonly kind: 'shellWrapper'; readonly shell: string }
  | { readonly kind: 'packageManager'; readonly pm: PackageManagerCommand };

export default defineProjectRule<MessageId, never>({
  id: 'disposability/dockerfile-signal-forwarding',
  severity: 'warning',
  description: 'Dockerfile CMD/ENTRYPOINT in shell form, through sh -c, or through npm/yarn start, so SIGTERM never reaches the app.',
  appliesTo: (project) => project.files.dockerfiles.length > 0,
  fixable: true,
  hasSuggestions: true,
  messages: {
    shellForm:
      '`{{instruction}}` is in shell form, so /bin/sh runs as PID 1 and the app as its child. The shell does not pass SIGTERM on: the app never learns it is being stopped and is killed mid-request when the grace period ends. Use the exec form (a JSON array) or start the command with `exec`.',
    shellWrapper:
      '`{{instruction}}` runs the app through `{{shell}} -c`, so the shell is PID 1 and does not pass SIGTERM on: the app is killed mid-request when the grace period ends instead of shutting down. Start the script\'s last command with `exec`, or run the program directly.',
    packageManager:
      '`{{instruction}}` runs the app through {{manager}}, which starts it as a child process (through a shell) and does not reliably pass SIGTERM on. The app may never get the stop signal and is killed mid-request: run node directly, or put an init such as tini in front.',
  },
  check({ project, report }) {
    const scripts = scriptsOf(project.files.packageJson?.json);
    for (const dockerfile of project.files.dockerfiles) {
      if (isDevDockerfile(dockerfile.path) || startedWithInit(project, dockerfile.path)) continue;
      const instructions = runtimeInstructions(dockerfile);
      const entrypoint = lastOf(instructions, 'ENTRYPOINT');
      const cmd = lastOf(instructions, 'CMD');
      const targets: DockerInstruction[] = [];
      if (entrypoint) targets.push(entrypoint);
      // A shell-form ENTRYPOINT ignores CMD; an exec-form one gets CMD as arguments, which only an entrypoint script runs.
      if (cmd && (!entrypoint || passesCommandOn(entrypoint))) targets.push(cmd);
      for (const instruction of targets) {
        const verdict = judge(instruction);
        if (verdict.kind === 'init') break;
        if (verdict.kind === 'fine') continue;
        const data = { instruction: shown(instruction), shell: verdict.kind === 'shellWrapper' ? verdict.shell : '', manager: verdict.kind === 'packageManager' ? `\`${managerCall(verdict.pm)}\`` : '' };
        const { fix, suggest } = remedies(dockerfile, instruction, verdict, scripts, entrypoint !== undefined);
        report(dockerfile.path, { at: instruction.range, messageId: verdict.kind, data, fix, suggest });
      }
    }
  },
});

function lastOf(instructions: readonly DockerInstruction[], keyword: string): DockerInstruction | undefined {
  return instructions.filter((instruction) => instruction.keyword === keyword).pop();
}

/** A compose service built from this Dockerfile with `init: true` runs it under Docker's init. */
function startedWithInit(project: ProjectFacts, dockerfilePath: string): boolean {
  return composeServices(project.files.composeFiles).some((service) => service.value.init === true && buildsDockerfile(service, dockerfilePath));
}

/** An exec-form entrypoint script (`docker-entrypoint.sh`) conventionally ends with `exec "$@"`, running CMD. */
function passesCommandOn(entrypoint: DockerInstruction): boolean {
  const words = execFormWords(entrypoint.args);
  const program = words?.[0] ? programName(words[0]) : undefined;
  return program !== undefined && (/\.sh$/.test(program) || /entrypoint/i.test(program));
}

function judge(instruction: DockerInstruction): Verdict {
  const words = execFormWords(instruction.args);
  if (!words) return judgeShell(instruction.args, (pm) => ({ kind: 'packageManager', pm }), { kind: 'shellForm' });
  const program = skipExecWrappers(words);
  const name = program[0] ? programName(program[0]) : '';
  if (INITS.has(name) || program[0] === '/init') return { kind: 'init' };
  if (SHELLS.has(name) && program[1] === '-c' && program[2] !== undefined) {
    return judgeShell(program[2], (pm) => ({ kind: 'packageManager', pm }), { kind: 'shellWrapper', shell: name });
  }
  const pm = runsScript(program.map(literalWord));
  return pm ? { kind: 'packageManager', pm } : { kind: 'fine' };
}

/** A shell command line is fine when its last command replaces the shell (`exec node server.js`). */
function judgeShell(text: string, packageManager: (pm: PackageManagerCommand) => Verdict, otherwise: Verdict): Verdict {
  const commands = parseShell(text);
  const last = commands[commands.length - 1];
  if (!last) return { kind: 'fine' };
  const words = last.words.slice(assignmentCount(last));
  const execs = words[0]?.text === 'exec' && commands.slice(0, -1).every(isSequenced);
  const pm = runsScript(execs ? words.slice(1) : words);
  if (pm) return packageManager(pm);
  return execs ? { kind: 'fine' } : otherwise;
}

function isSequenced(command: SimpleCommand): boolean {
  return command.terminator === '&&' || command.terminator === ';' || command.terminator === '\n';
}

function assignmentCount(command: SimpleCommand): number {
  let index = 0;
  while (index < command.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(command.words[index].text)) index++;
  return index;
}

function skipExecWrappers(words: readonly string[]): readonly string[] {
  let index = 0;
  while (index < words.length) {
    const skip = EXEC_WRAPPERS[programName(words[index])];
    if (skip === undefined) break;
    index += 1 + skip;
    while (index < words.length && (words[index].startsWith('-') || /^[A-Za-z_]\w*=/.test(words[index]))) index++;
  }
  return words.slice(index);
}

/** `npm start`, `npm run serve`, `yarn start`, `pnpm start`: the package manager runs a script as its child. */
function runsScript(words: readonly ShellWord[]): PackageManagerCommand | undefined {
  const pm = packageManagerCommand(words);
  return pm && (pm.verb === 'script' || pm.verb === 'run') && pm.script !== undefined ? pm : undefined;
}

function literalWord(text: string): ShellWord {
  return { text, start: 0, end: text.length, dynamic: false };
}

function managerCall(pm: PackageManagerCommand): string {
  return pm.verb === 'run' ? `${pm.program.text} run ${pm.script}` : `${pm.program.text} ${pm.script}`;
}

function shown(instruction: DockerInstruction): string {
  const text = `${instruction.keyword} ${instruction.args}`.replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function remedies(
  dockerfile: DockerfileFile,
  instruction: DockerInstruction,
  verdict: Verdict,
  scripts: Readonly<Record<string, string>>,
  hasEntrypoint: boolean,
): { fix?: FixSpec; suggest?: FixSpec[] } {
  if (verdict.kind === 'packageManager') {
    const direct = directScriptCommand(verdict.pm, scripts);
    return direct ? { suggest: [replaceArgs(instruction, direct, `Run \`${direct.join(' ')}\` directly`)] } : {};
  }
  if (verdict.kind !== 'shellForm') return {};
  const words = instruction.keyword === 'CMD' ? simpleWords(instruction.args) : undefined;
  if (words) {
    const fix = replaceArgs(instruction, words, 'Use the exec form');
    // With an entrypoint script in front, the arguments it receives change: a human should look.
    return hasEntrypoint ? { suggest: [fix] } : { fix };
  }
  const exec = execPrefix(dockerfile, instruction);
  return exec ? { fix: exec } : {};
}

/** The words of a command line that exec form can say exactly: one command, no shell syntax, no variables. */
function simpleWords(text: string): string[] | undefined {
  if (COMPLEX_SHELL.test(text) || text.includes('$') || text.includes('#')) return undefined;
  const commands = parseShell(text);
  if (commands.length !== 1 || commands[0].terminator !== '') return undefined;
  const words = commands[0].words;
  if (assignmentCount(commands[0]) > 0 || BUILTINS.has(words[0].text)) return undefined;
  return words.map((word) => word.text);
}

function replaceArgs(instruction: DockerInstruction, words: readonly string[], title: string): FixSpec {
  return { title, changes: [{ type: 'replace', range: instruction.argsRange, text: `[${words.map((word) => JSON.stringify(word)).join(', ')}]` }] };
}

/** `npm run migrate && node server.js` → `npm run migrate && exec node server.js`: the shell hands PID 1 to the app. */
function execPrefix(dockerfile: DockerfileFile, instruction: DockerInstruction): FixSpec | undefined {
  if (COMPLEX_SHELL.test(instruction.args)) return undefined;
  const commands = parseShell(instruction.args);
  const last = commands[commands.length - 1];
  if (!last || last.terminator !== '' || !commands.slice(0, -1).every(isSequenced)) return undefined;
  const program = last.words[assignmentCount(last)];
  if (!program || program.dynamic || BUILTINS.has(program.text)) return undefined;
  // Assignments stay in front: `PORT=80 exec node a.js` sets PORT for the program exec runs.
  const at: OffsetRange = argsRangeInFile(dockerfile.text, instruction, [program.start, program.start]);
  if (at[0] !== at[1]) return undefined;
  return { title: 'Start the last command with exec', changes: [{ type: 'replace', range: at, text: 'exec ' }] };
}

/**
 * The command a start script runs, when running it directly does the same: one simple command,
 * no `pre`/`post` hooks, nothing the shell would expand.
 */
function directScriptCommand(pm: PackageManagerCommand, scripts: Readonly<Record<string, string>>): string[] | undefined {
  const name = pm.script;
  if (name === undefined || scripts[name] === undefined || scripts[`pre${name}`] !== undefined || scripts[`post${name}`] !== undefined) return undefined;
  if (pm.operands.length > (pm.verb === 'run' ? 1 : 0)) return undefined;
  const words = simpleWords(scripts[name]);
  return words && !packageManagerCommand(words.map(literalWord)) && !words[0].startsWith('./node_modules') ? words : undefined;
}
