import { dirname, join, normalize } from 'node:path';
import { projectPath } from '../../engine/paths';

export { projectPath };

const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.tsx', '.jsx'];

/**
 * Resolves a relative import to one of the analysed files, the way Node and TypeScript would:
 * the exact path, an added extension, an index file, or `./x.js` written for `./x.ts`.
 */
export function resolveImport(from: string, specifier: string, files: ReadonlySet<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return resolvePath(normalize(join(dirname(from), specifier)), files);
}

export function resolvePath(base: string, files: ReadonlySet<string>): string | undefined {
  const withoutJs = base.replace(/\.(?:[cm]?js|jsx)$/, '');
  const candidates = [base, ...EXTENSIONS.map((extension) => withoutJs + extension), ...EXTENSIONS.map((extension) => join(base, `index${extension}`))];
  return candidates.find((candidate) => files.has(candidate));
}

/**
 * An entry point as package.json names it, mapped to an analysed file. Compiled output that is
 * not analysed (`dist/index.js`, usually gitignored) is mapped back to its source (`src/index.ts`).
 */
export function resolveEntryPoint(root: string, entry: string, files: ReadonlySet<string>): string | undefined {
  const direct = resolvePath(join(root, entry), files);
  if (direct) return direct;
  const source = entry.replace(/^(?:\.\/)?(?:dist|build|lib|out)\//, 'src/');
  return source === entry ? undefined : resolvePath(join(root, source), files);
}

/**
 * An import as a relative path where a package imports itself by name (`import '@keystone-6/core/scripts'`
 * in @keystone-6/core's own bin), mapped through its `exports` (or `main`), so the import graph
 * follows it like any relative import. So is a relative import of the package's own folder
 * (`require('../')` in a bin), which Node resolves through `main`.
 */
export function selfReferences(root: string, manifest: Readonly<Record<string, unknown>> | undefined): (file: string, specifier: string) => string {
  if (!manifest) return (_file, specifier) => specifier;
  const name = typeof manifest.name === 'string' ? manifest.name : undefined;
  const relativeTarget = (file: string, target: string | undefined) => {
    if (!target) return undefined;
    const path = projectPath(dirname(file), join(root, target));
    return path.startsWith('.') ? path : `./${path}`;
  };
  return (file, specifier) => {
    if (specifier.startsWith('.')) return normalize(join(dirname(file), specifier)).replace(/\/$/, '') === root ? (relativeTarget(file, exportTarget(manifest, '.')) ?? specifier) : specifier;
    if (!name || (specifier !== name && !specifier.startsWith(`${name}/`))) return specifier;
    return relativeTarget(file, exportTarget(manifest, `.${specifier.slice(name.length)}`)) ?? specifier;
  };
}

/** The file a package's `exports` (or `main`, for the package itself) gives for a subpath, preferring the CommonJS condition. */
function exportTarget(manifest: Readonly<Record<string, unknown>>, subpath: string): string | undefined {
  const exports = manifest.exports;
  const entry = typeof exports === 'string' || Array.isArray(exports) ? (subpath === '.' ? exports : undefined) : (exports as Record<string, unknown> | undefined)?.[subpath];
  return conditionTarget(entry) ?? (subpath === '.' && typeof manifest.main === 'string' ? manifest.main : undefined);
}

function conditionTarget(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(conditionTarget).find((target) => target !== undefined);
  if (typeof value !== 'object' || value === null) return undefined;
  const conditions = value as Record<string, unknown>;
  return ['require', 'node', 'default', 'import'].map((condition) => conditionTarget(conditions[condition])).find((target) => target !== undefined);
}

/**
 * The files with their twins of a dual build (`dist/Strapi.js` and `dist/Strapi.mjs`): a package
 * shipped as CommonJS and as ESM runs one copy or the other, whichever way the app loads it.
 */
export function withModuleTwins(files: Iterable<string>, paths: ReadonlySet<string>): Set<string> {
  const all = new Set(files);
  for (const file of [...all]) {
    const stem = file.replace(/\.(?:[cm]?js)$/, '');
    if (stem === file) continue;
    for (const twin of [`${stem}.js`, `${stem}.mjs`, `${stem}.cjs`]) if (paths.has(twin)) all.add(twin);
  }
  return all;
}

/** Every analysed file reachable from `entry` through relative imports, the entry included. */
export function reachableFiles(entry: string, importsOf: (file: string) => readonly string[], files: ReadonlySet<string>): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of importsOf(file)) {
      const target = resolveImport(file, specifier, files);
      if (target && !seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return seen;
}

/**
 * The files that start the app: the declared entry points (package.json `main`, `bin`, the `start`
 * script, the Procfile's `web` process) mapped to analysed files, or, when none of them is
 * analysed, every file `isStarter` accepts (one that starts a server) that no other file imports.
 */
export function entryFiles(
  root: string,
  entryPoints: readonly string[],
  files: ReadonlySet<string>,
  importsOf: (file: string) => readonly string[],
  isStarter: (file: string) => boolean,
): string[] {
  const declared = entryPoints.map((entry) => resolveEntryPoint(root, entry, files)).filter((file): file is string => file !== undefined);
  if (declared.length > 0) return [...new Set(declared)];
  const imported = new Set([...files].flatMap((file) => importsOf(file).map((specifier) => resolveImport(file, specifier, files))));
  return [...files].filter((file) => isStarter(file) && !imported.has(file));
}
