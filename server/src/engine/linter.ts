import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { ProjectFacts } from '../project/facts';
import { textFilesOf, type TextFile } from '../project/projectFiles';
import { builtModulePath } from './builtModulePaths';
import { LineIndex } from './lineIndex';
import { parseSource, scanImports } from './parse';
import {
  formatMessage,
  isTriggered,
  optionsOf,
  type FileRule,
  type FileSummary,
  type FixSpec,
  type ProjectRule,
  type ReportDescriptor,
  type Rule,
} from './rule';
import { SourceCode } from './source';
import { parseDirectives, SuppressionIndex, type CommentText, type Directive } from './suppressions';
import { ListenerTable, type Listener } from './traverse';
import type { Finding, Fix, Node, OffsetRange, Range, Severity } from './types';

/** A rule switched on, at the severity the configuration gives it. */
export interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity;
  /** Configured options, merged over the rule's defaults when it runs. */
  readonly options?: unknown;
}

export interface RuleFailure {
  readonly ruleId: string;
  readonly file: string;
  readonly message: string;
}

export interface FileAnalysis {
  readonly path: string;
  /** Findings of file rules; project rules add theirs in `checkProject`. */
  readonly findings: readonly Finding[];
  readonly summary?: FileSummary;
  readonly directives: readonly Directive[];
  /** Start offsets of the directives that silenced a file rule's finding. */
  readonly usedDirectives: readonly number[];
  readonly parseError?: { readonly message: string; readonly offsets: OffsetRange; readonly range: Range };
  readonly failures: readonly RuleFailure[];
  /** Rules that had something to examine in this file (their trigger matched), for the checklist. */
  readonly examinedRules: readonly string[];
}

export interface AnalyzeOptions {
  /**
   * Skip parsing when no rule's trigger text appears in the file (its imports are then read by a
   * scanner). Scans use it; an open editor does not, so a syntax error there is always shown.
   * Either way only the rules whose trigger matched run their visitors.
   */
  readonly prefilter?: boolean;
}

/** One parse, one traversal: every active rule's visitors, plus the import collector, share the walk. */
export function analyzeFile(path: string, text: string, project: ProjectFacts, rules: readonly ActiveRule[], options: AnalyzeOptions = {}): FileAnalysis {
  // Only rules whose trigger is in the text run, editor or scan alike, so both report the same.
  const relevant = relevantRules(path, text, project, rules);
  const examinedRules = relevant.map((active) => active.rule.id);
  if (options.prefilter && !keepsParse(relevant, text)) return unparsedAnalysis(path, text, rules);
  const parsed = parseSource(text, path);
  if (!parsed.ok) {
    const at = Math.min(parsed.error.offset, text.length);
    const parseError = { message: parsed.error.message, offsets: [at, at] as const, range: new LineIndex(text).rangeOf([at, at]) };
    return { path, findings: [], directives: [], usedDirectives: [], failures: [], parseError, examinedRules: [] };
  }
  const lines = new LineIndex(text);
  const source = new SourceCode(path, text, parsed.ast, lines);
  const directives = parseDirectives(commentsOf(parsed.ast, lines));
  const suppressions = new SuppressionIndex(directives);
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const collected = new Map<string, unknown>();
  const imports: string[] = [];
  const table = new ListenerTable();

  table.add(importCollector(source, imports), (listener) => listener);
  for (const active of rules) {
    if (!relevant.includes(active)) {
      if (active.rule.kind === 'project' && active.rule.initial) collected.set(active.rule.id, active.rule.initial());
      continue;
    }
    const disabled = { value: false };
    const guard = (listener: Listener): Listener => (node) => {
      if (disabled.value) return;
      try {
        listener(node);
      } catch (error) {
        disabled.value = true;
        failures.push({ ruleId: active.rule.id, file: path, message: errorMessage(error) });
      }
    };
    try {
      table.add(visitorsOf(active, source, project, collected, (finding) => {
        if (!suppressions.isSuppressed(finding.ruleId, finding.range.start.line)) findings.push(finding);
      }), guard);
    } catch (error) {
      failures.push({ ruleId: active.rule.id, file: path, message: errorMessage(error) });
    }
  }
  table.walk(parsed.ast);

  const summary: FileSummary = { path, text, imports, collected };
  return { path, findings, summary, directives, usedDirectives: suppressions.usedOffsets(), failures, examinedRules };
}

