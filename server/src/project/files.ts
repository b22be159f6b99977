import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { open, readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { isBinScript, SOURCE_EXTENSIONS } from '../engine/parse';
import { projectPath } from '../engine/paths';

/**
 * Larger files are skipped. Servers shipped as one bundle (restapify's 2.4 MB `dist/index.cjs.js`) fit
 * under it; minified and generated files are skipped by their content whatever their size.
 */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
export const MAX_FILE_SIZE = '4 MB';

/** Never application code: dependencies (also a stray copy such as `node_modules_0.8.1/`), VCS data, caches, coverage. */
const ALWAYS_IGNORED = ['**/node_modules/**', '**/node_modules_*/**', '**/.git/**', '**/coverage/**', '**/.next/**', '**/.nuxt/**', '**/bower_components/**', '**/.cache/**', '**/*.d.ts', '**/*.min.js', '**/*.bundle.js', '**/*.map'];

/**
 * Code that is not the production service: tests, fixtures, examples and docs. Skipped by default,
 * because a secret in a test fixture is not a deploy's config. Build output is left to `.gitignore`:
 * a published package ships its compiled code and that is what runs.
 */
export const NON_PRODUCTION = [
  '**/test/**', '**/tests/**', '**/testing/**', '**/test-*/**', '**/tests-*/**', '**/__tests__/**', '**/spec/**', '**/__mocks__/**', '**/fixtures/**', '**/__fixtures__/**',
  '**/e2e/**', '**/cypress/**', '**/examples/**', '**/example/**', '**/samples/**', '**/sample/**', '**/demos/**', '**/demo/**',
  // `docker-examples/`, `deploy-examples/`, `module_sample/`: setups shown to users, not what the package runs.
  '**/*[-_]examples/**', '**/*[-_]sample/**', '**/*[-_]samples/**',
  // `example-mods/`, `examples-next/`: the same, named the other way round.
  '**/example[-_]*/**', '**/examples[-_]*/**',
  // `config.example.js`, `settings-sample.js`: settings for users to copy, not the ones the package runs with.
  '**/*.example.*', '**/*.sample.*', '**/*-sample.*',
  '**/docs/**', '**/benchmarks/**', '**/bench/**', '/performance/**',
  // Scaffolds a generator copies into new projects (`templates/app/app.js`, pomelo's `template/web-server/app.js`): the user's code to be.
  '**/templates/**', '/template/**',
  // A package's own `doc/` folder; deeper down, `doc` can name a module of the app (Apostrophe's `modules/@apostrophecms/doc`).
  '/doc/**',
  // `test.js` beside the code: a developer's scratch or benchmark script.
  '**/*.test.*', '**/*.spec.*', '**/*.stories.*', '**/test.*js', '**/test.*ts',
  // `e2e.api.js`: endpoints that only end-to-end test runs mount.
  '**/e2e.*', '**/*.e2e.*',
  // Development servers and their config: `server-dev.js`, `dev-server.ts`, `app.dev.js`.
  '**/*-dev.*', '**/*.dev.*', '**/dev-server.*',
];

const nonProductionPaths = ignore().add(NON_PRODUCTION.map(toGitignorePattern));

/** Tests, examples, docs and development files, by their path relative to the root (`tests/ratelimit/Dockerfile`). */
export function isNonProductionPath(relative: string): boolean {
  // The `ignore` package throws on paths outside the root; nothing there is this project's code.
  return !relative.startsWith('..') && !isAbsolute(relative) && nonProductionPaths.ignores(relative);
}

export interface FileFilter {
  /** True when the file should not be analysed; paths are absolute. */
  isIgnored(path: string): boolean;
}

export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
}

export interface FilterGlobs {
  /** Extra globs to leave out, relative to the root. */
  readonly ignore?: readonly string[];
  /** Globs that are production code even when they look like tests, examples or docs. */
  readonly production?: readonly string[];
}

/** Builds the filter for one root from the built-in lists, every .gitignore below it, and configured globs. */
export async function createFileFilter(root: string, globs: FilterGlobs = {}): Promise<FileFilter> {
  const always = ignore().add([...ALWAYS_IGNORED, ...(globs.ignore ?? [])].map(toGitignorePattern));
  const nonProduction = ignore().add(NON_PRODUCTION.map(toGitignorePattern));
  const production = ignore().add((globs.production ?? []).map(toGitignorePattern));
  const gitignored = await createGitignoreFilter(root);
  return {
    isIgnored(path: string): boolean {
      const rel = projectPath(root, path);
      if (!rel || rel.startsWith('..')) return false;
      if (always.ignores(rel) || gitignored.isIgnored(path)) return true;
      return nonProduction.ignores(rel) && !production.ignores(rel);
    },
  };
}

export interface GitignoreOptions {
  /**
   * Also apply the .gitignore files of the folders above the root, up to the repository's own
   * root (the folder holding `.git`): a package inside a monorepo is covered by them too.
   */
  readonly ancestors?: boolean;
}

/** What git itself would leave out: every .gitignore below the root, each applied to its own folder. */
export async function createGitignoreFilter(root: string, options: GitignoreOptions = {}): Promise<FileFilter> {
  const gitignores = await fg('**/.gitignore', { cwd: root, ignore: ['**/node_modules/**', '**/.git/**'], dot: true, suppressErrors: true });
  const nested: { dir: string; rules: Ignore }[] = [];
  for (const file of gitignores) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    nested.push({ dir: dirname(file) === '.' ? '' : dirname(file), rules: ignore().add(text) });
  }
  const above = options.ancestors ? await ancestorGitignores(root) : [];
  return {
    isIgnored(path: string): boolean {
      const rel = projectPath(root, path);
      if (!rel || rel.startsWith('..')) return false;
      const inRoot = nested.some(({ dir, rules }) => {
        if (dir && !rel.startsWith(`${dir}/`)) return false;
        return rules.ignores(dir ? rel.slice(dir.length + 1) : rel);
      });
      return inRoot || above.some(({ dir, rules }) => rules.ignores(projectPath(dir, path)));
    },
  };
}

