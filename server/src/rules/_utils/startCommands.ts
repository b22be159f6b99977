/**
 * The commands that run every time the app starts, beyond package.json's `start`: the image's
 * CMD and ENTRYPOINT, and the shell scripts that start the app (`bin/run.sh`,
 * `docker-entrypoint.sh`, or a script those name).
 */
import { basename } from 'node:path';
import type { OffsetRange } from '../../engine/types';
import type { DockerfileFile, DockerInstruction, ProcfileEntry, TextFile } from '../../project/projectFiles';
import type { ProjectFacts } from '../../project/facts';
import { START_SCRIPT_NAME } from '../../project/gather';
import { packageManagerCommand } from './commands';
import { argsRangeInFile, execFormWords, isDevDockerfile, runtimeInstructions } from './dockerfiles';
import { jsonStringSubrange } from './jsonStrings';
import { scriptsOf, scriptSteps } from './packageScripts';
import { parseShell, programName, programWords, type ShellWord, type SimpleCommand } from './shell';

/** A command and where its words are in the file that holds it. */
export interface LocatedCommand {
  readonly command: SimpleCommand;
  readonly range: OffsetRange;
}

/**
 * Words the program comes after: shell keywords that open or continue a compound command, and
 * detachers (`nohup node server.js > out.log`), which concurrency/no-daemonize reports on their own.
 */
const BEFORE_PROGRAM = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'nohup', 'setsid']);
/** Programs that run a Node.js app. */
const APP_RUNNERS = /^(?:node|nodejs|bun|deno|tsx|ts-node|pm2-runtime|forever)$/;
const START_SCRIPTS = /^(?:start|serve|server|prod|production|start:prod)$/;

/** The last ENTRYPOINT and the last CMD of the released stage: what runs when the container starts. */
function containerStartInstructions(dockerfile: DockerfileFile): DockerInstruction[] {
  const instructions = runtimeInstructions(dockerfile);
  return ['ENTRYPOINT', 'CMD'].flatMap((keyword) => instructions.filter((instruction) => instruction.keyword === keyword).slice(-1));
}

/** The start instructions of every production image of the project (development images left out). */
export function imageStartInstructions(project: ProjectFacts): { dockerfile: DockerfileFile; instruction: DockerInstruction }[] {
  return project.files.dockerfiles
    .filter((dockerfile) => !isDevDockerfile(dockerfile.path))
    .flatMap((dockerfile) => containerStartInstructions(dockerfile).map((instruction) => ({ dockerfile, instruction })));
}

/** Procfile processes that run on every start: all but `release`, which runs once per release. */
export function startingProcesses(project: ProjectFacts): ProcfileEntry[] {
  return (project.files.procfile?.processes ?? []).filter((process) => process.name !== 'release');
}

/** File offsets of a range of a Procfile process's command. */
export function processRange(process: ProcfileEntry, [start, end]: OffsetRange): OffsetRange {
  return [process.commandRange[0] + start, process.commandRange[0] + end];
}

/**
 * The commands of a CMD or ENTRYPOINT: the shell form as written, and `["sh", "-c", "…"]` read as
 * its script (located at the whole instruction, since JSON escapes shift offsets).
 */
export function instructionCommands(dockerfile: DockerfileFile, instruction: DockerInstruction): LocatedCommand[] {
  const words = execFormWords(instruction.args);
  if (!words) {
    return parseShell(instruction.args).map((command) => ({ command, range: argsRangeInFile(dockerfile.text, instruction, wordsRange(command)) }));
  }
  const script = /^(?:sh|bash|ash|dash)$/.test(programName(words[0] ?? '')) && words[1] === '-c' ? words[2] : undefined;
  return script === undefined ? [] : parseShell(script).map((command) => ({ command, range: instruction.argsRange }));
}

/** A shell script's commands, with heredoc bodies left out: they are text, not commands. */
export function scriptCommands(script: TextFile): LocatedCommand[] {
  return parseShell(withoutHeredocs(script.text)).map((command) => ({ command, range: wordsRange(command) }));
}

