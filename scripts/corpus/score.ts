/**
 * Scores SARIF findings against the corpus labels, by the matching rule of ../shared/LABELLING.md:
 * same package, factor and file, and a start line within ±3 of the label's `line` or one of its
 * `alt_lines` (`match: "file"` labels match by file alone). Recall = violations found / violations;
 * the false-positive figure is traps flagged / traps. Pure: no file, network or clock access.
 */
import type { Log, Result, Run } from 'sarif';
import { FACTORS, factorBySlug } from '../../common/factors';

export const LINE_TOLERANCE = 3;

export interface Label {
  readonly package: string;
  readonly version: string;
  readonly file: string;
  readonly line: number;
  readonly factor: number;
  readonly category: string;
  readonly kind: 'violation' | 'trap';
  readonly confidence: 'high' | 'medium';
  readonly match: 'line' | 'file';
  readonly note: string;
  readonly alt_lines?: readonly number[];
}

export interface CorpusFinding {
  readonly package: string;
  readonly version: string;
  /** Relative to the package root, `/`-separated. */
  readonly file: string;
  /** 1-based start line. */
  readonly line: number;
  readonly factor: number;
  readonly ruleId: string;
}

export interface FactorRow {
  readonly factor: number;
  violations: number;
  found: number;
  traps: number;
  flagged: number;
}

export interface Score {
  /** One row per factor 1–12, in order. */
  readonly rows: readonly FactorRow[];
  readonly total: FactorRow;
  readonly missed: readonly Label[];
  readonly flagged: readonly { readonly label: Label; readonly findings: readonly CorpusFinding[] }[];
  /** Findings that match no label: neither rewarded nor punished, listed for curiosity. */
  readonly unlabelled: readonly CorpusFinding[];
}

/** Parses labels.jsonl (blank lines and `//` lines ignored), rejecting malformed labels with their line number. */
export function parseLabels(text: string): Label[] {
  const labels: Label[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('//')) return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new Error(`labels line ${index + 1}: not JSON (${(error as Error).message})`);
    }
    const problem = labelProblem(value);
    if (problem) throw new Error(`labels line ${index + 1}: ${problem}`);
    labels.push(value as Label);
  });
  return labels;
}

function labelProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
  const label = value as Record<string, unknown>;
  for (const key of ['package', 'version', 'file', 'category', 'note'] as const) {
    if (typeof label[key] !== 'string' || label[key] === '') return `"${key}" must be a non-empty string`;
  }
  if (!Number.isInteger(label.line) || (label.line as number) < 1) return '"line" must be a positive integer';
  if (!Number.isInteger(label.factor) || (label.factor as number) < 1 || (label.factor as number) > 12) return '"factor" must be 1–12';
  if (label.kind !== 'violation' && label.kind !== 'trap') return '"kind" must be "violation" or "trap"';
  if (label.confidence !== 'high' && label.confidence !== 'medium') return '"confidence" must be "high" or "medium"';
  if (label.match !== 'line' && label.match !== 'file') return '"match" must be "line" or "file"';
  if (label.alt_lines !== undefined && !(Array.isArray(label.alt_lines) && label.alt_lines.every((n) => Number.isInteger(n) && n >= 1))) return '"alt_lines" must be positive integers';
  if ((label.file as string).startsWith('/') || (label.file as string).includes('\\')) return '"file" must be relative to the package root, with /';
  return undefined;
}

/** The factor of a SARIF result: its own `properties.factor`, its rule descriptor's, or the rule id's slug prefix. */
export function factorOfResult(result: Result, run?: Run): number | undefined {
  const own = result.properties?.factor;
  if (typeof own === 'number') return own;
  const ruleId = result.ruleId ?? result.rule?.id;
  const descriptor = run?.tool.driver.rules?.[result.ruleIndex ?? -1] ?? run?.tool.driver.rules?.find((rule) => rule.id === ruleId);
  const described = descriptor?.properties?.factor;
  if (typeof described === 'number') return described;
  return ruleId ? factorBySlug(ruleId.split('/')[0])?.number : undefined;
}

/** Findings of one package's SARIF log; results with no location or no known factor are dropped. */
export function findingsFromSarif(log: Log, pkg: { readonly name: string; readonly version: string }): CorpusFinding[] {
  return log.runs.flatMap((run) =>
    (run.results ?? []).flatMap((result) => {
      const factor = factorOfResult(result, run);
      const physical = result.locations?.[0]?.physicalLocation;
      const uri = physical?.artifactLocation?.uri;
      const line = physical?.region?.startLine;
      if (factor === undefined || uri === undefined || line === undefined) return [];
      return [{ package: pkg.name, version: pkg.version, file: normaliseUri(uri), line, factor, ruleId: result.ruleId ?? result.rule?.id ?? '?' }];
    }),
  );
}

/** `src/a%20b.js`, `./src/a b.js` → `src/a b.js`. */
export function normaliseUri(uri: string): string {
  return decodeURIComponent(uri).replace(/^\.\//, '');
}

export function matches(label: Label, finding: CorpusFinding): boolean {
  if (label.package !== finding.package || label.version !== finding.version) return false;
  if (label.factor !== finding.factor || normaliseUri(label.file) !== finding.file) return false;
  if (label.match === 'file') return true;
  return [label.line, ...(label.alt_lines ?? [])].some((line) => Math.abs(finding.line - line) <= LINE_TOLERANCE);
}

export function score(labels: readonly Label[], findings: readonly CorpusFinding[]): Score {
  const rows = FACTORS.map((factor): FactorRow => ({ factor: factor.number, violations: 0, found: 0, traps: 0, flagged: 0 }));
  const missed: Label[] = [];
  const flagged: { label: Label; findings: CorpusFinding[] }[] = [];
  const used = new Set<CorpusFinding>();
  for (const label of labels) {
    const row = rows[label.factor - 1];
    const hits = findings.filter((finding) => matches(label, finding));
    hits.forEach((hit) => used.add(hit));
    if (label.kind === 'violation') {
      row.violations += 1;
      if (hits.length > 0) row.found += 1;
      else missed.push(label);
    } else {
      row.traps += 1;
      if (hits.length > 0) {
        row.flagged += 1;
        flagged.push({ label, findings: hits });
      }
    }
  }
  const total: FactorRow = { factor: 0, violations: 0, found: 0, traps: 0, flagged: 0 };
  for (const row of rows) {
    total.violations += row.violations;
    total.found += row.found;
    total.traps += row.traps;
    total.flagged += row.flagged;
  }
  return { rows, total, missed, flagged, unlabelled: findings.filter((finding) => !used.has(finding)) };
}

export function percent(part: number, whole: number): string {
  return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** A Markdown table: one row per factor that has labels or findings, and a total row. */
export function formatTable(result: Score): string {
  const header = ['Factor', 'Violations', 'Found', 'Recall', 'Traps', 'Flagged', 'Flagged %'];
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const cells = (name: string, row: FactorRow) => [name, row.violations, row.found, percent(row.found, row.violations), row.traps, row.flagged, percent(row.flagged, row.traps)];
  const body = result.rows
    .filter((row) => row.violations + row.traps > 0)
    .map((row) => {
      const factor = FACTORS[row.factor - 1];
      return line(cells(`${factor.roman} ${factor.title}`, row));
    });
  return [line(header), line(header.map((_, index) => (index === 0 ? '---' : '---:'))), ...body, line(cells('**Total**', result.total))].join('\n');
}
