import type { OffsetRange } from '../engine/types';
import type { CommentText } from '../engine/suppressions';

/**
 * Project files other than code, parsed into plain data (so scan workers can receive them)
 * with the offsets rules need to report at the exact line.
 */
export interface TextFile {
  readonly path: string;
  readonly text: string;
  /** `#` comments, for suppression directives. */
  readonly comments: readonly CommentText[];
}

export interface PackageJsonFile extends TextFile {
  /** The parsed object, or undefined when the file is not valid JSON. */
  readonly json?: Readonly<Record<string, unknown>>;
  /** Offsets of property values by path, `dependencies.express` → the range of `"^4.19.2"`. */
  readonly locations: Readonly<Record<string, OffsetRange>>;
}

export interface EnvEntry {
  readonly key: string;
  readonly value: string;
  readonly line: number;
  readonly keyRange: OffsetRange;
  readonly valueRange: OffsetRange;
}

export interface EnvFile extends TextFile {
  readonly entries: readonly EnvEntry[];
  /** Whether .gitignore keeps the file out of the repository. */
  readonly gitignored?: boolean;
}

export interface ProcfileEntry {
  readonly name: string;
  readonly command: string;
  readonly line: number;
  readonly range: OffsetRange;
  readonly commandRange: OffsetRange;
}

export interface ProcfileFile extends TextFile {
  readonly processes: readonly ProcfileEntry[];
}

export interface DockerInstruction {
  /** Upper case: FROM, RUN, CMD… */
  readonly keyword: string;
  /** The arguments with line continuations joined. */
  readonly args: string;
  readonly range: OffsetRange;
  readonly argsRange: OffsetRange;
  /** Index of the build stage (FROM) the instruction belongs to. */
  readonly stage: number;
}

export interface DockerfileFile extends TextFile {
  readonly instructions: readonly DockerInstruction[];
}

export interface YamlFile extends TextFile {
  readonly value?: unknown;
  /** Offsets of values by dotted path, `services.web.ports.0`. */
  readonly locations: Readonly<Record<string, OffsetRange>>;
}

/** A private key shipped as a file (`bin/key.pem`): where its `-----BEGIN … PRIVATE KEY-----` line is. */
export interface PrivateKeyFile extends TextFile {
  readonly header: OffsetRange;
  /** Its certificate beside it is issued only to `localhost` and loopback addresses: a key for trying HTTPS locally. */
  readonly localhostOnly?: boolean;
}

/** A JSON or YAML file under `config/` (or `config.<env>.json`), with the offsets of its values by dotted path. */
export interface ConfigDataFile extends TextFile {
  /** The parsed value; undefined when the file does not parse. */
  readonly value?: unknown;
  readonly locations: Readonly<Record<string, OffsetRange>>;
}

export type LockfileKind = 'npm' | 'yarn' | 'pnpm' | 'bun';

export interface Lockfile {
  readonly path: string;
  readonly kind: LockfileKind;
  /** Direct dependencies the lockfile records for the root package, when the format says. */
  readonly rootDependencies?: Readonly<Record<string, string>>;
}

export interface ProjectFiles {
  readonly packageJson?: PackageJsonFile;
  readonly lockfiles: readonly Lockfile[];
  readonly gitignore?: TextFile;
  readonly envFiles: readonly EnvFile[];
  readonly procfile?: ProcfileFile;
  readonly dockerfiles: readonly DockerfileFile[];
  readonly composeFiles: readonly YamlFile[];
  /** Files under `config/` folders (and `config.<env>.json`), by path. */
  readonly configFiles: readonly string[];
  /** The JSON and YAML files among them, parsed. */
  readonly configData: readonly ConfigDataFile[];
  /** Folders below the root with a package.json of their own: separate packages (a docs site, a sub-app). */
  readonly nestedPackageRoots: readonly string[];
  /** Shell scripts that may start the app: at the root, under `bin/`, `scripts/` or `docker/`, and entrypoints. */
  readonly shellScripts: readonly TextFile[];
  /** `.pem` and `.key` files that hold a private key, each marked when its certificate beside it serves only localhost. */
  readonly privateKeys: readonly PrivateKeyFile[];
  /** `tsconfig*.json` at the root, by path: without one, `tsc` has nothing to compile. */
  readonly typescriptConfigs: readonly string[];
}

export const NO_PROJECT_FILES: ProjectFiles = { lockfiles: [], envFiles: [], dockerfiles: [], composeFiles: [], configFiles: [], configData: [], nestedPackageRoots: [], shellScripts: [], privateKeys: [], typescriptConfigs: [] };

/** Every project file that has text, by path: where project rules may report. */
export function textFilesOf(files: ProjectFiles): Map<string, TextFile> {
  const all: (TextFile | undefined)[] = [files.packageJson, files.gitignore, files.procfile, ...files.envFiles, ...files.dockerfiles, ...files.composeFiles, ...files.configData, ...files.shellScripts, ...files.privateKeys];
  return new Map(all.filter((file): file is TextFile => file !== undefined).map((file) => [file.path, file]));
}
