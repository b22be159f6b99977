import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { loadConfigs, type ConfigError } from '../config/load';
import { resolveRules, rootRelativeGlobs, type ConfigLayer } from '../config/resolve';
import type { ConfigSource, RuleSetting } from '../config/types';
import { appliesToProject } from '../engine/rule';
import { analyzeFile, checkProject, type ActiveRule, type FileAnalysis, type ProjectCheckResult, type RuleFailure } from '../engine/linter';
import { isSourceFile } from '../engine/parse';
import type { Finding } from '../engine/types';
import { createFileFilter, isNonProductionPath, listSourceFiles, type FileFilter, type SkippedFile } from '../project/files';
import { gatherProject, type ProjectProblem, type TextOverlay } from '../project/gather';
import type { ProjectFacts } from '../project/facts';
import { RULES } from '../rules';
import { runFileJob, runFileJobs, type FileJobResult } from './fileJob';
import { analyzeInWorkers, type Concurrency, workerCount, workerScript } from './pool';
import { toActiveRules } from './rules';
import { findDirectiveProblems, type DirectiveProblem } from './directives';
import { parseDirectives } from '../engine/suppressions';
import { textFilesOf } from '../project/projectFiles';

export interface WorkspaceOptions {
  /** Settings on top of the project's config files: the editor's settings, or the CLI's flags. */
  readonly layer?: ConfigLayer;
  /** Extra glob patterns to leave out, relative to the root. */
  readonly ignore?: readonly string[];
  /** Worker threads for a scan (the CLI's `--concurrency`); `'auto'` when absent. */
  readonly concurrency?: Concurrency;
}

export interface ScanProgress {
  readonly done: number;
  readonly total: number;
  readonly path: string;
}

interface Setup {
  readonly facts: ProjectFacts;
  readonly problems: readonly ProjectProblem[];
  readonly configs: readonly ConfigSource[];
  readonly filter: FileFilter;
  /** Extensionless entry points package.json names (`"bin": "./jingo"`): scripts wherever they sit. */
  readonly declaredScripts: readonly string[];
}

/**
 * One project folder: its facts, its configuration, the analysis of each file, and the project
 * rules' verdict. The CLI and the language server share it, so both report the same findings.
 */
export class Workspace {
  private readonly analyses = new Map<string, FileAnalysis>();
  private readonly skippedFiles = new Map<string, string>();
  private readonly settingsCache = new Map<string, RuleSetting[]>();
  /** Files whose analysis came from an editor's text rather than the disk. */
  private readonly editorFiles = new Set<string>();
  private projectResult: ProjectCheckResult | undefined;

  private constructor(
    readonly root: string,
    private setup: Setup,
    private readonly options: WorkspaceOptions,
  ) {}

  static async open(root: string, options: WorkspaceOptions = {}, overlay?: TextOverlay): Promise<Workspace> {
    return new Workspace(root, await prepare(root, options, overlay, new Map()), options);
  }

  /** The rules that run on a file, with the severities and options its config chain gives. */
  rulesFor(path: string): ActiveRule[] {
    return toActiveRules(this.settingsFor(path));
  }

  settingsFor(path: string): RuleSetting[] {
    let settings = this.settingsCache.get(path);
    if (!settings) this.settingsCache.set(path, (settings = resolveRules(RULES, this.setup.configs, path, this.options.layer)));
    return settings;
  }

  /** Every rule that is on somewhere in the workspace, at the root's severity. */
  get activeRules(): ActiveRule[] {
    return this.rulesFor(join(this.root, '(root)'));
  }

  get configSources(): readonly ConfigSource[] {
    return this.setup.configs;
  }

  get project(): ProjectFacts {
    return this.setup.facts;
  }

  /** Broken project or config files, each to be shown once in that file. */
  get projectProblems(): readonly ProjectProblem[] {
    return this.setup.problems;
  }

  get skipped(): readonly SkippedFile[] {
    return [...this.skippedFiles].map(([path, reason]) => ({ path, reason }));
  }

  get files(): readonly string[] {
    return [...this.analyses.keys()];
  }