/** Rules whose trigger text is in the file; a rule given options always runs, since they may widen what it finds. */
function relevantRules(path: string, text: string, project: ProjectFacts, rules: readonly ActiveRule[]): ActiveRule[] {
  return rules.filter((active) => isTriggered(active.rule, text, project, path) || (hasOptions(active) && readsSources(active.rule)));
}

function readsSources(rule: Rule): boolean {
  return rule.kind === 'file' || rule.collect !== undefined || rule.triggers !== undefined;
}

function hasOptions(active: ActiveRule): boolean {
  return typeof active.options === 'object' && active.options !== null && Object.keys(active.options).length > 0;
}

/** Whether prefiltering keeps a file: some rule's trigger text, or a suppression directive, is in it. */
export function needsParse(path: string, text: string, project: ProjectFacts, rules: readonly ActiveRule[]): boolean {
  return keepsParse(relevantRules(path, text, project, rules), text);
}

function keepsParse(relevant: readonly ActiveRule[], text: string): boolean {
  return relevant.length > 0 || text.includes('twelve-factor-') || BUILT_REQUIRE.test(text);
}

/** `require(path.join(ROOT, 'server'))`: an import only the syntax tree can resolve (see `builtModulePath`). */
const BUILT_REQUIRE = /\brequire\(\s*(?:(?:path\.)?(?:join|resolve)\(|__dirname\s*\+)/;

/** What a scan keeps of a file no rule can report in: its imports, for project rules that follow them. */
function unparsedAnalysis(path: string, text: string, rules: readonly ActiveRule[]): FileAnalysis {
  const collected = new Map<string, unknown>();
  for (const { rule } of rules) if (rule.kind === 'project' && rule.initial) collected.set(rule.id, rule.initial());
  return { path, findings: [], summary: { path, imports: scanImports(text), collected }, directives: [], usedDirectives: [], failures: [], examinedRules: [] };
}

function visitorsOf(
  active: ActiveRule,
  source: SourceCode,
  project: ProjectFacts,
  collected: Map<string, unknown>,
  emit: (finding: Finding) => void,
) {
  const { rule } = active;
  if (rule.kind === 'project') {
    if (!rule.collect || !rule.initial) return {};
    const value = rule.initial();
    collected.set(rule.id, value);
    return rule.collect({ source, project, collected: value, options: optionsOf(rule, active.options) });
  }
  return (rule as FileRule).create({
    source,
    project,
    options: optionsOf(rule, active.options),
    report: (descriptor) => emit(toFinding(active, source.path, source.lines, descriptor)),
  });
}

export interface ProjectCheckResult {
  readonly findings: readonly Finding[];
  readonly failures: readonly RuleFailure[];
  /** Per file, start offsets of the directives that silenced a project rule's finding. */
  readonly usedDirectives: ReadonlyMap<string, readonly number[]>;
}

/**
 * Runs project rules over what each file contributed. No file is parsed again:
 * the summaries carry everything `check` needs.
 */
export function checkProject(
  project: ProjectFacts,
  analyses: ReadonlyMap<string, FileAnalysis>,
  rules: readonly ActiveRule[],
): ProjectCheckResult {
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  const targets = new ReportTargets(project, analyses);
  for (const active of rules) {
    if (active.rule.kind !== 'project') continue;
    const rule = active.rule as ProjectRule;
    const files = new Map<string, { summary: FileSummary; collected: unknown }>();
    for (const [path, analysis] of analyses) {
      if (analysis.summary) files.set(path, { summary: analysis.summary, collected: analysis.summary.collected.get(rule.id) ?? rule.initial?.() });
    }
    try {
      rule.check({
        project,
        options: optionsOf(rule, active.options),
        files,
        report: (file, descriptor) => {
          const target = targets.get(file);
          if (!target) return;
          const finding = toFinding(active, file, target.lines, descriptor);
          if (!target.suppressions.isSuppressed(finding.ruleId, finding.range.start.line)) findings.push(finding);
        },
      });
    } catch (error) {
      failures.push({ ruleId: rule.id, file: project.root, message: errorMessage(error) });
    }
  }
  return { findings, failures, usedDirectives: targets.usedDirectives() };
}

/** Line indexes and suppressions of the files project rules report into, built on first use. */
class ReportTargets {
  private readonly cache = new Map<string, { lines: LineIndex; suppressions: SuppressionIndex } | undefined>();
  private readonly projectFiles: Map<string, TextFile>;

  constructor(
    project: ProjectFacts,
    private readonly analyses: ReadonlyMap<string, FileAnalysis>,
  ) {
    this.projectFiles = textFilesOf(project.files);
  }

  usedDirectives(): Map<string, number[]> {
    return new Map([...this.cache].flatMap(([file, target]) => (target ? [[file, target.suppressions.usedOffsets()] as [string, number[]]] : [])));
  }

  get(file: string): { lines: LineIndex; suppressions: SuppressionIndex } | undefined {
    if (!this.cache.has(file)) this.cache.set(file, this.build(file));
    return this.cache.get(file);
  }

  private build(file: string) {
    const analysis = this.analyses.get(file);
    if (analysis?.summary?.text !== undefined) return { lines: new LineIndex(analysis.summary.text), suppressions: new SuppressionIndex(analysis.directives) };
    const projectFile = this.projectFiles.get(file);
    if (!projectFile) return undefined;
    return { lines: new LineIndex(projectFile.text), suppressions: new SuppressionIndex(parseDirectives(projectFile.comments)) };
  }
}

function toFinding(active: ActiveRule, file: string, lines: LineIndex, descriptor: ReportDescriptor<string>): Finding {
  const { rule, severity } = active;
  const template = rule.messages[descriptor.messageId as keyof typeof rule.messages];
  if (template === undefined) throw new Error(`Unknown messageId "${descriptor.messageId}"`);
  if (descriptor.fix && !rule.fixable) throw new Error('Rule reported a fix but is not marked fixable');
  if (descriptor.suggest?.length && !rule.hasSuggestions) throw new Error('Rule reported suggestions but does not declare hasSuggestions');
  const offsets: OffsetRange = isNode(descriptor.at) ? descriptor.at.range : descriptor.at;
  return {
    ruleId: rule.id,
    factor: rule.factor,
    severity,
    messageId: descriptor.messageId,
    message: formatMessage(template, descriptor.data),
    file,
    offsets,
    range: lines.rangeOf(offsets),
    fix: descriptor.fix && toFix(descriptor.fix),
    suggestions: (descriptor.suggest ?? []).map(toFix),
  };
}

function toFix(spec: FixSpec): Fix {
  return { title: spec.title, changes: spec.changes };
}

function isNode(at: Node | OffsetRange): at is Node {
  return !Array.isArray(at);
}

function commentsOf(ast: TSESTree.Program, lines: LineIndex): CommentText[] {
  return (ast.comments ?? []).map((comment) => ({
    value: comment.value,
    range: comment.range,
    startLine: lines.positionAt(comment.range[0]).line,
    endLine: lines.positionAt(comment.range[1]).line,
  }));
}

/** Collects module specifiers so project rules can follow imports without parsing again. */
function importCollector(source: SourceCode, imports: string[]) {
  const add = (node: Node | null | undefined) => {
    if (node?.type === 'Literal' && typeof node.value === 'string') imports.push(node.value);
    else if (node?.type === 'TemplateLiteral' && node.expressions.length === 0) imports.push(node.quasis[0].value.cooked ?? '');
  };
  return {
    ImportDeclaration: (node: Node) => add((node as TSESTree.ImportDeclaration).source),
    ExportAllDeclaration: (node: Node) => add((node as TSESTree.ExportAllDeclaration).source),
    ExportNamedDeclaration: (node: Node) => add((node as TSESTree.ExportNamedDeclaration).source),
    ImportExpression: (node: Node) => add((node as TSESTree.ImportExpression).source),
    TSImportEqualsDeclaration: (node: Node) => {
      const reference = (node as TSESTree.TSImportEqualsDeclaration).moduleReference;
      if (reference.type === 'TSExternalModuleReference') add(reference.expression);
    },
    CallExpression: (node: Node) => {
      const call = node as TSESTree.CallExpression;
      if (call.callee.type !== 'Identifier' || call.callee.name !== 'require' || call.arguments.length !== 1) return;
      const built = call.arguments[0].type === 'CallExpression' || call.arguments[0].type === 'BinaryExpression' ? builtModulePath(source, call.arguments[0]) : undefined;
      if (built) imports.push(built);
      else add(call.arguments[0]);
    },
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
