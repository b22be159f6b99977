import fg from 'fast-glob';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, normalize } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { scriptTargets } from './entryPoints';
import type { PackageFacts, ProjectFacts } from './facts';
import { createGitignoreFilter, isNonProductionPath, MAX_FILE_BYTES } from './files';
import { CONFIG_DATA_FILE, parseConfigData } from './parsers/configData';
import { parseEnvFile } from './parsers/dotenv';
import { execFormWords, parseDockerfile } from './parsers/dockerfile';
import { hashComments } from './parsers/hashComments';
import { parsePackageJson } from './parsers/packageJson';
import { parsePrivateKey, withLocalhostCertificates } from './parsers/privateKey';
import { parseProcfile } from './parsers/procfile';
import { parseYamlFile } from './parsers/yaml';
import type {
  ConfigDataFile,
  DockerfileFile,
  EnvFile,
  Lockfile,
  LockfileKind,
  PackageJsonFile,
  PrivateKeyFile,
  ProcfileFile,
  ProjectFiles,
  TextFile,
  YamlFile,
} from './projectFiles';

/** A project file that could not be read as expected: reported once, the rest keeps working. */
export interface ProjectProblem {
  readonly file: string;
  readonly message: string;
  readonly offset?: number;
  readonly end?: number;
}

export interface GatheredProject {
  readonly facts: ProjectFacts;
  readonly problems: readonly ProjectProblem[];
}

/** Returns an open editor's text for a path, so unsaved project files count; undefined reads the disk. */
export type TextOverlay = (path: string) => string | undefined;

const PROJECT_FILE_GLOBS = [
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'bun.lock', 'bun.lockb',
  '.gitignore', '.env', '.env.*', '*.env', 'Procfile', '**/Dockerfile', '**/Dockerfile.*', '**/*.Dockerfile', '**/*.dockerfile',
  '**/docker-compose*.yml', '**/docker-compose*.yaml', '**/compose*.yml', '**/compose*.yaml', 'config/**/*.{json,json5,js,cjs,mjs,ts,yml,yaml,toml}', 'config.*.json',
  // Config folders deeper in the tree (`src/config/`, `core/shared/config/env/`, verdaccio's `conf/`): their data files.
  '**/config/**/*.{json,json5,yml,yaml,toml}', '**/conf/**/*.{json,json5,yml,yaml,toml}', '**/config.*.json',
  // Config data shipped beside the code (`json/config.json`, `parse-dashboard-config.json`, `bower.conf.json`, `log4js.json`).
  '**/config.json', '**/*-config.json', '**/*_config.json', '**/*.conf.json', '**/defaults.json', '**/log4js.json', '**/logging.json',
  // Shell scripts that may start the app (`bin/run.sh`, `docker-entrypoint.sh`).
  '*.sh', 'bin/**/*.sh', 'scripts/**/*.sh', 'docker/**/*.sh', '**/*entrypoint*.sh',
  // Control scripts without an extension (`bin/appctl`): kept when their shebang names a shell.
  'bin/*',
  // Packages of their own inside this one (a docs site, a sub-app).
  '*/**/package.json',
  // Keys shipped with the code.
  '**/*.pem', '**/*.key', '**/*.crt', '**/*.cert',
  // What `tsc` compiles: a start that runs it needs one.
  'tsconfig*.json',
];
const LOCKFILES: Readonly<Record<string, LockfileKind>> = {
  'package-lock.json': 'npm', 'npm-shrinkwrap.json': 'npm', 'yarn.lock': 'yarn', 'pnpm-lock.yaml': 'pnpm', 'bun.lock': 'bun', 'bun.lockb': 'bun',
};

/** Config data named for what it is wherever it lies: `config.json`, `parse-dashboard-config.json`, `app_config.json`, `bower.conf.json`, `log4js.json`, a module's shipped `defaults.json` (strapi 3's middleware settings). */
const CONFIG_JSON_NAME = /^(?:(?:.+[-_.])?conf(?:ig)?|defaults|log4js|logging)\.json$/;
/** Key files: `key.pem`, `server.key`, and certificates (`server.crt`), which say whom a key beside them serves; the contents decide which is which. */
const KEY_FILE_NAME = /.\.(?:pem|key|crt|cert)$/;

