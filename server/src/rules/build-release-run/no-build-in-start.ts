/**
 * Factor V: `start` is the run stage, what the platform executes on every boot, restart and
 * scale-out. A start script that compiles or installs first rebuilds the app on each of those,
 * slows every start, needs the build toolchain in production, and can run something other than
 * the build that was tested. Build once in `build`; start only runs the result.
 */
import { defineProjectRule, type FixSpec } from '../../engine/rule';
import type { OffsetRange } from '../../engine/types';
import type { PackageJsonFile, TextFile } from '../../project/projectFiles';
import { BUILD_SCRIPT, buildTool, isInstallVerb, packageManagerCommand } from '../_utils/commands';
import { jsonStringSubrange } from '../_utils/jsonStrings';
import { concurrentCommands, isRepositoryStart, scriptsOf, scriptSteps, type ScriptStep } from '../_utils/packageScripts';
import { parseShell, programWords, type SimpleCommand } from '../_utils/shell';
import {
  commandWords,
  imageStartInstructions,
  instructionCommands,
  processRange,
  runsApp,
  scriptCommands,
  scriptRunBy,
  startingProcesses,
  startScripts,
  wordsRange,
  type LocatedCommand,
} from '../_utils/startCommands';

type MessageId = 'buildInStart' | 'installInStart' | 'buildInProcfile' | 'buildInContainerStart' | 'buildInStartScript';


export default defineProjectRule<MessageId, never>({
  id: 'build-release-run/no-build-in-start',
  severity: 'warning',
  description: 'A start script (or prestart, or a Procfile command) that builds or installs before running the app.',
  hasSuggestions: true,
  messages: {
    buildInStart:
      'Starting the app runs `{{command}}` first (in "{{script}}"). Every boot, restart and scale-out then rebuilds the app, needs the build tools in production and may run code other than the tested build: build once in the "build" script and let start only run the result.',
    installInStart:
      'Starting the app runs `{{command}}` first (in "{{script}}"). Installing on every boot makes starts slow, depends on the registry being up and can install other versions than were tested: install during the build.',
    buildInProcfile:
      'The "{{process}}" process runs `{{command}}` before the app. Process commands are the run stage and execute on every start and scale-out: build during the build, and let the process only start the result.',
    buildInContainerStart:
      'The image\'s {{instruction}} runs {{command}} before the app, on every container start and scale-out. Each container then builds or installs on its own, starts slowly, needs the tools in the image and may run code other than the tested build: do it in a RUN step of the image build.',
    buildInStartScript:
      'This start script runs {{command}} before starting the app, on every boot, restart and scale-out. Starts get slow, depend on the registry and the build tools, and may run code other than the tested build: install and build once during the build, and let this script only start the result.',
  },
  check({ project, report }) {
    const packageJson = project.files.packageJson;
    const scripts = scriptsOf(packageJson?.json);
    if (packageJson && scripts.start !== undefined && !isRepositoryStart(scripts, project.files.typescriptConfigs)) {
      const steps = scriptSteps('start', scripts);
      for (const messageId of ['buildInStart', 'installInStart'] as const) {
        const step = steps.find((candidate) => classify(candidate.command) === messageId);
        if (!step) continue;
        const at = packageJson.locations[`scripts.${step.script}`];
        if (!at) continue;
        report(packageJson.path, {
          at: jsonStringSubrange(packageJson.text, at, wordsRange(step.command)),
          messageId,
          data: { command: commandText(setupCommand(step.command)), script: step.script },
          suggest: messageId === 'buildInStart' ? buildScriptSuggestion(packageJson, scripts, step) : undefined,
        });
      }
    }
    for (const process of startingProcesses(project)) {
      const command = parseShell(process.command).find((candidate) => classify(candidate) !== undefined);
      if (command) report(project.files.procfile!.path, { at: processRange(process, wordsRange(command)), messageId: 'buildInProcfile', data: { process: process.name, command: commandText(command) } });
    }
    const shellScripts = project.files.shellScripts;
    for (const { dockerfile, instruction } of imageStartInstructions(project)) {
      for (const setup of setupBeforeRun(instructionCommands(dockerfile, instruction), shellScripts)) {
        report(dockerfile.path, { at: setup.range, messageId: 'buildInContainerStart', data: { instruction: instruction.keyword, command: setup.description } });
      }
    }
    for (const script of startScripts(project)) {
      for (const setup of setupBeforeRun(scriptCommands(script), shellScripts)) report(script.path, { at: setup.range, messageId: 'buildInStartScript', data: { command: setup.description } });
    }
  },
});

