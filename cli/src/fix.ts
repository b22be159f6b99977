import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Finding } from '../../server/src/engine/types';
import { applyEdits, resolveChanges } from '../../server/src/workspace/edits';

/** Writes every safe fix to disk; returns how many findings were fixed. */
export function applyFixes(findings: readonly Finding[]): number {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) if (finding.fix) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const readText = (path: string) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined);
  let fixed = 0;
  for (const [file, fixable] of byFile) {
    const changes = fixable.flatMap((finding) => finding.fix!.changes);
    for (const target of resolveChanges(file, changes, readText)) {
      writeFileSync(target.path, applyEdits(readText(target.path) ?? '', target.edits));
    }
    fixed += fixable.length;
  }
  return fixed;
}
