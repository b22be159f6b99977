import { availableParallelism } from 'node:os';
import { analyzeFile, checkProject, type ActiveRule, type FileAnalysis, type ProjectCheckResult, type RuleFailure } from '../engine/linter';
import { isSourceFile } from '../engine/parse';
import type { Finding } from '../engine/types';
import { createFileFilter, listSourceFiles, type FileFilter, type SkippedFile } from '../project/files';
import { gatherProject, type ProjectProblem, type TextOverlay } from '../project/gather';
import type { ProjectFacts } from '../project/facts';
import { runFileJob, type FileJobResult } from './fileJob';
import { analyzeInWorkers, PARALLEL_THRESHOLD, workerScript } from './pool';
import { activeRulesFor, type RuleSelection } from './rules';

export interface WorkspaceOptions extends RuleSelection {
  /** Extra glob patterns to leave out. */
  readonly ignore?: readonly string[];
}

export interface ScanProgress {
  readonly done: number;
  readonly total: number;
  readonly path: string;
}

/**
 * One project folder: its facts, the analysis of each file, and the project rules' verdict.
 * The CLI and the language server share it, so both report exactly the same findings.
 */
export class Workspace {
  private readonly analyses = new Map<string, FileAnalysis>();
  private readonly skippedFiles = new Map<string, string>();
  private projectResult: ProjectCheckResult | undefined;

  private constructor(
    readonly root: string,
    private facts: ProjectFacts,
    private problems: readonly ProjectProblem[],
    private filter: FileFilter,
    readonly activeRules: readonly ActiveRule[],
    private readonly options: WorkspaceOptions,
  ) {}

  static async open(root: string, options: WorkspaceOptions = {}, overlay?: TextOverlay): Promise<Workspace> {
    const [{ facts, problems }, filter] = await Promise.all([gatherProject(root, overlay), createFileFilter(root, options.ignore)]);
    return new Workspace(root, facts, problems, filter, activeRulesFor(options), options);
  }

  get project(): ProjectFacts {
    return this.facts;
  }

  get projectProblems(): readonly ProjectProblem[] {
    return this.problems;
  }

  get skipped(): readonly SkippedFile[] {
    return [...this.skippedFiles].map(([path, reason]) => ({ path, reason }));
  }

  get files(): readonly string[] {
    return [...this.analyses.keys()];
  }

  /** True for files this workspace analyses: JS/TS sources not excluded by ignores. */
  accepts(path: string): boolean {
    return isSourceFile(path) && !this.filter.isIgnored(path);
  }

  /**
   * Analyses every source file on disk, on worker threads when there are enough files to pay
   * for them. `isCancelled` is checked between files (between batches with workers).
   */
  async scan(onProgress?: (progress: ScanProgress) => void, isCancelled: () => boolean = () => false): Promise<boolean> {
    const files = await listSourceFiles(this.root, this.filter);
    let done = 0;
    const record = (result: FileJobResult) => {
      this.record(result);
      onProgress?.({ done: ++done, total: files.length, path: result.path });
    };
    const script = workerScript();
    if (script && files.length >= PARALLEL_THRESHOLD && availableParallelism() > 1) {
      return analyzeInWorkers(script, files, this.facts, this.options, record, isCancelled);
    }
    for (const path of files) {
      if (isCancelled()) return false;
      record(await runFileJob(path, this.facts, this.activeRules));
    }
    return true;
  }

  async analyzeFromDisk(path: string): Promise<FileAnalysis | undefined> {
    const result = await runFileJob(path, this.facts, this.activeRules);
    this.record(result);
    return 'analysis' in result ? result.analysis : undefined;
  }

  private record(result: FileJobResult): void {
    if ('skipped' in result) {
      this.skip(result.path, result.skipped);
      return;
    }
    this.skippedFiles.delete(result.path);
    this.analyses.set(result.path, result.analysis);
    this.projectResult = undefined;
  }

  /** Analyses one file's current text (an open editor's, or the disk's). */
  update(path: string, text: string): FileAnalysis {
    const analysis = analyzeFile(path, text, this.facts, this.activeRules);
    this.record({ path, analysis });
    return analysis;
  }

  skip(path: string, reason: string): void {
    this.remove(path);
    this.skippedFiles.set(path, reason);
  }

  remove(path: string): void {
    if (this.analyses.delete(path)) this.projectResult = undefined;
    this.skippedFiles.delete(path);
  }

  analysis(path: string): FileAnalysis | undefined {
    return this.analyses.get(path);
  }

  /** Re-reads the project files (with unsaved editor text from `overlay`), then re-analyses known files with the new facts. */
  async reloadProject(overlay?: TextOverlay): Promise<void> {
    const [{ facts, problems }, filter] = await Promise.all([gatherProject(this.root, overlay), createFileFilter(this.root, this.options.ignore)]);
    this.facts = facts;
    this.problems = problems;
    this.filter = filter;
    for (const [path, analysis] of this.analyses) {
      if (!this.accepts(path)) this.remove(path);
      else if (analysis.summary) this.update(path, analysis.summary.text);
    }
    this.projectResult = undefined;
  }

  /** Findings of one file: its own rules' and the project rules' that point into it. */
  findings(path: string): Finding[] {
    const own = this.analyses.get(path)?.findings ?? [];
    const project = this.projectCheck().findings.filter((finding) => finding.file === path);
    return sortFindings([...own, ...project]);
  }

  /** Files that project rules currently report in. */
  projectFindingFiles(): Set<string> {
    return new Set(this.projectCheck().findings.map((finding) => finding.file));
  }

  /** Findings of every analysed source file and of every project file a project rule reported in. */
  allFindings(): Map<string, Finding[]> {
    const byFile = new Map<string, Finding[]>();
    for (const path of [...new Set([...this.analyses.keys(), ...this.projectFindingFiles()])].sort()) byFile.set(path, this.findings(path));
    return byFile;
  }

  failures(): RuleFailure[] {
    return [...[...this.analyses.values()].flatMap((analysis) => analysis.failures), ...this.projectCheck().failures];
  }

  private projectCheck(): ProjectCheckResult {
    this.projectResult ??= checkProject(this.facts, this.analyses, this.activeRules);
    return this.projectResult;
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.offsets[0] - b.offsets[0] || a.ruleId.localeCompare(b.ruleId));
}
