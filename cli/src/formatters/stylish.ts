import { relative } from 'node:path';
import { factorByNumber } from '../../../common/factors';
import type { Finding, Range, Severity } from '../../../server/src/engine/types';
import type { FormatContext } from './types';

const COLORS = { red: 31, yellow: 33, blue: 34, gray: 90, bold: 1, underline: 4 } as const;
type Color = keyof typeof COLORS;

/** Text grouped by file, in the spirit of ESLint's stylish output, with the factor on every line. */
export function formatStylish(context: FormatContext): string {
  const paint = (color: Color, text: string) => (context.color ? `\u001b[${COLORS[color]}m${text}\u001b[0m` : text);
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const report of context.reports) {
    for (const [file, entries] of groupByFile(rowsOf(report))) {
      lines.push('', paint('underline', relative(context.cwd, file) || file));
      const rows = entries.map((entry) => {
        counts[entry.severity]++;
        return [`${entry.range.start.line + 1}:${entry.range.start.character + 1}`, entry.severity, entry.message, entry.label];
      });
      const widths = [0, 1].map((column) => Math.max(...rows.map((row) => row[column].length)));
      for (const row of rows) {
        const severity = row[1] as Severity;
        const severityColor: Color = severity === 'error' ? 'red' : severity === 'warning' ? 'yellow' : 'blue';
        lines.push(`  ${paint('gray', row[0].padEnd(widths[0]))}  ${paint(severityColor, row[1].padEnd(widths[1]))}  ${row[2]}  ${paint('gray', row[3])}`);
      }
    }
    lines.push(...notes(report, context, paint));
  }
  lines.push('', summary(counts, paint));
  return `${lines.join('\n').replace(/^\n/, '')}\n`;
}

interface Row {
  readonly file: string;
  readonly range: Range;
  readonly severity: Severity;
  readonly message: string;
  readonly label: string;
}

/** Findings and directive problems of one project, in file and position order. */
function rowsOf(report: FormatContext['reports'][number]): Row[] {
  const rows: Row[] = [
    ...report.findings.map((finding: Finding) => ({ ...finding, label: `${factorByNumber(finding.factor)?.roman ?? ''} ${finding.ruleId}` })),
    ...report.directiveProblems.map((problem) => ({ file: problem.file, range: problem.range, severity: 'warning' as const, message: problem.message, label: problem.kind })),
  ];
  return rows.sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

function groupByFile(rows: readonly Row[]): Map<string, Row[]> {
  const byFile = new Map<string, Row[]>();
  for (const row of rows) byFile.set(row.file, [...(byFile.get(row.file) ?? []), row]);
  return byFile;
}

function notes(report: FormatContext['reports'][number], context: FormatContext, paint: (color: Color, text: string) => string): string[] {
  const lines: string[] = [];
  for (const problem of report.problems) lines.push(paint('yellow', `! ${relative(context.cwd, problem.file)}: ${problem.message}`));
  for (const failure of report.failures) lines.push(paint('red', `! rule ${failure.ruleId} crashed on ${relative(context.cwd, failure.file)}: ${failure.message}`));
  if (report.skipped.length > 0) {
    if (context.verbose) for (const file of report.skipped) lines.push(paint('gray', `  skipped ${relative(context.cwd, file.path)}: ${file.reason}`));
    else lines.push(paint('gray', `  ${report.skipped.length} file(s) skipped (run with --verbose to see which and why)`));
  }
  return lines.length > 0 ? ['', ...lines] : [];
}

function summary(counts: Record<Severity, number>, paint: (color: Color, text: string) => string): string {
  const total = counts.error + counts.warning + counts.info;
  if (total === 0) return paint('bold', '✔ No twelve-factor problems found');
  const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
  if (counts.info > 0) parts.push(`${counts.info} info`);
  return paint(counts.error > 0 ? 'red' : 'yellow', paint('bold', `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')})`));
}