  /** True for files this workspace analyses: JS/TS sources not excluded by ignores. */
  accepts(path: string): boolean {
    return (isSourceFile(path) || this.setup.declaredScripts.includes(path)) && !this.setup.filter.isIgnored(path);
  }

  /**
   * Analyses every source file on disk, on worker threads when there are enough files to pay
   * for them. `isCancelled` is checked between files (between batches with workers).
   */
  async scan(onProgress?: (progress: ScanProgress) => void, isCancelled: () => boolean = () => false): Promise<boolean> {
    const files = await listSourceFiles(this.root, this.setup.filter, this.setup.declaredScripts);
    let done = 0;
    const record = (result: FileJobResult) => {
      this.editorFiles.delete(result.path);
      this.record(result);
      onProgress?.({ done: ++done, total: files.length, path: result.path });
    };
    // Most files hold nothing any rule looks for and are done by a quick read; only the rest are
    // parsed, on worker threads when there are enough of them to pay for starting the workers.
    const toParse: string[] = [];
    const jobs = files.map((path) => ({ path, rules: this.rulesFor(path) }));
    if (!(await runFileJobs(jobs, this.setup.facts, record, isCancelled, (path) => toParse.push(path)))) return false;
    const script = workerScript();
    const workers = workerCount(this.options.concurrency ?? 'auto', toParse.length);
    if (script && workers > 0) {
      return analyzeInWorkers(script, workers, toParse.map((path) => ({ path, settings: this.settingsFor(path) })), this.setup.facts, record, isCancelled);
    }
    return runFileJobs(toParse.map((path) => ({ path, rules: this.rulesFor(path) })), this.setup.facts, record, isCancelled);
  }

  async analyzeFromDisk(path: string): Promise<FileAnalysis | undefined> {
    this.editorFiles.delete(path);
    const result = await runFileJob(path, this.setup.facts, this.rulesFor(path));
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
    this.editorFiles.add(path);
    const analysis = analyzeFile(path, text, this.setup.facts, this.rulesFor(path));
    this.record({ path, analysis });
    return analysis;
  }

  skip(path: string, reason: string): void {
    this.remove(path);
    this.skippedFiles.set(path, reason);
  }

  remove(path: string): void {
    this.editorFiles.delete(path);
    if (this.analyses.delete(path)) this.projectResult = undefined;
    this.skippedFiles.delete(path);
  }

  analysis(path: string): FileAnalysis | undefined {
    return this.analyses.get(path);
  }

