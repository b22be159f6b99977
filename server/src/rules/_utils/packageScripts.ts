/**
 * package.json scripts as the package manager runs them: `npm start` also runs `prestart` and
 * `poststart`, and a script may run others (`npm run build`, `yarn build`, `run-s build serve`).
 */
import picomatch from 'picomatch';
import { buildTool, packageManagerCommand } from './commands';
import { packageNameOf } from './packageNames';
import { parseShell, programName, programWords, WRAPPERS, type ShellWord, type SimpleCommand } from './shell';

/** Names of the scripts a command line runs through the package manager or npm-run-all. */
export function scriptsRunBy(commands: readonly SimpleCommand[], scripts: Readonly<Record<string, string>>): string[] {
  const names: string[] = [];
  for (const command of commands) {
    const words = programWords(command);
    const pm = packageManagerCommand(words);
    if (pm?.script) {
      names.push(pm.script);
      continue;
    }
    const program = words[0] && !words[0].dynamic ? programName(words[0].text) : '';
    if (program === 'concurrently') {
      names.push(...scriptsRunBy(concurrentCommands(words), scripts));
      continue;
    }
    if (program === 'run-s' || program === 'run-p' || program === 'npm-run-all') {
      const patterns = words.slice(1).filter((word) => !word.dynamic && !word.text.startsWith('-')).map((word) => word.text);
      for (const pattern of patterns) {
        const matches = picomatch(pattern.replace(/:/g, '/'));
        names.push(...Object.keys(scripts).filter((name) => matches(name.replace(/:/g, '/'))));
      }
    }
  }
  return names;
}

/** concurrently's options that take a value: `-n "API,UI"`, `-p "[{name}]"`, `-c "white.bgMagenta"`. */
const CONCURRENTLY_VALUE_FLAGS = new Set(['-n', '--names', '-p', '--prefix', '-c', '--prefix-colors', '-l', '--prefix-length', '-t', '--timestamp-format', '-m', '--max-processes', '--kill-signal', '--restart-tries', '--restart-after', '--default-input-target', '--name-separator', '--success', '-s']);

/**
 * `concurrently -n "UI,API" "npm run build" "npm:server"`: the command lines concurrently runs, each
 * argument one of its own (`npm:server` is its shorthand for `npm run server`). None for another program.
 */
export function concurrentCommands(words: readonly ShellWord[]): SimpleCommand[] {
  if (!words[0] || words[0].dynamic || programName(words[0].text) !== 'concurrently') return [];
  const commands: SimpleCommand[] = [];
  for (let index = 1; index < words.length; index++) {
    const word = words[index];
    if (word.dynamic) continue;
    if (word.text.startsWith('-')) {
      if (CONCURRENTLY_VALUE_FLAGS.has(word.text)) index++;
      continue;
    }
    commands.push(...parseShell(word.text.replace(/^(npm|yarn|pnpm|bun):(?=\S)/, '$1 run ')));
  }
  return commands;
}

export interface ScriptStep {
  /** The script the command is written in. */
  readonly script: string;
  readonly command: SimpleCommand;
  /** Scripts that led here, from the first one: `['start', 'prod']`. */
  readonly via: readonly string[];
}

/**
 * Every simple command that running `name` executes, following `pre`/`post` hooks and scripts run
 * by other scripts (depth-limited, cycle-safe), in the order they run.
 */
export function scriptSteps(name: string, scripts: Readonly<Record<string, string>>, maxDepth = 4): ScriptStep[] {
  const steps: ScriptStep[] = [];
  const visit = (script: string, via: readonly string[]) => {
    if (via.includes(script) || via.length > maxDepth || scripts[script] === undefined) return;
    const path = [...via, script];
    const hooks = (hook: 'pre' | 'post') => {
      const hooked = `${hook}${script}`;
      if (scripts[hooked] !== undefined) visit(hooked, path);
    };
    hooks('pre');
    for (const command of parseShell(scripts[script])) {
      steps.push({ script, command, via: path });
      for (const called of scriptsRunBy([command], scripts)) visit(called, path);
    }
    hooks('post');
  };
  visit(name, []);
  return steps;
}

/** The `scripts` of a parsed package.json, string values only. */
export function scriptsOf(json: Readonly<Record<string, unknown>> | undefined): Record<string, string> {
  const value = json?.scripts;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Starts that rebuild on every change by design: development, not what a platform runs. */
const DEVELOPMENT_START = /\bnodemon\b|\bts-node-dev\b|--watch\b|\s-w\b|\bwebpack-dev-server\b|\bvite(?:\s+dev)?\s*$|\bnext dev\b/;

/**
 * `npm start` is what the repository's developers type, not what a platform runs: a development loop, itself or
 * through a script it runs (`"start": "concurrently \"yarn start-backend\" \"yarn build-frontend\""` with
 * `start-backend` running nodemon), or a TypeScript compile (`"prestart": "npm run build"` with `"build": "tsc"`)
 * in a package that ships no tsconfig.json, which the published package, built already, cannot run.
 */
export function isRepositoryStart(scripts: Readonly<Record<string, string>>, typescriptConfigs: readonly string[]): boolean {
  if (scripts.start === undefined) return false;
  const steps = scriptSteps('start', scripts);
  return steps.some((step) => DEVELOPMENT_START.test(scripts[step.script]) || (typescriptConfigs.length === 0 && buildTool(programWords(step.command)) === 'tsc'));
}

/** Programs shipped by a package of another name: `tsc` is TypeScript's. */
const PROGRAM_PACKAGES: Readonly<Record<string, readonly string[]>> = {
  tsc: ['typescript'],
  'babel-node': ['@babel/node', 'babel-cli'],
  babel: ['@babel/cli', 'babel-cli'],
  'ts-node-esm': ['ts-node'],
  tsnd: ['ts-node-dev'],
  'run-s': ['npm-run-all', 'npm-run-all2'],
  'run-p': ['npm-run-all', 'npm-run-all2'],
  nest: ['@nestjs/cli'],
};
/** Node options that load a module before the script: `-r ts-node/register`, `--loader ts-node/esm`, `--import tsx`. */
const PRELOAD_OPTIONS = new Set(['-r', '--require', '--loader', '--experimental-loader', '--import']);

/**
 * The npm packages a command needs installed to run, each with the program or module that needs it:
 * its wrappers and program (`cross-env`, `tsc`, `npx ts-node`, by the packages that may ship them) and
 * the modules node preloads (`node -r ts-node/register`).
 */
export function packagesRunBy(command: SimpleCommand): { program: string; packages: readonly string[] }[] {
  const words = command.words.filter((word) => !word.dynamic && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(word.text));
  const needs: { program: string; packages: readonly string[] }[] = [];
  let expectsProgram = true;
  for (const [index, word] of words.entries()) {
    const previous = words[index - 1]?.text;
    if (previous !== undefined && PRELOAD_OPTIONS.has(previous) && !word.text.startsWith('.')) {
      const name = packageNameOf(word.text);
      if (name) needs.push({ program: word.text, packages: [name] });
    }
    if (!expectsProgram || word.text.startsWith('-')) continue;
    const program = programName(word.text);
    // `npx ts-node`, `cross-env NODE_ENV=production node …`: the word after a runner or wrapper is a program too.
    expectsProgram = program === 'npx' || WRAPPERS.has(program);
    if (program !== 'node' && program !== 'npx') needs.push({ program, packages: PROGRAM_PACKAGES[program] ?? [program] });
  }
  return needs;
}