/** The .gitignore files between the root and the repository root above it; none when no `.git` is found. */
async function ancestorGitignores(root: string): Promise<{ dir: string; rules: Ignore }[]> {
  const found: { dir: string; rules: Ignore }[] = [];
  if (await exists(join(root, '.git'))) return found;
  for (let dir = dirname(root); ; dir = dirname(dir)) {
    const text = await readFile(join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    if (text !== undefined) found.push({ dir, rules: ignore().add(text) });
    if (await exists(join(dir, '.git'))) return found;
    // Not inside a repository: the folders above belong to no checkout of this code.
    if (dir === dirname(dir)) return [];
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(() => true, () => false);
}

/** `**\/test/**` → `test/` so the `ignore` package matches it at any depth. */
function toGitignorePattern(glob: string): string {
  return glob.replace(/^\*\*\//, '').replace(/\/\*\*$/, '/');
}

/**
 * Source files by extension, plus the extensionless node scripts packages start from: those in a
 * `bin/` folder and those package.json names (`declaredScripts`: jingo's `"bin": "./jingo"`).
 */
export async function listSourceFiles(root: string, filter: FileFilter, declaredScripts: readonly string[] = []): Promise<string[]> {
  const options = { cwd: root, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], dot: false, followSymbolicLinks: false, suppressErrors: true };
  const [sources, binFiles] = await Promise.all([fg([`**/*{${SOURCE_EXTENSIONS.join(',')}}`], options), fg(['**/bin/*'], options)]);
  const candidates = [...new Set([...binFiles.filter(isBinScript), ...declaredScripts])];
  const nodeScripts = await Promise.all(candidates.map(async (file) => ((await startsWithNodeShebang(file)) ? [file] : [])));
  return [...sources, ...nodeScripts.flat()].filter((file) => !filter.isIgnored(file)).sort();
}

async function startsWithNodeShebang(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return false;
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(128), 0, 128, 0);
    return /^#!.*\bnode\b/.test(buffer.subarray(0, bytesRead).toString('utf8').split('\n')[0]);
  } catch {
    // A folder named as `main`, or a file that vanished: not a script.
    return false;
  } finally {
    await handle.close();
  }
}

export type ReadResult = { readonly text: string } | { readonly skipped: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a source file, or says why it is skipped: too big, binary, not UTF-8, minified or generated. */
export async function readSourceFile(path: string): Promise<ReadResult> {
  try {
    const info = await stat(path);
    if (info.size > MAX_FILE_BYTES) return { skipped: `larger than ${MAX_FILE_SIZE} (${Math.round(info.size / 1024)} KB)` };
    return checkContent(await readFile(path));
  } catch (error) {
    return { skipped: `unreadable (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
}

export function checkContent(bytes: Uint8Array): ReadResult {
  if (bytes.byteLength > MAX_FILE_BYTES) return { skipped: `larger than ${MAX_FILE_SIZE} (${Math.round(bytes.byteLength / 1024)} KB)` };
  if (bytes.subarray(0, 8000).includes(0)) return { skipped: 'binary content' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { skipped: 'not valid UTF-8' };
  }
  const reason = contentSkipReason(text);
  return reason ? { skipped: reason } : { text };
}

/** Why decoded text is not analysed, if it is not: the workspace scan and open editors skip the same files. */
export function contentSkipReason(text: string): string | undefined {
  return generatedReason(text) ?? testSuiteReason(text);
}

/** A suite at the top of the file (`describe(…)`) and a test library loaded: a test file, wherever it sits (bitcore-node's `regtest/`). */
const TEST_SUITE = /^(?:describe|suite)\s*\(/m;
const TEST_LIBRARY = /(?:require\s*\(\s*|from\s+)['"](?:chai|should|sinon|mocha|supertest|node:test|vitest|@jest\/globals|tap|ava|expect\.js|proxyquire)['"]/;

/** Test code says nothing about how the service runs. */
function testSuiteReason(text: string): string | undefined {
  return TEST_SUITE.test(text) && TEST_LIBRARY.test(text) ? 'test suite' : undefined;
}

/**
 * Browserify's module loader, which opens every bundle it writes (`require=(function(){function r(e,n,t){…`, older
 * `(function e(t,n,r){function s(o,u){…`): the page's code, with the `require` paths of the modules it inlined.
 */
const BROWSERIFY_PRELUDE = /^\s*(?:require\s*=\s*)?\(function(?:\(\)\{function r\(e,n,t\)\{| e\(t,n,r\)\{function s\(o,u\)\{)/;

/** Machine-written code says nothing about how the service is configured by people. */
function generatedReason(text: string): string | undefined {
  const head = text.slice(0, 1000);
  if (/@generated\b|\bDO NOT EDIT\b|^\/\/ Code generated/m.test(head)) return 'generated file';
  if (BROWSERIFY_PRELUDE.test(head)) return 'browser bundle';
  const lines = text.split('\n');
  const longLines = lines.filter((line) => line.length > 1000).length;
  if (text.length > 5000 && (longLines > 0 && text.length / lines.length > 300)) return 'minified file';
  return undefined;
}
