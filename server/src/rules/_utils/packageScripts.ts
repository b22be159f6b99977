/**
 * package.json scripts as the package manager runs them: `npm start` also runs `prestart` and
 * `poststart`, and a script may run others (`npm run build`, `yarn build`, `run-s build serve`).
 */
import picomatch from 'picomatch';
import { packageManagerCommand } from './commands';
import { parseShell, programName, programWords, type ShellWord, type SimpleCommand } from './shell';

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
