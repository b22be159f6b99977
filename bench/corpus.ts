/**
 * The throughput corpus: at least 3,000 real JavaScript files from the project's own node_modules,
 * topped up with pinned packages fetched by `npm pack`. Built once into .cache/, never committed.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const CACHE = join(ROOT, '.cache', 'bench');
const TOP_UP = ['lodash@4.17.21', 'rxjs@7.8.1', 'date-fns@2.30.0'];
const WANTED = 3200;

export function benchCorpus(): { dir: string; files: number } {
  const dir = join(CACHE, 'corpus');
  const marker = join(dir, 'package.json');
  if (existsSync(marker)) return { dir, files: countFiles(dir) };
  const sources = [join(ROOT, 'node_modules'), ...TOP_UP.map(unpack)];
  const files = sources.flatMap((source) => javascriptFiles(source).map((file) => ({ source, file }))).slice(0, WANTED);
  for (const { source, file } of files) {
    // node_modules is skipped by every scanner, so the copies live under pkgs/.
    const target = join(dir, 'pkgs', relative(source, file).replace(/node_modules\//g, 'nm/'));
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(file, target);
  }
  writeFileSync(marker, JSON.stringify({ name: 'bench-corpus', private: true }));
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

function countFiles(dir: string): number {
  return javascriptFiles(dir).length;
}
