import { createHash } from 'node:crypto';
import type { Finding } from '../engine/types';

/**
 * A fingerprint that survives unrelated edits (lines moving, re-indentation) and holds no
 * secret: string contents are masked before hashing, so even a hash of a credential never leaves.
 */
export function fingerprintOf(finding: Finding, relativePath: string, lineText: string, occurrence: number): string {
  const shape = maskLiterals(lineText).replace(/\s+/g, ' ').trim();
  return createHash('sha256').update([finding.ruleId, finding.messageId, relativePath, shape, String(occurrence)].join('\u0000')).digest('hex').slice(0, 32);
}

function maskLiterals(text: string): string {
  return text.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '$1…$1').replace(/\b\d+\b/g, '0');
}
