/**
 * The throughput corpus: at least 3,000 real JavaScript files from the project's own node_modules,
 * topped up with pinned packages fetched by `npm pack`. Built once into .cache/, never committed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isBuiltinModule, MODULE_SPECIFIER, packageNameOf } from '../server/src/rules/_utils/packageNames';

const ROOT = join(__dirname, '..');
const CACHE = join(ROOT, '.cache', 'bench');
const TOP_UP = ['lodash@4.17.21', 'rxjs@7.8.1', 'date-fns@2.30.0'];
const WANTED = 3200;
/** Bumped whenever the corpus is built differently, so a stale cache is rebuilt. */
const CORPUS_VERSION = 2;

export function benchCorpus(): { dir: string; files: number } {
  const dir = join(CACHE, 'corpus');
  const marker = join(dir, 'package.json');
  if (existsSync(marker) && JSON.parse(readFileSync(marker, 'utf8')).corpusVersion === CORPUS_VERSION) return { dir, files: countFiles(dir) };
  rmSync(dir, { recursive: true, force: true });
  const sources = [join(ROOT, 'node_modules'), ...TOP_UP.map(unpack)];
  const files = sources.flatMap((source) => javascriptFiles(source).map((file) => ({ source, file }))).slice(0, WANTED);
  for (const { source, file } of files) {
    // node_modules is skipped by every scanner, so the copies live under pkgs/.
    const target = join(dir, 'pkgs', relative(source, file).replace(/node_modules\//g, 'nm/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  // Like a real service, the corpus declares what its files load; an undeclared package is a finding, not the norm.
  const dependencies = Object.fromEntries([...loadedPackages(javascriptFiles(dir))].sort().map((name) => [name, '*']));
  writeFileSync(marker, JSON.stringify({ name: 'bench-corpus', private: true, corpusVersion: CORPUS_VERSION, dependencies }, null, 2));
  return { dir, files: files.length };
}

function unpack(spec: string): string {
  const target = join(CACHE, 'packs', spec);
  if (existsSync(join(target, 'package'))) return join(target, 'package');
  mkdirSync(target, { recursive: true });
  const tarball = execFileSync('npm', ['pack', spec, '--pack-destination', target, '--silent'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n').pop()!;
  execFileSync('tar', ['-xzf', join(target, tarball), '-C', target]);
  return join(target, 'package');
}

/** .js/.cjs/.mjs only, so ESLint's default parser reads the same files; no minified or huge files. */
function javascriptFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (current: string) => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (/\.(?:c|m)?js$/.test(name) && !/\.min\./.test(name) && info.size < 300_000) found.push(path);
    }
  };
  walk(dir);
  return found;
}

function loadedPackages(files: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(MODULE_SPECIFIER)) {
      const name = packageNameOf(specifier);
      if (name && !isBuiltinModule(specifier)) names.add(name);
    }
  }
  return names;
}

function countFiles(dir: string): number {
  return javascriptFiles(dir).length;
}
