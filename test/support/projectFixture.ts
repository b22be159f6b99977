import ignore from 'ignore';
import { basename, join, normalize } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scriptTargets } from '../../server/src/project/entryPoints';
import { emptyProject, type PackageFacts, type ProjectFacts } from '../../server/src/project/facts';
import { CONFIG_DATA_FILE, parseConfigData } from '../../server/src/project/parsers/configData';
import { parseDockerfile } from '../../server/src/project/parsers/dockerfile';
import { parseEnvFile } from '../../server/src/project/parsers/dotenv';
import { parsePackageJson } from '../../server/src/project/parsers/packageJson';
import { parseProcfile } from '../../server/src/project/parsers/procfile';
import { parseYamlFile } from '../../server/src/project/parsers/yaml';
import type { ConfigDataFile, DockerfileFile, EnvFile, Lockfile, LockfileKind, PackageJsonFile, ProcfileFile, ProjectFiles, TextFile, YamlFile } from '../../server/src/project/projectFiles';
import { ROOT } from './ruleTester';

const LOCKFILES: Readonly<Record<string, LockfileKind>> = {
  'package-lock.json': 'npm', 'npm-shrinkwrap.json': 'npm', 'yarn.lock': 'yarn', 'pnpm-lock.yaml': 'pnpm', 'bun.lock': 'bun', 'bun.lockb': 'bun',
};

/**
 * The project facts `gatherProject` would build for these files, in memory: project files are
 * parsed by the real parsers, so rule tests see exactly what a scan sees, without touching the disk.
 * Keys are paths relative to the project root (`package.json`, `Procfile`, `docker/Dockerfile`).
 */
export function projectFixture(texts: Readonly<Record<string, string>>, root = ROOT): Partial<ProjectFacts> {
  let packageJson: PackageJsonFile | undefined;
  let gitignore: TextFile | undefined;
  let procfile: ProcfileFile | undefined;
  const envFiles: EnvFile[] = [];
  const dockerfiles: DockerfileFile[] = [];
  const composeFiles: YamlFile[] = [];
  const lockfiles: Lockfile[] = [];
  const configFiles: string[] = [];
  const configData: ConfigDataFile[] = [];
  const ignored = ignore().add(texts['.gitignore'] ?? '');
  for (const relative of Object.keys(texts).sort()) {
    const text = texts[relative];
    const path = join(root, relative);
    const name = basename(relative);
    if (LOCKFILES[name] && !relative.includes('/')) lockfiles.push(readLockfile(path, LOCKFILES[name], text));
    else if (relative.startsWith('config/') || /^config\.[^.]+\.json$/.test(relative)) {
      configFiles.push(path);
      if (CONFIG_DATA_FILE.test(name)) configData.push(parseConfigData(path, text));
    } else if (relative === 'package.json') packageJson = parsePackageJson(path, text).file;
    else if (relative === '.gitignore') gitignore = { path, text, comments: [] };
    else if (relative === 'Procfile') procfile = parseProcfile(path, text);
    else if (/(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/.test(relative)) composeFiles.push(parseYamlFile(path, text).file);
    else if (/dockerfile/i.test(name)) dockerfiles.push(parseDockerfile(path, text));
    else if (/^\.env(?:\..+)?$|\.env$/.test(name)) envFiles.push({ ...parseEnvFile(path, text), gitignored: ignored.ignores(relative) });
  }
  const files: ProjectFiles = { packageJson, gitignore, procfile, envFiles, dockerfiles, composeFiles, lockfiles, configFiles, configData };
  const facts = packageFactsOf(packageJson);
  const envExample = envFiles.find((file) => file.path === join(root, '.env.example'));
  return {
    packageJson: facts,
    procfile,
    envExample: { ...emptyProject(root).envExample, exists: envExample !== undefined, keys: new Set(envExample?.entries.map((entry) => entry.key)) },
    entryPoints: entryPointsOf(facts, procfile),
    files,
  };
}

function readLockfile(path: string, kind: LockfileKind, text: string): Lockfile {
  if (kind === 'npm') {
    const root = (JSON.parse(text) as { packages?: Record<string, Record<string, Record<string, string>>> }).packages?.[''];
    return { path, kind, rootDependencies: root ? { ...root.dependencies, ...root.devDependencies, ...root.optionalDependencies } : undefined };
  }
  if (kind === 'pnpm') {
    const importer = (parseYaml(text) as { importers?: Record<string, Record<string, Record<string, { specifier?: string }>>> }).importers?.['.'];
    if (!importer) return { path, kind };
    const entries = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((section) => Object.entries(importer[section] ?? {}));
    return { path, kind, rootDependencies: Object.fromEntries(entries.map(([name, entry]) => [name, entry.specifier ?? ''])) };
  }
  return { path, kind };
}

function packageFactsOf(file: PackageJsonFile | undefined): PackageFacts | undefined {
  const json = file?.json;
  if (!file || !json) return undefined;
  const record = (key: string): Record<string, string> => {
    const value = json[key];
    return typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : {};
  };
  return {
    path: file.path,
    name: typeof json.name === 'string' ? json.name : undefined,
    main: typeof json.main === 'string' ? json.main : undefined,
    bin: typeof json.bin === 'string' ? { [String(json.name ?? 'bin')]: json.bin } : record('bin'),
    scripts: record('scripts'),
    dependencies: record('dependencies'),
    devDependencies: record('devDependencies'),
    optionalDependencies: record('optionalDependencies'),
    peerDependencies: record('peerDependencies'),
    isModule: json.type === 'module',
  };
}

function entryPointsOf(facts: PackageFacts | undefined, procfile: ProcfileFile | undefined): string[] {
  const candidates = [
    facts?.main,
    ...Object.values(facts?.bin ?? {}),
    ...scriptTargets(facts?.scripts.start ?? ''),
    ...(procfile?.processes ?? []).filter((process) => process.name === 'web').flatMap((process) => scriptTargets(process.command)),
  ];
  return [...new Set(candidates.filter((entry): entry is string => !!entry).map((entry) => normalize(entry).replace(/^\.\//, '')))];
}

/** A package.json text with the given fields, formatted like npm writes it. */
export function packageJsonText(fields: Readonly<Record<string, unknown>>): string {
  return `${JSON.stringify(fields, null, 2)}\n`;
}
