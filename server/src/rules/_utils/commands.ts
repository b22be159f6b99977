/**
 * What a simple shell command does, for the rules that care about installs, builds and checkouts:
 * `npm ci`, `yarn global add pm2`, `tsc -p .`, `git pull`. Commands are read, never run.
 */
import { ownValue } from './records';
import { programName, type ShellWord } from './shell';

export type PackageManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

export interface PackageManagerCommand {
  readonly manager: PackageManager;
  /** The program word (`npm`, `/usr/local/bin/yarn`). */
  readonly program: ShellWord;
  /**
   * The verb, normalised: `install`, `ci`, `add`, `remove`, `update`, `link`, `run`, `exec`, `dlx`,
   * `script` (yarn/pnpm/bun shorthand for a script, and npm start/test/stop/restart), or the word as written.
   */
  readonly verb: string;
  /** The verb as written; absent for a bare `yarn`. */
  readonly verbWord?: ShellWord;
  /** `-g`, `--global`, `--location=global`, `yarn global add`. */
  readonly global: boolean;
  /** Words after the verb that are not flags: packages, or the script and its arguments. */
  readonly operands: readonly ShellWord[];
  readonly flags: readonly ShellWord[];
  /** The package.json script the command runs, when it runs one. */
  readonly script?: string;
}

const MANAGERS: Readonly<Record<string, PackageManager>> = { npm: 'npm', yarn: 'yarn', yarnpkg: 'yarn', pnpm: 'pnpm', bun: 'bun' };

const NPM_VERBS: Readonly<Record<string, string>> = {
  ...aliases('install', ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'install-test', 'it']),
  ...aliases('ci', ['ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean', 'install-ci-test', 'cit']),
  ...aliases('remove', ['uninstall', 'un', 'unlink', 'remove', 'rm', 'r']),
  ...aliases('update', ['update', 'up', 'upgrade', 'udpate']),
  ...aliases('link', ['link', 'ln']),
  ...aliases('run', ['run', 'run-script', 'rum', 'urn']),
  ...aliases('exec', ['exec', 'x']),
  ...aliases('script', ['start', 'test', 't', 'tst', 'stop', 'restart']),
};
const NPM_SCRIPT_ALIASES: Readonly<Record<string, string>> = { t: 'test', tst: 'test' };

const YARN_VERBS: Readonly<Record<string, string>> = {
  install: 'install', add: 'add', remove: 'remove', upgrade: 'update', up: 'update', 'upgrade-interactive': 'update',
  link: 'link', run: 'run', exec: 'exec', dlx: 'dlx',
};
/** Yarn commands that are not scripts (anything else is `yarn <script>`). */
const YARN_BUILTINS = new Set([
  'audit', 'autoclean', 'bin', 'cache', 'check', 'config', 'constraints', 'create', 'dedupe', 'explain', 'generate-lock-entry', 'help', 'import', 'info',
  'init', 'licenses', 'list', 'login', 'logout', 'node', 'npm', 'outdated', 'owner', 'pack', 'patch', 'patch-commit', 'plugin', 'policies', 'publish',
  'rebuild', 'search', 'set', 'stage', 'tag', 'team', 'unlink', 'unplug', 'version', 'versions', 'why', 'workspace', 'workspaces',
]);

const PNPM_VERBS: Readonly<Record<string, string>> = {
  add: 'add', install: 'install', i: 'install', remove: 'remove', rm: 'remove', uninstall: 'remove', un: 'remove', update: 'update', up: 'update',
  upgrade: 'update', link: 'link', ln: 'link', run: 'run', 'run-script': 'run', exec: 'exec', dlx: 'dlx', start: 'script', test: 'script', t: 'script',
};
const PNPM_BUILTINS = new Set([
  'audit', 'bin', 'config', 'create', 'dedupe', 'deploy', 'doctor', 'env', 'fetch', 'import', 'init', 'licenses', 'list', 'ls', 'outdated', 'pack',
  'patch', 'patch-commit', 'prune', 'publish', 'rebuild', 'recursive', 'root', 'server', 'setup', 'store', 'unlink', 'why',
]);

const BUN_VERBS: Readonly<Record<string, string>> = {
  add: 'add', a: 'add', install: 'install', i: 'install', remove: 'remove', rm: 'remove', update: 'update', link: 'link', run: 'run', x: 'exec',
};
const BUN_BUILTINS = new Set(['build', 'test', 'init', 'create', 'upgrade', 'pm', 'publish', 'outdated', 'patch', 'repl', 'exec', 'unlink', 'why']);

