import { NO_PROJECT_FILES, type ProcfileFile, type ProjectFiles } from './projectFiles';

/** What rules may know about the project around a file. Gathered once by `gather.ts`, frozen, shared. */
export interface PackageFacts {
  readonly path: string;
  readonly name?: string;
  readonly main?: string;
  readonly bin: Readonly<Record<string, string>>;
  readonly scripts: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
  readonly devDependencies: Readonly<Record<string, string>>;
  readonly optionalDependencies: Readonly<Record<string, string>>;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly isModule: boolean;
}

export interface EnvExampleFacts {
  /** Where `.env.example` is or would be created. */
  readonly path: string;
  readonly exists: boolean;
  readonly keys: ReadonlySet<string>;
}

export interface ProjectFacts {
  /** Absolute path of the folder that holds package.json (or the scanned folder). */
  readonly root: string;
  readonly packageJson?: PackageFacts;
  readonly procfile?: ProcfileFile;
  readonly envExample: EnvExampleFacts;
  /** Files that start the app, relative to `root`, as package.json and Procfile name them. */
  readonly entryPoints: readonly string[];
  /** package.json, lockfiles, .gitignore, .env files, Procfile, Dockerfiles, compose and config files. */
  readonly files: ProjectFiles;
}

export function emptyProject(root: string): ProjectFacts {
  return {
    root,
    envExample: { path: `${root.replace(/\/$/, '')}/.env.example`, exists: false, keys: new Set() },
    entryPoints: [],
    files: NO_PROJECT_FILES,
  };
}
