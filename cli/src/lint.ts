import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { RuleFailure } from '../../server/src/engine/linter';
import type { Finding } from '../../server/src/engine/types';
import type { SkippedFile } from '../../server/src/project/files';
import type { ProjectProblem } from '../../server/src/project/gather';
import { textFilesOf } from '../../server/src/project/projectFiles';
import { projectRootOf } from '../../server/src/project/root';
import type { DirectiveProblem } from '../../server/src/workspace/directives';
import { Workspace, type ScanProgress, type WorkspaceOptions } from '../../server/src/workspace/workspace';

export interface RootReport {
  readonly root: string;
  readonly workspace: Workspace;
  readonly findings: readonly Finding[];
  readonly directiveProblems: readonly DirectiveProblem[];
  readonly skipped: readonly SkippedFile[];
  readonly problems: readonly ProjectProblem[];
  readonly failures: readonly RuleFailure[];
}

export interface LintOptions extends WorkspaceOptions {
  readonly reportUnusedDirectives?: boolean;
  /** Report only these files (absolute paths), though the whole project is analysed for context. */
  readonly onlyFiles?: (root: string) => ReadonlySet<string> | undefined;
  readonly onProgress?: (root: string, progress: ScanProgress) => void;
}

/** Scans each project the paths belong to; a file path narrows the report to that file. */
export async function lintPaths(paths: readonly string[], options: LintOptions): Promise<RootReport[]> {
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
  for (const [root, only] of groups) {
    const workspace = await Workspace.open(root, options);
    await workspace.scan((progress) => options.onProgress?.(root, progress));
    const changed = options.onlyFiles?.(root);
    reports.push(report(workspace, (file) => (only === 'all' || only.has(file)) && (!changed || changed.has(file)), options));
  }
  return reports;
}

/** Lints one text (standard input) as if it were the file at `path`, in the context of its project. */
export async function lintText(text: string, path: string, options: LintOptions): Promise<RootReport> {
  const workspace = await Workspace.open(projectRootOf(dirname(path)), options);
  if (workspace.accepts(path)) workspace.update(path, text);
  else workspace.skip(path, 'excluded by the ignore settings or not a JS/TS file');
  return report(workspace, (file) => file === path, options);
}

function report(workspace: Workspace, wanted: (file: string) => boolean, options: LintOptions): RootReport {
  const files = [...workspace.allFindings()].filter(([file]) => wanted(file));
  const unparsed = workspace.files.flatMap((file) => {
    const error = workspace.analysis(file)?.parseError;
    return error && wanted(file) ? [{ path: file, reason: `does not parse (line ${error.range.start.line + 1}): ${error.message}` }] : [];
  });
  const directiveFiles = new Set([...workspace.files, ...textFilesOf(workspace.project.files).keys()]);
  return {
    root: workspace.root,
    workspace,
    findings: files.flatMap(([, findings]) => findings),
    directiveProblems: [...directiveFiles].filter(wanted).flatMap((file) => workspace.directiveProblems(file, options.reportUnusedDirectives === true)),
    skipped: [...workspace.skipped.filter((file) => wanted(file.path)), ...unparsed],
    problems: workspace.projectProblems,
    failures: workspace.failures(),
  };
}
