import { analyzeFile, checkProject, type ActiveRule, type FileAnalysis, type ProjectCheckResult, type RuleFailure } from '../engine/linter';
import type { Rule } from '../engine/rule';
import { isSourceFile } from '../engine/parse';
import type { Finding, SeveritySetting } from '../engine/types';
import { createFileFilter, listSourceFiles, readSourceFile, type FileFilter, type SkippedFile } from '../project/files';
import { gatherProject, type ProjectProblem } from '../project/gather';
import type { ProjectFacts } from '../project/facts';
import { RULES } from '../rules';

export interface WorkspaceOptions {
  /** Rule id → severity; rules not named keep their default. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Extra glob patterns to leave out. */
  readonly ignore?: readonly string[];
  /** Run only these rules. */
  readonly only?: readonly string[];
  readonly rules?: readonly Rule[];
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

  static async open(root: string, options: WorkspaceOptions = {}): Promise<Workspace> {
    const [{ facts, problems }, filter] = await Promise.all([gatherProject(root), createFileFilter(root, options.ignore)]);
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

  /** Analyses every source file on disk. `isCancelled` is checked between files. */
  async scan(onProgress?: (progress: ScanProgress) => void, isCancelled: () => boolean = () => false): Promise<boolean> {
    const files = await listSourceFiles(this.root, this.filter);
    for (let index = 0; index < files.length; index++) {
      if (isCancelled()) return false;
      await this.analyzeFromDisk(files[index]);
      onProgress?.({ done: index + 1, total: files.length, path: files[index] });
    }
    return true;
  }

  async analyzeFromDisk(path: string): Promise<FileAnalysis | undefined> {
    const read = await readSourceFile(path);
    if ('skipped' in read) {
      this.skip(path, read.skipped);
      return undefined;
    }
    return this.update(path, read.text);
  }

  /** Analyses one file's current text (an open editor's, or the disk's). */
  update(path: string, text: string): FileAnalysis {
    const analysis = analyzeFile(path, text, this.facts, this.activeRules);
    this.skippedFiles.delete(path);
    this.analyses.set(path, analysis);
    this.projectResult = undefined;
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

  /** Re-reads package.json, Procfile, .env.example and .gitignore, then re-analyses known files with the new facts. */
  async reloadProject(): Promise<void> {
    const [{ facts, problems }, filter] = await Promise.all([gatherProject(this.root), createFileFilter(this.root, this.options.ignore)]);
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

  allFindings(): Map<string, Finding[]> {
    const byFile = new Map<string, Finding[]>();
    for (const path of [...this.analyses.keys()].sort()) byFile.set(path, this.findings(path));
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

export function activeRulesFor(options: WorkspaceOptions): ActiveRule[] {
  const rules = options.rules ?? RULES;
  const active: ActiveRule[] = [];
  for (const rule of rules) {
    if (options.only && !options.only.includes(rule.id)) continue;
    const severity = options.severities?.[rule.id] ?? rule.severity;
    if (severity !== 'off') active.push({ rule, severity });
  }
  return active;
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.offsets[0] - b.offsets[0] || a.ruleId.localeCompare(b.ruleId));
}
