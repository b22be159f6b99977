import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { join } from 'node:path';
import { analyzeFile, checkProject, type ActiveRule, type AnalyzeOptions, type FileAnalysis } from '../../server/src/engine/linter';
import type { Rule } from '../../server/src/engine/rule';
import type { Change, Finding } from '../../server/src/engine/types';
import { emptyProject, type ProjectFacts } from '../../server/src/project/facts';
import { textFilesOf } from '../../server/src/project/projectFiles';

export const ROOT = '/project';

interface CaseBase {
  readonly code: string;
  /** Relative to the in-memory project root; defaults to `src/index.js`. */
  readonly filename?: string;
  /** Other files of the project, for project rules that follow imports. */
  readonly files?: Readonly<Record<string, string>>;
  readonly project?: Partial<ProjectFacts>;
  /** The rule's options, as a project would configure them. */
  readonly options?: unknown;
  readonly name?: string;
}

export type ValidCase = string | CaseBase;

export interface ExpectedError {
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly message?: string;
  /** Relative path of the file the error is in; defaults to the case's file. */
  readonly file?: string;
}

export interface ExpectedSuggestion {
  readonly title: string;
  readonly output: string;
}

export interface InvalidCase extends CaseBase {
  readonly errors: readonly ExpectedError[];
  /** The file after the safe fix, or null when the rule offers none. */
  readonly output: string | null;
  /** Env keys the fix adds to `.env.example`. */
  readonly envKeys?: readonly string[];
  readonly suggestions?: readonly ExpectedSuggestion[];
  /**
   * The file `output` and `suggestions` apply to, relative to the root, when fixes land in a project
   * file (package.json, Dockerfile, Procfile); defaults to the case's file.
   */
  readonly outputFile?: string;
}

export function runRuleTests(rule: Rule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  assertNoDuplicates(cases);
  describe(rule.id, () => {
    describe('valid', () => {
      for (const testCase of cases.valid) {
        const normalized = typeof testCase === 'string' ? { code: testCase } : testCase;
        it(normalized.name ?? normalized.code, () => {
          const { findings, failures } = lint(rule, normalized);
          assert.deepEqual(failures, []);
          assert.deepEqual(findings.map(describeFinding), []);
        });
      }
    });
    describe('invalid', () => {
      for (const testCase of cases.invalid) {
        it(testCase.name ?? testCase.code, () => checkInvalid(rule, testCase));
      }
    });
  });
}

function checkInvalid(rule: Rule, testCase: InvalidCase): void {
  // Prefiltered, as scans run: a trigger that misses a case would hide its finding from the CLI.
  const { findings, failures } = lint(rule, testCase, { prefilter: true });
  assert.deepEqual(failures, []);
  const filename = testCase.filename ?? 'src/index.js';
  assert.deepEqual(
    findings.map((finding, index) => pick(finding, testCase.errors[index])),
    testCase.errors.map((error) => ({ file: filename, ...error })),
  );
  const outputFile = testCase.outputFile ?? filename;
  const original = outputFile === filename ? testCase.code : textOf(testCase, outputFile);
  const ownFindings = findings.filter((finding) => finding.file === join(ROOT, outputFile));
  const fixes = ownFindings.map((finding) => finding.fix).filter((fix) => fix !== undefined);
  if (testCase.output === null) {
    assert.equal(fixes.length, 0, 'the rule offered a fix but the case expects none (output: null)');
  } else {
    assert.ok(fixes.length > 0, 'the case expects a fix but the rule offered none');
    assert.equal(applyChanges(original, fixes.flatMap((fix) => fix.changes)), testCase.output);
    const envKeys = fixes.flatMap((fix) => fix.changes).flatMap((change) => (change.type === 'ensureEnvKey' ? [change.key] : []));
    assert.deepEqual(envKeys, testCase.envKeys ?? []);
  }
  if (testCase.suggestions) {
    const suggestions = ownFindings.flatMap((finding) => finding.suggestions);
    assert.deepEqual(
      suggestions.map((suggestion) => ({ title: suggestion.title, output: applyChanges(original, suggestion.changes) })),
      testCase.suggestions,
    );
  }
}

/** The text of another source file of the case, or of a project file in its `project.files`. */
function textOf(testCase: CaseBase, relative: string): string {
  const text = testCase.files?.[relative] ?? (testCase.project?.files && textFilesOf(testCase.project.files).get(join(ROOT, relative))?.text);
  assert.ok(text !== undefined, `outputFile ${relative} is not part of the case`);
  return text;
}

function pick(finding: Finding, template: ExpectedError | undefined): Record<string, unknown> {
  const actual: Record<string, unknown> = {
    file: finding.file.slice(ROOT.length + 1),
    messageId: finding.messageId,
    line: finding.range.start.line + 1,
    column: finding.range.start.character + 1,
    endLine: finding.range.end.line + 1,
    endColumn: finding.range.end.character + 1,
    message: finding.message,
  };
  // Only compare what the case spells out, so a case may omit the message text.
  const keys = new Set(['file', 'messageId', 'line', 'column', ...Object.keys(template ?? {})]);
  return Object.fromEntries(Object.entries(actual).filter(([key]) => keys.has(key)));
}

function describeFinding(finding: Finding): string {
  return `${finding.ruleId} ${finding.messageId} at ${finding.range.start.line + 1}:${finding.range.start.character + 1}: ${finding.message}`;
}

/** Lints the case's file, and its sibling files, in memory: rules never touch the disk. */
export function lint(rule: Rule, testCase: CaseBase, options: AnalyzeOptions = {}): { findings: Finding[]; failures: unknown[] } {
  const project: ProjectFacts = { ...emptyProject(ROOT), ...testCase.project };
  const rules: ActiveRule[] = [{ rule, severity: rule.severity, options: testCase.options }];
  const sources = { ...testCase.files, [testCase.filename ?? 'src/index.js']: testCase.code };
  const analyses = new Map<string, FileAnalysis>();
  for (const [relative, text] of Object.entries(sources)) {
    const path = join(ROOT, relative);
    analyses.set(path, analyzeFile(path, text, project, rules, options));
  }
  for (const analysis of analyses.values()) {
    if (analysis.parseError) throw new Error(`Test code does not parse (${analysis.path}): ${analysis.parseError.message}`);
  }
  const projectResult = checkProject(project, analyses, rules);
  const findings = [...[...analyses.values()].flatMap((analysis) => analysis.findings), ...projectResult.findings];
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.offsets[0] - b.offsets[0]);
  return { findings, failures: [...[...analyses.values()].flatMap((analysis) => analysis.failures), ...projectResult.failures] };
}

/** Applies replace edits from the end backwards, as an editor would; overlapping edits are a rule bug. */
export function applyChanges(text: string, changes: readonly Change[]): string {
  const replaces = changes.flatMap((change) => (change.type === 'replace' ? [change] : []));
  replaces.sort((a, b) => b.range[0] - a.range[0]);
  let result = text;
  let lastStart = Infinity;
  for (const change of replaces) {
    assert.ok(change.range[1] <= lastStart, 'fix edits overlap');
    result = result.slice(0, change.range[0]) + change.text + result.slice(change.range[1]);
    lastStart = change.range[0];
  }
  return result;
}

function assertNoDuplicates(cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  const seen = new Set<string>();
  for (const testCase of [...cases.valid, ...cases.invalid]) {
    const key = JSON.stringify(testCase);
    if (seen.has(key)) throw new Error(`Duplicate test case: ${key}`);
    seen.add(key);
  }
}
