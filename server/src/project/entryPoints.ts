/**
 * Entry points are what the platform runs: package.json `main`/`bin`, the `start` script's
 * target, and the Procfile's `web` command. Commands are read, never executed.
 */
const RUNNERS = new Set(['node', 'nodemon', 'ts-node', 'ts-node-dev', 'tsx', 'babel-node', 'bun', 'node-dev', 'supervisor']);
const PROCESS_MANAGERS = new Set(['pm2', 'pm2-runtime', 'forever']);
/** Runner flags that take a value, so the value is not the script. */
const FLAGS_WITH_VALUE = new Set(['-r', '--require', '--import', '--loader', '--experimental-loader', '-e', '--eval', '--env-file', '--inspect-port', '--watch-path', '-w', '--watch', '--exec', '-x', '--ext', '--name', '-i', '--instances']);
const SCRIPT_FILE = /\.(?:[cm]?js|[cm]?ts|jsx|tsx)$/;
/** Runner subcommands that come before the script (`tsx watch src/app.ts`). */
const SUBCOMMANDS = new Set(['watch', 'run', 'start']);

/** The files a shell command runs with node (or a node runner), e.g. `NODE_ENV=production node -r dotenv/config dist/index.js`. */
export function scriptTargets(command: string): string[] {
  return command
    .split(/&&|\|\||;|\|/)
    .map((part) => part.trim().split(/\s+/))
    .flatMap(commandTarget);
}

function commandTarget(words: string[]): string[] {
  let index = 0;
  while (index < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[index])) index++;
  if (words[index] === 'npx' || words[index] === 'exec') index++;
  const runner = words[index]?.replace(/^.*\//, '');
  if (!runner) return [];
  if (PROCESS_MANAGERS.has(runner)) index += words[index + 1] === 'start' ? 2 : 1;
  else if (RUNNERS.has(runner)) index++;
  else return [];
  for (; index < words.length; index++) {
    const word = words[index];
    if (FLAGS_WITH_VALUE.has(word)) index++;
    else if (word.startsWith('-') || SUBCOMMANDS.has(word)) continue;
    else return SCRIPT_FILE.test(word) || !word.includes('.') ? [stripQuotes(word)] : [];
  }
  return [];
}

function stripQuotes(word: string): string {
  return word.replace(/^['"]|['"]$/g, '').replace(/^\.\//, '');
}