/**
 * Builds and installs that run before the app in a start sequence, directly or inside a script
 * the sequence runs (`installDeps.sh`, which runs `npm ci`).
 */
function setupBeforeRun(commands: readonly LocatedCommand[], shellScripts: readonly TextFile[]): { range: OffsetRange; description: string }[] {
  const lastRun = commands.map(({ command }) => runsApp(command)).lastIndexOf(true);
  return commands.slice(0, Math.max(lastRun, 0)).flatMap(({ command, range }) => {
    if (classify(command)) return [{ range, description: `\`${commandText(command)}\`` }];
    const called = scriptRunBy(command, shellScripts);
    const inner = called && scriptCommands(called).find((candidate) => classify(candidate.command));
    return inner ? [{ range, description: `\`${commandText(command)}\` (which runs \`${commandText(inner.command)}\`)` }] : [];
  });
}

function classify(command: SimpleCommand): 'buildInStart' | 'installInStart' | undefined {
  const words = commandWords(command);
  const concurrent = concurrentCommands(words);
  if (concurrent.length > 0) return concurrent.map(classify).find((kind) => kind !== undefined);
  const pm = packageManagerCommand(words);
  if (pm && isInstallVerb(pm.verb) && !pm.global) return 'installInStart';
  if (pm?.script && BUILD_SCRIPT.test(pm.script)) return 'buildInStart';
  return buildTool(words) ? 'buildInStart' : undefined;
}

/** `concurrently "npm run build" "npm run server"`: the build runs beside the server on every start, and is what to name. */
function setupCommand(command: SimpleCommand): SimpleCommand {
  return concurrentCommands(commandWords(command)).find((inner) => classify(inner) !== undefined) ?? command;
}

function commandText(command: SimpleCommand): string {
  return command.words.map((word) => word.text).join(' ');
}

/**
 * For `"start": "<build> && … && node dist"`: start keeps only what runs the app, and the build
 * steps become the "build" script (unless they already call it). Offered, never applied: the
 * deploy must then run the build step, which it may not do yet.
 */
function buildScriptSuggestion(packageJson: PackageJsonFile, scripts: Readonly<Record<string, string>>, step: ScriptStep): FixSpec[] | undefined {
  if (step.script !== 'start' || step.via.length !== 1) return undefined;
  const commands = parseShell(scripts.start);
  const firstRun = commands.findIndex((command) => classify(command) === undefined);
  if (firstRun <= 0 || commands.slice(0, firstRun).some((command) => command.terminator !== '&&' || classify(command) !== 'buildInStart')) return undefined;
  if (commands.slice(firstRun).some((command) => classify(command) !== undefined)) return undefined;
  const buildPart = scripts.start.slice(commands[0].words[0].start, wordsRange(commands[firstRun - 1])[1]);
  const runPart = scripts.start.slice(commands[firstRun].words[0].start).trim();
  const callsExistingBuild = commands.slice(0, firstRun).every((command) => {
    const script = packageManagerCommand(programWords(command))?.script;
    return script !== undefined && scripts[script] !== undefined;
  });
  const startValue = packageJson.locations['scripts.start'];
  const startKey = packageJson.locations['scripts.start#key'];
  if (!startValue || !startKey) return undefined;
  const changes: { type: 'replace'; range: OffsetRange; text: string }[] = [{ type: 'replace', range: startValue, text: JSON.stringify(runPart) }];
  if (!callsExistingBuild) {
    if (scripts.build !== undefined) return undefined;
    const lineStart = packageJson.text.lastIndexOf('\n', startKey[0] - 1) + 1;
    const indent = packageJson.text.slice(lineStart, startKey[0]);
    const separator = /^\s*$/.test(indent) ? `\n${indent}` : ' ';
    changes.unshift({ type: 'replace', range: [startKey[0], startKey[0]], text: `"build": ${JSON.stringify(buildPart)},${separator}` });
  }
  return [{ title: 'Move the build out of "start" (the deploy must run "build")', changes }];
}
