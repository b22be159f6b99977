import { factorBySlug, type FactorNumber } from '../../../common/factors';
import type { ProjectFacts } from '../project/facts';
import type { SourceCode } from './source';
import type { Visitors } from './traverse';
import type { Change, Node, OffsetRange, Severity } from './types';

export const DOCS_BASE_URL = 'https://github.com/twelve-factor-lint/twelve-factor-lint/blob/main/docs/rules/';

export interface FixSpec {
  readonly title: string;
  readonly changes: readonly Change[];
}

export interface ReportDescriptor<M extends string> {
  /** Where to report: a node, or offsets into the file. */
  readonly at: Node | OffsetRange;
  readonly messageId: M;
  readonly data?: Readonly<Record<string, string>>;
  /** A safe fix: fix-all and `--fix` apply it without asking. */
  readonly fix?: FixSpec;
  /** Fixes that change behaviour; offered, never applied in bulk. */
  readonly suggest?: readonly FixSpec[];
}

/** A JSON Schema fragment describing a rule's options object; it ends up in the config file's schema. */
export type OptionsSchema = Readonly<Record<string, unknown>>;

interface RuleMetaInput<M extends string, O = EmptyOptions> {
  /** `<factor-slug>/<name>`: the prefix ties the rule to its factor. */
  readonly id: string;
  readonly severity: Severity;
  /** One line for rule lists and SARIF. */
  readonly description: string;
  readonly messages: Readonly<Record<M, string>>;
  /** Whether `report` may carry a safe `fix`. */
  readonly fixable?: boolean;
  /** Whether `report` may carry `suggest`. */
  readonly hasSuggestions?: boolean;
  /**
   * Text a file must contain for the rule to have anything to say about it (Semgrep-style
   * prefiltering). When no active rule's trigger matches, the file is not parsed at all.
   */
  readonly triggers?: Trigger;
  /** False for rules that only the `all` preset switches on. */
  readonly recommended?: boolean;
  /** Options a project may set in its config; merged over these defaults. */
  readonly defaultOptions?: O;
  readonly optionsSchema?: OptionsSchema;
}

/**
 * A pattern, or a test that may also consult the project facts and the file's path, for rules whose
 * interest in a file depends on them (an import matters only when package.json does not declare it).
 */
export type Trigger = RegExp | ((text: string, project: ProjectFacts, path: string) => boolean);

/** Whether a project rule has project files to examine, apart from what it collects from sources. */
export function appliesToProject(rule: ProjectRule, project: ProjectFacts): boolean {
  return rule.appliesTo ? rule.appliesTo(project) : project.files.packageJson !== undefined;
}

/** Whether a rule can have anything to say about a source file with this text. */
export function isTriggered(rule: Rule, text: string, project: ProjectFacts, path: string): boolean {
  const { triggers } = rule;
  // Without a trigger, a project rule that collects nothing reads project files only.
  if (!triggers) return rule.kind === 'file' || rule.collect !== undefined;
  return typeof triggers === 'function' ? triggers(text, project, path) : triggers.test(text);
}

export type EmptyOptions = Readonly<Record<string, never>>;

export interface FileRuleContext<M extends string, O = EmptyOptions> {
  readonly source: SourceCode;
  readonly project: ProjectFacts;
  readonly options: O;
  report(descriptor: ReportDescriptor<M>): void;
}

/** What a project rule gathered from one file during that file's single traversal. */
export interface CollectContext<C, O = EmptyOptions> {
  readonly source: SourceCode;
  readonly project: ProjectFacts;
  readonly options: O;
  /** The value the file contributes; `check` reads it back per file. */
  readonly collected: C;
}

export interface FileSummary {
  readonly path: string;
  /** The analysed text; absent when prefiltering skipped the parse, since no rule can report there. */
  readonly text?: string;
  /** Import and require specifiers, as written. */
  readonly imports: readonly string[];
  readonly collected: ReadonlyMap<string, unknown>;
}

export interface ProjectRuleContext<M extends string, C, O = EmptyOptions> {
  readonly project: ProjectFacts;
  readonly options: O;
  /** Every analysed file with what this rule collected from it. */
  readonly files: ReadonlyMap<string, { readonly summary: FileSummary; readonly collected: C }>;
  /** Reports in a source file or a project file (package.json, Dockerfile, .env…), by absolute path. */
  report(file: string, descriptor: ReportDescriptor<M>): void;
}

export interface FileRuleInput<M extends string, O = EmptyOptions> extends RuleMetaInput<M, O> {
  create(context: FileRuleContext<M, O>): Visitors;
}

export interface ProjectRuleInput<M extends string, C, O = EmptyOptions> extends RuleMetaInput<M, O> {
  /** A fresh value for each file; `collect` fills it. Rules that read only project files omit both. */
  initial?(): C;
  collect?(context: CollectContext<C, O>): Visitors;
  check(context: ProjectRuleContext<M, C, O>): void;
  /**
   * Whether the project has what the rule reads (a Dockerfile, a Procfile), so that a factor whose
   * rules found nothing to read shows as not checked rather than passing. Defaults to having a package.json.
   */
  appliesTo?(project: ProjectFacts): boolean;
}

interface RuleIdentity {
  readonly factor: FactorNumber;
  readonly docsUrl: string;
}

// Options are checked against the rule's schema before they reach it, so the registry can erase their type.
export type FileRule<M extends string = string, O = any> = FileRuleInput<M, O> & RuleIdentity & { readonly kind: 'file' };
export type ProjectRule<M extends string = string, C = unknown, O = any> = ProjectRuleInput<M, C, O> &
  RuleIdentity & { readonly kind: 'project' };
export type Rule = FileRule | ProjectRule;

function identify(id: string): RuleIdentity {
  const factor = factorBySlug(id.split('/')[0]);
  if (!factor || id.split('/').length !== 2) throw new Error(`Rule id "${id}" must be <factor-slug>/<name>`);
  return { factor: factor.number, docsUrl: `${DOCS_BASE_URL}${id}.md` };
}

export function defineRule<M extends string, O = EmptyOptions>(input: FileRuleInput<M, O>): FileRule<M, O> {
  return Object.freeze({ ...input, ...identify(input.id), kind: 'file' as const });
}

export function defineProjectRule<M extends string, C, O = EmptyOptions>(input: ProjectRuleInput<M, C, O>): ProjectRule<M, C, O> {
  return Object.freeze({ ...input, ...identify(input.id), kind: 'project' as const });
}

/** A rule's effective options: its defaults with the configured values on top. */
export function optionsOf(rule: Rule, configured: unknown): unknown {
  if (configured === undefined) return rule.defaultOptions ?? {};
  return { ...(rule.defaultOptions as object | undefined), ...(configured as object) };
}

/** Fills `{{name}}` placeholders; an unfilled one is a bug in the rule, so it throws. */
export function formatMessage(template: string, data: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => {
    if (!(key in data)) throw new Error(`Missing data "${key}" for message "${template}"`);
    return data[key];
  });
}
