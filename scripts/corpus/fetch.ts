/**
 * Downloads the labelled corpus: each package pinned in packages.json, with `npm pack` (which only
 * downloads the registry tarball and runs no scripts), checked against the pinned sha512 integrity,
 * then extracted into .corpus/ (gitignored). Nothing from the corpus is vendored into the repo and
 * none of its code is run. Work already done is skipped.
 *
 *   node --import tsx scripts/corpus/fetch.ts
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '..', '..');
export const CORPUS_DIR = join(REPO_ROOT, '.corpus');
const TARBALLS = join(CORPUS_DIR, 'tarballs');
const DONE_MARKER = '.fetched';

export interface CorpusPackage {
  readonly name: string;
  readonly version: string;
  /** The registry's `dist.integrity`, `sha512-<base64>`. */
  readonly integrity: string;
  readonly why?: string;
}

/** `packages.json`: the labelled corpus; `smoke.json`: services scanned unlabelled, to read what a new user would see. */
export function loadPackages(list: 'packages.json' | 'smoke.json' = 'packages.json'): CorpusPackage[] {
  const data = JSON.parse(readFileSync(join(__dirname, list), 'utf8')) as { packages: CorpusPackage[] };
  return data.packages;
}

/** `@directus/api` 39.2.1 → `.corpus/directus+api@39.2.1`. */
export function packageDir(pkg: Pick<CorpusPackage, 'name' | 'version'>): string {
  return join(CORPUS_DIR, `${pkg.name.replace(/^@/, '').replace(/\//g, '+')}@${pkg.version}`);
}

/** The package root as published: npm tarballs hold everything under `package/` (older ones under another single folder, renamed on extraction). */
export function packageRoot(pkg: Pick<CorpusPackage, 'name' | 'version'>): string {
  return join(packageDir(pkg), 'package');
}

export function sha512Integrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** Fetches, verifies and extracts every package not already extracted; returns their roots. */
export function fetchCorpus(packages: readonly CorpusPackage[] = loadPackages(), log: (line: string) => void = console.log): string[] {
  mkdirSync(TARBALLS, { recursive: true });
  return packages.map((pkg) => {
    const dir = packageDir(pkg);
    const marker = join(dir, DONE_MARKER);
    if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === pkg.integrity && existsSync(packageRoot(pkg))) return packageRoot(pkg);
    const tarball = downloadVerified(pkg, log);
    extract(tarball, dir);
    writeFileSync(marker, `${pkg.integrity}\n`);
    log(`extracted ${pkg.name}@${pkg.version} into ${dir}`);
    return packageRoot(pkg);
  });
}

function downloadVerified(pkg: CorpusPackage, log: (line: string) => void): string {
  if (!/^sha512-[A-Za-z0-9+/]+=*$/.test(pkg.integrity)) throw new Error(`${pkg.name}@${pkg.version}: pinned integrity must be a sha512 SRI string, got ${pkg.integrity}`);
  const cached = join(TARBALLS, tarballName(pkg));
  if (existsSync(cached) && sha512Integrity(readFileSync(cached)) === pkg.integrity) return cached;
  rmSync(cached, { force: true });
  log(`npm pack ${pkg.name}@${pkg.version}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', `${pkg.name}@${pkg.version}`, '--ignore-scripts', '--json', '--pack-destination', TARBALLS], {
    cwd: TARBALLS,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    // `--json` lists every file of the tarball: thousands of entries for a package that ships its sources and a build.
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`npm pack ${pkg.name}@${pkg.version} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stderr}`);
  const packed = JSON.parse(result.stdout) as { filename: string }[];
  const file = join(TARBALLS, packed[0].filename);
  const actual = sha512Integrity(readFileSync(file));
  if (actual !== pkg.integrity) {
    rmSync(file, { force: true });
    throw new Error(`Refusing ${pkg.name}@${pkg.version}: the tarball's sha512 does not match the pinned integrity.\n  pinned: ${pkg.integrity}\n  actual: ${actual}`);
  }
  if (file !== cached) renameSync(file, cached);
  return cached;
}

function tarballName(pkg: CorpusPackage): string {
  return `${pkg.name.replace(/^@/, '').replace(/\//g, '-')}-${pkg.version}.tgz`;
}

/** Extracts into a scratch folder first, so an interrupted run never leaves a half package behind. */
function extract(tarball: string, dir: string): void {
  const scratch = `${dir}.partial`;
  rmSync(scratch, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const tarModule = optionalTar();
  if (tarModule) {
    tarModule.x({ file: tarball, cwd: scratch, sync: true, strict: true, preserveOwner: false });
  } else {
    // GNU and BSD tar both refuse absolute paths and `..` members by default.
    const result = spawnSync('tar', ['-xzf', tarball, '-C', scratch, '--no-same-owner'], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tar failed on ${tarball}: ${result.error?.message ?? result.stderr}`);
  }
  normaliseTopFolder(scratch);
  renameSync(scratch, dir);
}

/** Tarballs packed before npm 3 may hold everything under `<name>-<version>/` instead of `package/`, as npm itself accepts. */
function normaliseTopFolder(scratch: string): void {
  const entries = readdirSync(scratch, { withFileTypes: true });
  if (entries.length === 1 && entries[0].isDirectory() && entries[0].name !== 'package') {
    renameSync(join(scratch, entries[0].name), join(scratch, 'package'));
  }
}

interface TarModule {
  x(options: { file: string; cwd: string; sync: true; strict: boolean; preserveOwner: boolean }): void;
}

/** The `tar` npm package when the project happens to have it; the system's tar otherwise. */
function optionalTar(): TarModule | undefined {
  try {
    return require(require.resolve('tar', { paths: [REPO_ROOT] })) as TarModule;
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  try {
    const roots = fetchCorpus();
    console.log(`corpus ready: ${roots.length} packages in ${CORPUS_DIR}`);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
