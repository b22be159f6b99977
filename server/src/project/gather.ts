import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { scriptTargets } from './entryPoints';
import type { PackageFacts, ProcfileProcess, ProjectFacts } from './facts';

/** A project file that could not be read as expected: reported once, the rest keeps working. */
export interface ProjectProblem {
  readonly file: string;
  readonly message: string;
  readonly offset?: number;
}

export interface GatheredProject {
  readonly facts: ProjectFacts;
  readonly problems: readonly ProjectProblem[];
}

/** Reads package.json, the Procfile and .env.example of one project folder. Pure reads: nothing is run. */
export async function gatherProject(root: string): Promise<GatheredProject> {
  const problems: ProjectProblem[] = [];
  const packageJson = await readPackageJson(join(root, 'package.json'), problems);
  const procfile = await readProcfile(join(root, 'Procfile'));
  const envExamplePath = join(root, '.env.example');
  const envExample = await readOptional(envExamplePath);
  const facts: ProjectFacts = {
    root,
    packageJson,
    procfile,
    envExample: { path: envExamplePath, exists: envExample !== undefined, keys: new Set(envKeys(envExample ?? '')) },
    entryPoints: entryPointsOf(packageJson, procfile?.processes ?? []),
  };
  return { facts, problems };
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch {
    return undefined;
  }
}

async function readPackageJson(path: string, problems: ProjectProblem[]): Promise<PackageFacts | undefined> {
  const text = await readOptional(path);
  if (text === undefined) return undefined;
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
    problems.push({ file: path, message: `package.json is not valid JSON (${(error as Error).message}); dependency and entry-point checks are skipped.`, offset });
    return undefined;
  }
  const record = (key: string) => stringRecord(json[key]);
  return {
    path,
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

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

async function readProcfile(path: string): Promise<ProjectFacts['procfile']> {
  const text = await readOptional(path);
  if (text === undefined) return undefined;
  const processes: ProcfileProcess[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = /^\s*([A-Za-z0-9_-]+)\s*:\s*(.+?)\s*$/.exec(line);
    if (match && !line.trimStart().startsWith('#')) processes.push({ name: match[1], command: match[2], line: index });
  });
  return { path, processes };
}

export function envKeys(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=/.exec(line)?.[1])
    .filter((key): key is string => key !== undefined);
}

function entryPointsOf(packageJson: PackageFacts | undefined, processes: readonly ProcfileProcess[]): string[] {
  const candidates = [
    packageJson?.main,
    ...Object.values(packageJson?.bin ?? {}),
    ...scriptTargets(packageJson?.scripts.start ?? ''),
    ...processes.filter((process) => process.name === 'web').flatMap((process) => scriptTargets(process.command)),
  ];
  const relative = candidates.filter((entry): entry is string => !!entry).map((entry) => normalize(entry).replace(/^\.\//, ''));
  return [...new Set(relative)];
}
