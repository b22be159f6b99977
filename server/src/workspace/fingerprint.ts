import { createHash } from 'node:crypto';
import { projectPath } from '../engine/paths';
import type { Finding } from '../engine/types';

/**
 * Stable fingerprints for baselines and SARIF. They are built from the rule, the file and the
 * message (which names variables and kinds of credentials, never values), plus the occurrence
 * among identical findings in the file, so they survive lines moving, reformatting and edits
 * elsewhere, and a fingerprint never holds, or hashes, a secret.
 */
export function fingerprintsOf(findings: readonly Finding[], root: string): string[] {
  const seen = new Map<string, number>();
  const ordered = findings.map((finding, index) => ({ finding, index })).sort((a, b) => a.finding.file.localeCompare(b.finding.file) || a.finding.offsets[0] - b.finding.offsets[0]);
  const result: string[] = new Array(findings.length);
  for (const { finding, index } of ordered) {
    const key = [finding.ruleId, finding.messageId, projectPath(root, finding.file), finding.message].join('\u0000');
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    result[index] = createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  }
  return result;
}