const PROJECT_FILE_NAME = /^(?:\.twelve-factor\.json|tsconfig[^/]*\.json|package\.json|package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|\.gitignore|\.env(?:\..+)?|.+\.env|Procfile|Dockerfile(?:\..+)?|.+\.[Dd]ockerfile|(?:docker-)?compose[^/]*\.ya?ml|.+\.sh)$/;

const SHELL_SHEBANG = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(?:ba|da|k|z)?sh\b/;

/** A `.sh` file, or a script without an extension whose shebang names a shell (`bin/www` runs node: no). */
export function isShellScript(name: string, text: string): boolean {
  return name.endsWith('.sh') || SHELL_SHEBANG.test(text);
}

/** True for the files whose change means the project's facts must be gathered again. */
export type ProjectFileKind = 'lockfile' | 'config' | 'packageJson' | 'gitignore' | 'procfile' | 'compose' | 'dockerfile' | 'env' | 'shellScript' | 'nestedPackage' | 'privateKey' | 'typescriptConfig';

/** What a project file is, by its path relative to the root; undefined for files no rule reads. */
export function projectFileKind(relative: string): ProjectFileKind | undefined {
  const name = basename(relative);
  if (lockfileKindOf(relative)) return 'lockfile';
  if (/^tsconfig[^/]*\.json$/.test(relative)) return 'typescriptConfig';
  if (relative.startsWith('config/') || /(?:^|\/)conf(?:ig)?\/.*\.(?:json5?|ya?ml|toml)$|(?:^|\/)config\.[^/]+\.json$/.test(relative) || CONFIG_JSON_NAME.test(name)) return 'config';
  if (relative === 'package.json') return 'packageJson';
  if (name === 'package.json') return 'nestedPackage';
  if (relative === '.gitignore') return 'gitignore';
  if (relative === 'Procfile') return 'procfile';
  if (/(?:^|\/)(?:docker-)?compose[^/]*\.ya?ml$/.test(relative)) return 'compose';
  if (/dockerfile/i.test(name)) return 'dockerfile';
  if (/^\.env(?:\..+)?$|\.env$/.test(name)) return 'env';
  if (name.endsWith('.sh') || /^bin\/[^/.]+$/.test(relative)) return 'shellScript';
  if (KEY_FILE_NAME.test(name)) return 'privateKey';
  return undefined;
}

/** The package manager of a lockfile at the root. */
export function lockfileKindOf(relative: string): LockfileKind | undefined {
  return relative.includes('/') ? undefined : LOCKFILES[relative];
}

export function isProjectFileName(name: string): boolean {
  return PROJECT_FILE_NAME.test(name) || CONFIG_JSON_NAME.test(name) || KEY_FILE_NAME.test(name);
}

/** Reads the project files of one folder. Pure reads: nothing in the workspace is run. */
export async function gatherProject(root: string, overlay: TextOverlay = () => undefined): Promise<GatheredProject> {
  const problems: ProjectProblem[] = [];
  const read = async (path: string) => overlay(path) ?? (await readFile(path, 'utf8').catch(() => undefined));
  // Deep enough for config folders inside the source tree (`core/shared/config/env/config.production.json`).
  const found = await fg(PROJECT_FILE_GLOBS, { cwd: root, dot: true, deep: 7, ignore: ['**/node_modules/**', '**/.git/**'], suppressErrors: true });
  // A Dockerfile or compose file under tests/ or examples/ describes no deploy of this app.
  const paths = found.filter((relative) => !isNonProductionPath(relative)).sort();
  // A package inside a larger repository is protected by the repository's .gitignore too.
  const gitignored = await createGitignoreFilter(root, { ancestors: true });
  const files = await readProjectFiles(root, paths, read, gitignored.isIgnored, problems);
  const packageJson = packageFactsOf(files.packageJson);
  const envExamplePath = join(root, '.env.example');
  const envExample = files.envFiles.find((file) => file.path === envExamplePath);
  const facts: ProjectFacts = {
    root,
    packageJson,
    procfile: files.procfile,
    envExample: { path: envExamplePath, exists: envExample !== undefined, keys: new Set(envExample?.entries.map((entry) => entry.key)) },
    entryPoints: [...new Set([...entryPointsOf(packageJson, files.procfile), ...launchedEntryPoints(files)])],
    files,
  };
  return { facts, problems };
}

