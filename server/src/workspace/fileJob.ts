import { analyzeFile, type ActiveRule, type FileAnalysis } from '../engine/linter';
import { readSourceFile, type ReadResult } from '../project/files';
import type { ProjectFacts } from '../project/facts';

export type FileJobResult = { readonly path: string; readonly analysis: FileAnalysis } | { readonly path: string; readonly skipped: string };

export interface FileJob {
  readonly path: string;
  readonly rules: readonly ActiveRule[];
}

/** Reads and analyses one file; the same code runs in the main thread and in scan workers. */
export async function runFileJob(path: string, facts: ProjectFacts, rules: readonly ActiveRule[]): Promise<FileJobResult> {
  return analyzeRead(path, await readSourceFile(path), facts, rules);
}

/**
 * Runs jobs in order while reading ahead, so the disk is busy while the CPU parses.
 * Stops early (returning false) when `isCancelled` says so.
 */
export async function runFileJobs(
  jobs: readonly FileJob[],
  facts: ProjectFacts,
  onResult: (result: FileJobResult) => void,
  isCancelled: () => boolean = () => false,
): Promise<boolean> {
  const READ_AHEAD = 16;
  const reads: Promise<ReadResult>[] = jobs.slice(0, READ_AHEAD).map((job) => readSourceFile(job.path));
  for (let index = 0; index < jobs.length; index++) {
    if (isCancelled()) return false;
    if (index + READ_AHEAD < jobs.length) reads.push(readSourceFile(jobs[index + READ_AHEAD].path));
    onResult(analyzeRead(jobs[index].path, await reads[index], facts, jobs[index].rules));
  }
  return true;
}

function analyzeRead(path: string, read: ReadResult, facts: ProjectFacts, rules: readonly ActiveRule[]): FileJobResult {
  if ('skipped' in read) return { path, skipped: read.skipped };
  return { path, analysis: analyzeFile(path, read.text, facts, rules, { prefilter: true }) };
}
