import { analyzeFile, type ActiveRule, type FileAnalysis } from '../engine/linter';
import { readSourceFile } from '../project/files';
import type { ProjectFacts } from '../project/facts';

export type FileJobResult = { readonly path: string; readonly analysis: FileAnalysis } | { readonly path: string; readonly skipped: string };

/** Reads and analyses one file; the same code runs in the main thread and in scan workers. */
export async function runFileJob(path: string, facts: ProjectFacts, rules: readonly ActiveRule[]): Promise<FileJobResult> {
  const read = await readSourceFile(path);
  if ('skipped' in read) return { path, skipped: read.skipped };
  return { path, analysis: analyzeFile(path, read.text, facts, rules) };
}