async function readProjectFiles(
  root: string,
  paths: readonly string[],
  read: (path: string) => Promise<string | undefined>,
  isGitignored: (path: string) => boolean,
  problems: ProjectProblem[],
): Promise<ProjectFiles> {
  let packageJson: PackageJsonFile | undefined;
  let gitignore: TextFile | undefined;
  let procfile: ProcfileFile | undefined;
  const envFiles: EnvFile[] = [];
  const dockerfiles: DockerfileFile[] = [];
  const composeFiles: YamlFile[] = [];
  const lockfiles: Lockfile[] = [];
  const configFiles: string[] = [];
  const configData: ConfigDataFile[] = [];
  const shellScripts: TextFile[] = [];
  const privateKeys: PrivateKeyFile[] = [];
  const keyMaterial: TextFile[] = [];
  const nestedPackages: { root: string; name: string }[] = [];
  const typescriptConfigs: string[] = [];
  for (const relative of paths) {
    const path = join(root, relative);
    const name = basename(relative);
    const kind = projectFileKind(relative);
    if (kind === 'lockfile') {
      lockfiles.push(await readLockfile(path, lockfileKindOf(relative)!, read));
      continue;
    }
    if (kind === 'typescriptConfig') {
      typescriptConfigs.push(path);
      continue;
    }
    if (kind === 'nestedPackage') {
      const name = packageNameOf(await read(path));
      if (name !== undefined) nestedPackages.push({ root: dirname(path), name });
      continue;
    }
    if (kind === 'config') {
      configFiles.push(path);
      const text = CONFIG_DATA_FILE.test(name) ? await read(path) : undefined;
      if (text !== undefined && text.length <= MAX_FILE_BYTES) configData.push(parseConfigData(path, text));
      continue;
    }
    const text = kind === undefined ? undefined : await read(path);
    if (text === undefined) continue;
    if (kind === 'packageJson') {
      const parsed = parsePackageJson(path, text);
      packageJson = parsed.file;
      if (parsed.problem) problems.push({ file: path, ...parsed.problem });
    } else if (kind === 'gitignore') {
      gitignore = { path, text, comments: [] };
    } else if (kind === 'procfile') {
      procfile = parseProcfile(path, text);
    } else if (kind === 'compose') {
      const parsed = parseYamlFile(path, text);
      composeFiles.push(parsed.file);
      if (parsed.problem) problems.push({ file: path, ...parsed.problem });
    } else if (kind === 'dockerfile') {
      dockerfiles.push(parseDockerfile(path, text));
    } else if (kind === 'env') {
      envFiles.push({ ...parseEnvFile(path, text), gitignored: isGitignored(path) });
    } else if (kind === 'shellScript' && text.length <= MAX_FILE_BYTES && isShellScript(name, text)) {
      shellScripts.push({ path, text, comments: hashComments(text) });
    } else if (kind === 'privateKey' && text.length <= MAX_FILE_BYTES) {
      const key = parsePrivateKey(path, text);
      if (key) privateKeys.push(key);
      keyMaterial.push({ path, text, comments: [] });
    }
  }
  // `dist/package.json` copied by the build is this package again; `{ "type": "module" }` markers are no package.
  const nestedPackageRoots = nestedPackages.filter(({ name }) => name !== packageJson?.json?.name).map(({ root }) => root);
  return { packageJson, gitignore, procfile, envFiles, dockerfiles, composeFiles, lockfiles, configFiles, configData, nestedPackageRoots, shellScripts, privateKeys: withLocalhostCertificates(privateKeys, keyMaterial), typescriptConfigs };
}