/** Flags that take the next word as their value, so it is not the verb. */
const FLAGS_WITH_VALUE = new Set([
  '--prefix', '-C', '--dir', '--cwd', '--workspace', '-w', '--filter', '-F', '--registry', '--cache', '--userconfig', '--globalconfig', '--loglevel',
  '--modules-folder', '--workspace-dir', '--global-folder', '--network-timeout', '--mutex',
]);

function aliases(verb: string, words: readonly string[]): Record<string, string> {
  return Object.fromEntries(words.map((word) => [word, verb]));
}

/** Reads `words` (a program and its arguments) as a package manager command. */
export function packageManagerCommand(words: readonly ShellWord[]): PackageManagerCommand | undefined {
  const program = words[0];
  const manager = program && (program.dynamic ? MANAGERS[program.hint ?? ''] : MANAGERS[programName(program.text)]);
  if (!manager) return undefined;
  let global = false;
  const flags: ShellWord[] = [];
  const operands: ShellWord[] = [];
  let verbWord: ShellWord | undefined;
  for (let index = 1; index < words.length; index++) {
    const word = words[index];
    if (verbWord && word.text === '--') {
      operands.push(...words.slice(index + 1));
      break;
    }
    if (word.text.startsWith('-') && !word.dynamic) {
      flags.push(word);
      if (/^(?:-g|--global|--location=global)$/.test(word.text)) global = true;
      // `--unsafe-perm true`: npm reads a boolean flag's value from the next word too.
      if (FLAGS_WITH_VALUE.has(word.text) || /^(?:true|false)$/.test(words[index + 1]?.text ?? '')) index++;
      continue;
    }
    if (!verbWord) {
      if (manager === 'yarn' && word.text === 'global') {
        global = true;
        continue;
      }
      verbWord = word;
    } else {
      operands.push(word);
    }
  }
  const { verb, script } = verbOf(manager, verbWord, flags, operands);
  return { manager, program, verb, verbWord, global, operands, flags, script };
}

/** Flags only installs take: `npm --save --ignore-scripts ${command} pkg` installs or removes, whatever the verb in the variable. */
const INSTALL_FLAG = /^(?:--save(?:-dev|-exact|-optional|-prod|-peer)?|-[SDE]|--no-save|--ignore-scripts|--production|--omit=\w+|--legacy-peer-deps|--no-package-lock)$/;

function verbOf(manager: PackageManager, verbWord: ShellWord | undefined, flags: readonly ShellWord[], operands: readonly ShellWord[]): { verb: string; script?: string } {
  if (!verbWord) return { verb: manager === 'yarn' || manager === 'bun' ? 'install' : '' };
  if (verbWord.dynamic && manager === 'npm' && flags.some((flag) => INSTALL_FLAG.test(flag.text))) return { verb: 'install' };
  const word = verbWord.dynamic ? '' : verbWord.text;
  const table = manager === 'npm' ? NPM_VERBS : manager === 'yarn' ? YARN_VERBS : manager === 'pnpm' ? PNPM_VERBS : BUN_VERBS;
  const verb = ownValue(table, word);
  const first = operands[0] && !operands[0].dynamic ? operands[0].text : undefined;
  if (verb === 'run') return { verb, script: first };
  if (verb === 'script') return { verb, script: ownValue(NPM_SCRIPT_ALIASES, word) ?? word };
  if (verb) return { verb };
  const builtins = manager === 'yarn' ? YARN_BUILTINS : manager === 'pnpm' ? PNPM_BUILTINS : manager === 'bun' ? BUN_BUILTINS : undefined;
  if (builtins && word && !builtins.has(word)) return { verb: 'script', script: word };
  return { verb: word };
}

/** Verbs that change what is installed in node_modules. */
/** OS package managers: installing with one at run time changes the machine under the release. */
export const OS_PACKAGE_MANAGER = /^(?:apt-get|apt|apk|yum|dnf|microdnf|zypper|brew|choco|pacman|nix-env|pip3?)$/;

export function isInstallVerb(verb: string): boolean {
  return verb === 'install' || verb === 'ci' || verb === 'add' || verb === 'remove' || verb === 'update' || verb === 'link';
}

/** npm script names that, by convention, build the app (`prepack` and `prepare` build before packing). */
export const BUILD_SCRIPT = /^(?:build|compile|bundle|transpile|dist|prepack|prepare)(?:[:_-][\w:.-]*)?$/;