  /**
   * Re-reads project and config files (with unsaved editor text from `overlay`), then re-analyses
   * known files with the new facts. A config file with errors keeps its last valid version.
   */
  async reloadProject(overlay?: TextOverlay): Promise<void> {
    const previous = new Map(this.setup.configs.map((source) => [source.path, source]));
    this.setup = await prepare(this.root, this.options, overlay, previous);
    this.settingsCache.clear();
    for (const [path, analysis] of this.analyses) {
      if (!this.accepts(path)) this.remove(path);
      else if (this.editorFiles.has(path) && analysis.summary?.text !== undefined) this.update(path, analysis.summary.text);
      else await this.analyzeFromDisk(path);
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

  /** Ids of the active rules that had something to examine: a source file they look at, or the project files they read. */
  examinedRules(): Set<string> {
    const examined = new Set([...this.analyses.values()].flatMap((analysis) => analysis.examinedRules));
    for (const { rule } of this.activeRules) {
      if (rule.kind === 'project' && !rule.collect && appliesToProject(rule, this.setup.facts)) examined.add(rule.id);
    }
    for (const finding of this.projectCheck().findings) examined.add(finding.ruleId);
    return examined;
  }

  failures(): RuleFailure[] {
    return [...[...this.analyses.values()].flatMap((analysis) => analysis.failures), ...this.projectCheck().failures];
  }

  /** Project rules run once at the root's settings; each finding then obeys its own file's settings. */
  private projectCheck(): ProjectCheckResult {
    if (!this.projectResult) {
      const result = checkProject(this.setup.facts, this.analyses, this.activeRules);
      this.projectResult = { ...result, findings: result.findings.flatMap((finding) => this.withFileSettings(finding)) };
    }
    return this.projectResult;
  }

  /**
   * Directives that name rules that do not exist and, when asked, directives that silenced nothing,
   * in a source file or a project file.
   */
  directiveProblems(path: string, reportUnused: boolean): DirectiveProblem[] {
    const analysis = this.analyses.get(path);
    const projectFile = textFilesOf(this.setup.facts.files).get(path);
    const text = analysis?.summary?.text ?? projectFile?.text;
    if (text === undefined) return [];
    const directives = analysis ? analysis.directives : parseDirectives(projectFile?.comments ?? []);
    const used = new Set([...(analysis?.usedDirectives ?? []), ...(this.projectCheck().usedDirectives.get(path) ?? [])]);
    return findDirectiveProblems(path, text, directives, used, reportUnused);
  }

  private withFileSettings(finding: Finding): Finding[] {
    const setting = this.settingsFor(finding.file).find((candidate) => candidate.id === finding.ruleId);
    if (!setting || setting.severity === 'off') return [];
    return [setting.severity === finding.severity ? finding : { ...finding, severity: setting.severity }];
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.offsets[0] - b.offsets[0] || a.ruleId.localeCompare(b.ruleId));
}

async function prepare(root: string, options: WorkspaceOptions, overlay: TextOverlay | undefined, previous: ReadonlyMap<string, ConfigSource>): Promise<Setup> {
  const read = async (path: string) => overlay?.(path) ?? (await readFile(path, 'utf8').catch(() => undefined));
  const [{ facts, problems }, configs] = await Promise.all([gatherProject(root, overlay), loadConfigs(root, read, previous)]);
  const ignore = [...(options.ignore ?? []), ...rootRelativeGlobs(root, configs.sources, 'ignore'), ...(options.layer?.data?.ignore ?? [])];
  // What the start script, the bin or the Procfile runs is the service, even from a folder named like examples (gun's `examples/http.js`).
  // Anchored at the root: `index.js` is the root's index.js, not every file of that name (`test/functional/index.js`).
  const entryPoints = facts.entryPoints.map((entry) => `/${entry.replace(/^\.\//, '')}`);
  const loadedBesideEntries = (await Promise.all(facts.entryPoints.filter(isNonProductionPath).map((entry) => modulesLoadedBeside(root, entry, read)))).flat();
  const production = [...entryPoints, ...loadedBesideEntries, ...rootRelativeGlobs(root, configs.sources, 'production'), ...(options.layer?.data?.production ?? [])];
  const filter = await createFileFilter(root, { ignore, production });
  // A node script package.json starts under a name that is not a source file's (`bin/pm2-web.sh`, `bin/jingo`): the `#!` line decides.
  const declaredScripts = facts.entryPoints.filter((entry) => !isSourceFile(entry)).map((entry) => join(root, entry));
  return { facts, problems: [...problems, ...configs.errors.map(toProblem)], configs: configs.sources, filter, declaredScripts };
}

const RELATIVE_LOAD = /(?:require\s*\(\s*|\bfrom\s+|import\s*\(\s*)['"](\.\/[^'"]+)['"]/g;

/**
 * An entry point in an examples folder is the service (raneto's `npm start` runs `example/server.js`),
 * and so are the modules it loads from beside it (`./config.default.js`): as root-anchored patterns,
 * with and without the extensions a require leaves out.
 */
async function modulesLoadedBeside(root: string, entry: string, read: (path: string) => Promise<string | undefined>): Promise<string[]> {
  const text = await read(join(root, entry));
  if (text === undefined) return [];
  const folder = posix.dirname(entry);
  return [...text.matchAll(RELATIVE_LOAD)].flatMap((match) => {
    const module = `/${posix.join(folder, match[1])}`;
    return [module, `${module}.js`, `${module}.ts`, `${module}/index.js`];
  });
}

function toProblem(error: ConfigError): ProjectProblem {
  return { file: error.file, message: `${error.message} (${error.path || 'config'})`, offset: error.range[0], end: error.range[1] };
}