/** The `name` of a package.json text, when it parses and has one. */
export function packageNameOf(text: string | undefined): string | undefined {
  try {
    const json: unknown = JSON.parse(text ?? '');
    const name = typeof json === 'object' && json !== null ? (json as Record<string, unknown>).name : undefined;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

async function readLockfile(path: string, kind: LockfileKind, read: (path: string) => Promise<string | undefined>): Promise<Lockfile> {
  if (kind === 'yarn' || kind === 'bun') return { path, kind };
  return parseLockfile(path, kind, (await read(path)) ?? '');
}

/** The root dependencies an npm or pnpm lockfile records; yarn and bun lockfiles are only noted. */
export function parseLockfile(path: string, kind: LockfileKind, text: string): Lockfile {
  if (kind === 'yarn' || kind === 'bun') return { path, kind };
  try {
    if (kind === 'npm') {
      const root = (JSON.parse(text || '{}') as { packages?: Record<string, PackageSection> }).packages?.[''];
      return { path, kind, rootDependencies: root ? dependenciesOf(root) : undefined };
    }
    const importer = (parseYaml(text) as { importers?: Record<string, Record<string, Record<string, { specifier?: string }>>> } | null)?.importers?.['.'];
    if (!importer) return { path, kind };
    const entries = ['dependencies', 'devDependencies', 'optionalDependencies'].flatMap((section) => Object.entries(importer[section] ?? {}));
    return { path, kind, rootDependencies: Object.fromEntries(entries.map(([name, entry]) => [name, entry.specifier ?? ''])) };
  } catch {
    return { path, kind };
  }
}

type PackageSection = Partial<Record<'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies', Record<string, string>>>;

function dependenciesOf(section: PackageSection): Record<string, string> {
  return { ...section.dependencies, ...section.devDependencies, ...section.optionalDependencies };
}

export function packageFactsOf(file: PackageJsonFile | undefined): PackageFacts | undefined {
  const json = file?.json;
  if (!json || !file) return undefined;
  const record = (key: string) => stringRecord(json[key]);
  return {
    path: file.path,
    name: typeof json.name === 'string' ? json.name : undefined,
    main: typeof json.main === 'string' ? json.main : undefined,
    bin: typeof json.bin === 'string' ? { [String(json.name ?? 'bin').replace(/^@[^/]+\//, '')]: json.bin } : record('bin'),
    scripts: record('scripts'),
    dependencies: record('dependencies'),
    devDependencies: record('devDependencies'),
    optionalDependencies: record('optionalDependencies'),
    peerDependencies: record('peerDependencies'),
    isModule: json.type === 'module',
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Names of shell scripts that start the app by convention: `server.sh`, `start.sh`, `docker-entrypoint.sh`. */
export const START_SCRIPT_NAME = /^(?:run|start|serve|server|(?:docker-)?entrypoint|docker-start|start-server)\.sh$|entrypoint/i;

/**
 * The scripts node runs from the image's start instructions and from start shell scripts
 * (`CMD ["node", "dist/start.js"]`, `node dist/start` at the end of `server.sh`): entry points
 * package.json does not name.
 */
function launchedEntryPoints(files: ProjectFiles): string[] {
  const lines = [
    ...files.dockerfiles.flatMap((dockerfile) => dockerfile.instructions.filter((instruction) => instruction.keyword === 'CMD' || instruction.keyword === 'ENTRYPOINT').map((instruction) => execFormText(instruction.args))),
    ...files.shellScripts.filter((script) => START_SCRIPT_NAME.test(basename(script.path))).flatMap((script) => script.text.split('\n')),
  ];
  return packageRelative(lines.flatMap((line) => scriptTargets(line)));
}

/** `["node", "dist/start.js"]` as `node dist/start.js`; shell form as written. */
function execFormText(args: string): string {
  return execFormWords(args)?.join(' ') ?? args;
}

export function entryPointsOf(packageJson: PackageFacts | undefined, procfile: ProcfileFile | undefined): string[] {
  // npm's defaults when package.json is silent: `main` is index.js, `npm start` runs server.js (unless a bin says how the package starts).
  const bins = Object.values(packageJson?.bin ?? {});
  const defaultStart = bins.length === 0 ? 'node server.js' : '';
  const candidates = [
    packageJson && (packageJson.main ?? 'index.js'),
    ...bins,
    ...scriptTargets(packageJson ? packageJson.scripts.start ?? defaultStart : ''),
    // Every process type the platform starts and stops, not only `web`; `release` runs once per release.
    ...(procfile?.processes ?? []).filter((process) => process.name !== 'release').flatMap((process) => scriptTargets(process.command)),
  ];
  return [...new Set(packageRelative(candidates.filter((entry): entry is string => !!entry)))];
}

/**
 * Entry paths as the package names them (`./bin/www`, `dist//start.js`), normalised; one outside the
 * package (`/usr/src/app/server.js`, a bin at `../node-file-manager/bin/run.sh`) is not this project's
 * to analyse, and is left to the user's `entryPoints` option.
 */
function packageRelative(entries: readonly string[]): string[] {
  return entries.map((entry) => normalize(entry).replace(/^\.\//, '')).filter((entry) => !isAbsolute(entry) && !entry.startsWith('..'));
}