/** Program words as run through a launcher: `npx tsc`, `npm exec -- tsc`, `yarn tsc`, `node_modules/.bin/tsc`. */
export function launchedTool(words: readonly ShellWord[]): readonly ShellWord[] {
  const first = words[0];
  if (!first || first.dynamic) return words;
  const name = programName(first.text);
  if (name === 'npx' || name === 'bunx' || name === 'pnpx') return skipFlags(words, 1, new Set(['-p', '--package', '-c', '--call']));
  const pm = packageManagerCommand(words);
  if (pm && (pm.verb === 'exec' || pm.verb === 'dlx') && pm.verbWord) return skipFlags(words, words.indexOf(pm.verbWord) + 1, new Set(['-p', '--package', '-c']));
  if (pm && pm.manager !== 'npm' && pm.verb === 'script' && pm.verbWord) return words.slice(words.indexOf(pm.verbWord));
  return words;
}

function skipFlags(words: readonly ShellWord[], from: number, withValue: ReadonlySet<string>): readonly ShellWord[] {
  let index = from;
  while (index < words.length && words[index].text.startsWith('-')) index += withValue.has(words[index].text) ? 2 : 1;
  return words.slice(index);
}

/** Tools whose every run emits built code, unless in watch or check-only mode. */
const ALWAYS_BUILDS = new Set(['tsc', 'webpack', 'webpack-cli', 'rollup', 'esbuild', 'babel', 'swc', 'tsup', 'microbundle', 'gulp', 'grunt']);
/** Tools that build only with a `build` (or `generate`) subcommand. */
const BUILDS_WITH_SUBCOMMAND = new Set(['vite', 'parcel', 'next', 'nest', 'ng', 'nuxt', 'nuxi', 'gatsby', 'remix', 'react-scripts', 'vue-cli-service', 'ncc', 'turbo', 'astro', 'svelte-kit']);
const WATCH_OR_CHECK = /^(?:-w|--watch(?:All)?|--noEmit|--no-emit|--serve|-v|--version|-h|--help|watch|serve|dev|develop|start)$/;

/** The compiler or bundler a command runs, when it builds code (`tsc`, `webpack`, `vite build`). */
export function buildTool(words: readonly ShellWord[]): string | undefined {
  const tool = launchedTool(words);
  const first = tool[0];
  if (!first || first.dynamic) return undefined;
  let name = programName(first.text);
  let rest = tool.slice(1);
  // `node node_modules/typescript/bin/tsc`, `node ./node_modules/.bin/webpack`
  if (name === 'node' && rest[0] && /node_modules\/(?:\.bin\/|[^/]+\/bin\/)/.test(rest[0].text)) {
    name = programName(rest[0].text).replace(/\.[cm]?js$/, '');
    rest = rest.slice(1);
  }
  if (rest.some((word) => WATCH_OR_CHECK.test(word.text))) return undefined;
  // `fork('app.js', ['--build'])`, `node app --setup`: the app's own entry run in its build or setup mode.
  const mode = name === 'node' && rest[0] && !rest[0].dynamic ? rest.slice(1).find((word) => /^--?(?:build|setup)$/.test(word.text)) : undefined;
  if (mode) return `node ${rest[0].text} ${mode.text}`;
  if (ALWAYS_BUILDS.has(name)) {
    if (name === 'gulp' || name === 'grunt') return rest.length === 0 || rest.some((word) => /build|compile|dist|bundle/.test(word.text)) ? name : undefined;
    return name;
  }
  if (BUILDS_WITH_SUBCOMMAND.has(name)) {
    const subcommand = rest.find((word) => !word.text.startsWith('-'))?.text;
    if (subcommand === 'build' || subcommand === 'generate' || (name === 'turbo' && subcommand === 'run' && rest.some((word) => BUILD_SCRIPT.test(word.text)))) {
      return `${name} ${subcommand}`;
    }
  }
  return undefined;
}

export interface VcsCommand {
  readonly verb: string;
  /** `git -C dir …`: the command works on another folder. */
  readonly otherFolder: boolean;
}

/** Git verbs that bring in or switch code. */
const CODE_CHANGING_GIT_VERBS = new Set(['pull', 'clone', 'fetch', 'checkout', 'reset', 'merge', 'rebase', 'switch', 'submodule']);

/** `git pull`, `git clone …`, `git -C dir checkout …`. */
export function vcsCommand(words: readonly ShellWord[]): VcsCommand | undefined {
  const first = words[0];
  if (!first || first.dynamic || programName(first.text) !== 'git') return undefined;
  let otherFolder = false;
  for (let index = 1; index < words.length; index++) {
    const text = words[index].text;
    if (text === '-C' || text === '--git-dir' || text === '--work-tree') {
      otherFolder = true;
      index++;
      continue;
    }
    if (text.startsWith('-')) continue;
    return CODE_CHANGING_GIT_VERBS.has(text) ? { verb: text, otherFolder } : undefined;
  }
  return undefined;
}
