import type { FormatContext } from './types';

/** Machine-readable findings: one entry per file, positions 1-based like ESLint's JSON. */
export function formatJson(context: FormatContext): string {
  const files = context.reports.flatMap((report) => {
    const byFile = new Map<string, unknown[]>();
    for (const finding of report.findings) {
      const messages = byFile.get(finding.file) ?? [];
      messages.push({
        ruleId: finding.ruleId,
        factor: finding.factor,
        severity: finding.severity,
        message: finding.message,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        fixable: finding.fix !== undefined,
      });
      byFile.set(finding.file, messages);
    }
    return [...byFile].map(([filePath, messages]) => ({ filePath, messages }));
  });
  const skipped = context.reports.flatMap((report) => report.skipped);
  const problems = context.reports.flatMap((report) => [...report.problems, ...report.failures]);
  const directiveProblems = context.reports.flatMap((report) =>
    report.directiveProblems.map((problem) => ({ filePath: problem.file, kind: problem.kind, message: problem.message, line: problem.range.start.line + 1, column: problem.range.start.character + 1 })),
  );
  return `${JSON.stringify({ version: context.version, results: files, directiveProblems, skipped, problems }, null, 2)}\n`;
}
