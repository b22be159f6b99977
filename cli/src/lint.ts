import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RuleFailure } from '../../server/src/engine/linter';
import type { Finding } from '../../server/src/engine/types';
import type { SkippedFile } from '../../server/src/project/files';
import type { ProjectProblem } from '../../server/src/project/gather';
import { Workspace, type ScanProgress, type WorkspaceOptions } from '../../server/src/workspace/workspace';
import { projectRootOf } from '../../server/src/project/root';

export interface RootReport {
  readonly root: string;
  readonly workspace: Workspace;
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedFile[];
  readonly problems: readonly ProjectProblem[];
  readonly failures: readonly RuleFailure[];
  readonly fileCount: number;
}

/** Scans each project the paths belong to; a file path narrows the report to that file. */
export async function lintPaths(
  paths: readonly string[],
  options: WorkspaceOptions,
  onProgress?: (root: string, progress: ScanProgress) => void,
): Promise<RootReport[]> {
  const groups = new Map<string, Set<string> | 'all'>();
  for (const path of paths) {
    const absolute = resolve(path);
    if (!existsSync(absolute)) throw new Error(`No such file or folder: ${path}`);
    const isFile = statSync(absolute).isFile();
    const root = isFile ? projectRootOf(dirname(absolute)) : absolute;
    const group = groups.get(root);
    if (!isFile) groups.set(root, 'all');
    else if (group !== 'all') groups.set(root, (group ?? new Set()).add(absolute));
  }
  const reports: RootReport[] = [];
  for (const [root, only] of groups) reports.push(await lintRoot(root, only, options, onProgress));
  return reports;
}

async function lintRoot(
  root: string,
  only: Set<string> | 'all',
  options: WorkspaceOptions,
  onProgress?: (root: string, progress: ScanProgress) => void,
): Promise<RootReport> {
  const workspace = await Workspace.open(root, options);
  await workspace.scan((progress) => onProgress?.(root, progress));
  const wanted = (file: string) => only === 'all' || only.has(file);
  const findings = [...workspace.allFindings()].filter(([file]) => wanted(file)).flatMap(([, list]) => list);
  const unparsed = workspace.files.flatMap((file) => {
    const error = workspace.analysis(file)?.parseError;
    if (!error || !wanted(file)) return [];
    return [{ path: file, reason: `does not parse (line ${error.range.start.line + 1}): ${error.message}` }];
  });
  return {
    root,
    workspace,
    findings,
    skipped: [...workspace.skipped.filter((file) => wanted(file.path)), ...unparsed],
    problems: workspace.projectProblems,
    failures: workspace.failures(),
    fileCount: workspace.files.length,
  };
}