function withoutHeredocs(text: string): string {
  return text.replace(/<<-?\s*['"]?(\w+)['"]?[^\n]*\n([\s\S]*?)\n[ \t]*\1[ \t]*(?=\n|$)/g, (whole) => whole.replace(/[^\n]/g, ' '));
}

export function wordsRange(command: SimpleCommand): OffsetRange {
  return [command.words[0].start, command.words[command.words.length - 1].end];
}

/** The words from the program on, past wrappers (`exec`, `sudo`) and shell keywords (`if`, `then`). */
export function commandWords(command: SimpleCommand): readonly ShellWord[] {
  return programWords(command, BEFORE_PROGRAM);
}

/** Whether a command runs the app: node on a file, a process runner, or the package's start script. */
export function runsApp(command: SimpleCommand): boolean {
  const words = commandWords(command);
  const program = words[0] && !words[0].dynamic ? programName(words[0].text) : '';
  if (APP_RUNNERS.test(program)) return words.length > 1 && !words.slice(1).some((word) => /^--?(?:setup|build|install|upgrade|migrate)$/.test(word.text));
  const pm = packageManagerCommand(words);
  return pm?.script !== undefined && START_SCRIPTS.test(pm.script);
}

/** The shell script a command runs (`./bin/run.sh`, `sh scripts/start.sh`), among the project's scripts. */
export function scriptRunBy(command: SimpleCommand, scripts: readonly TextFile[]): TextFile | undefined {
  const words = commandWords(command);
  const runner = words[0] && /^(?:sh|bash|ash|dash)$/.test(programName(words[0].text)) ? 1 : 0;
  const word = words[runner];
  // `./bin/run.sh`, `sh start.sh`, or a control script named by its path (`./bin/appctl start`).
  if (!word || (!/\.sh$/.test(word.text) && (word.dynamic || !word.text.includes('/')))) return undefined;
  const wanted = word.text.replace(/^(?:\$\w+|\$\{\w+\}|\.)?\/+/, '');
  const candidates = scripts.filter((script) => basename(script.path) === basename(wanted));
  return candidates.find((script) => script.path.replace(/\\/g, '/').endsWith(`/${wanted}`)) ?? candidates[0];
}

/**
 * Shell scripts that start the app: named so by convention or run by the start script, the
 * Procfile or the image, and with a command that runs the app.
 */
export function startScripts(project: ProjectFacts): TextFile[] {
  const { shellScripts, packageJson } = project.files;
  const launchers: SimpleCommand[] = [
    ...scriptSteps('start', scriptsOf(packageJson?.json)).map((step) => step.command),
    ...startingProcesses(project).flatMap((process) => parseShell(process.command)),
    ...imageStartInstructions(project).flatMap(({ dockerfile, instruction }) => launcherCommands(dockerfile, instruction)),
  ];
  const launched = new Set(launchers.map((command) => scriptRunBy(command, shellScripts)).filter((script) => script !== undefined));
  // A script the start runs is part of starting, whatever runs the app inside it (`nohup $NODE dispatch.js &`).
  return shellScripts.filter((script) => launched.has(script) || (START_SCRIPT_NAME.test(basename(script.path)) && scriptCommands(script).some(({ command }) => runsApp(command))));
}

/** The commands of an instruction, and the program of an exec-form one (`["./docker-entrypoint.sh"]`). */
function launcherCommands(dockerfile: DockerfileFile, instruction: DockerInstruction): SimpleCommand[] {
  const words = execFormWords(instruction.args);
  if (!words?.[0]) return instructionCommands(dockerfile, instruction).map(({ command }) => command);
  return [{ words: [{ text: words[0], start: 0, end: words[0].length, dynamic: false }], terminator: '' }];
}

/** A command run on every start, with a way to place a range of its text in the file that holds it. */
export interface StartCommandSite {
  readonly file: string;
  readonly command: SimpleCommand;
  /** File offsets of a range of the command's own text (as parseShell gave it). */
  locate(range: OffsetRange): OffsetRange;
}

/**
 * Every command that runs when the app starts: the package.json `start` script (with its hooks and
 * the scripts it runs), Procfile processes other than `release`, the image's CMD/ENTRYPOINT, and
 * the shell scripts that start the app.
 */
export function startCommandSites(project: ProjectFacts): StartCommandSite[] {
  const { packageJson, procfile } = project.files;
  const sites: StartCommandSite[] = [];
  if (packageJson) {
    for (const step of scriptSteps('start', scriptsOf(packageJson.json))) {
      const at = packageJson.locations[`scripts.${step.script}`];
      if (at) sites.push({ file: packageJson.path, command: step.command, locate: (range) => jsonStringSubrange(packageJson.text, at, range) });
    }
  }
  for (const process of startingProcesses(project)) {
    for (const command of parseShell(process.command)) sites.push({ file: procfile!.path, command, locate: (range) => processRange(process, range) });
  }
  for (const { dockerfile, instruction } of imageStartInstructions(project)) {
    const exec = execFormWords(instruction.args) !== undefined;
    for (const { command } of instructionCommands(dockerfile, instruction)) {
      sites.push({ file: dockerfile.path, command, locate: (range) => (exec ? instruction.argsRange : argsRangeInFile(dockerfile.text, instruction, range)) });
    }
  }
  for (const script of startScripts(project)) {
    for (const { command } of scriptCommands(script)) sites.push({ file: script.path, command, locate: (range) => range });
  }
  return sites;
}
