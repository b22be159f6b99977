import { readFileSync, writeFileSync } from 'node:fs';
import { projectPath } from '../../server/src/engine/paths';
import { fingerprintsOf } from '../../server/src/workspace/fingerprint';
import type { RootReport } from './lint';

interface BaselineEntry {
  readonly fingerprint: string;
  readonly rule: string;
  readonly file: string;
}

interface BaselineFile {
  readonly version: 1;
  readonly tool: 'twelve-factor-lint';
  readonly findings: readonly BaselineEntry[];
}

/** Records every finding's fingerprint (never its text or values) so later runs report only new ones. */
export function writeBaseline(path: string, reports: readonly RootReport[]): number {
  const findings = reports.flatMap((report) => {
    const fingerprints = fingerprintsOf(report.findings, report.root);
    return report.findings.map((finding, index) => ({ fingerprint: fingerprints[index], rule: finding.ruleId, file: projectPath(report.root, finding.file) }));
  });
  const baseline: BaselineFile = { version: 1, tool: 'twelve-factor-lint', findings };
  writeFileSync(path, `${JSON.stringify(baseline, null, 2)}\n`);
  return findings.length;
}

/** Drops findings the baseline already holds; each baseline entry excuses one finding. */
export function applyBaseline(path: string, reports: readonly RootReport[]): RootReport[] {
  const baseline = readBaseline(path);
  const remaining = new Map<string, number>();
  for (const entry of baseline.findings) remaining.set(entry.fingerprint, (remaining.get(entry.fingerprint) ?? 0) + 1);
  return reports.map((report) => {
    const fingerprints = fingerprintsOf(report.findings, report.root);
    const findings = report.findings.filter((_, index) => {
      const left = remaining.get(fingerprints[index]) ?? 0;
      if (left === 0) return true;
      remaining.set(fingerprints[index], left - 1);
      return false;
    });
    return { ...report, findings };
  });
}

function readBaseline(path: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the baseline ${path}: ${(error as Error).message}`);
  }
  const file = parsed as Partial<BaselineFile>;
  if (file.version !== 1 || !Array.isArray(file.findings)) throw new Error(`${path} is not a twelve-factor-lint baseline (version 1).`);
  return file as BaselineFile;
}
