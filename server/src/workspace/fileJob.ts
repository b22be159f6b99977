import { analyzeFile, needsParse, type ActiveRule, type FileAnalysis } from '../engine/linter';
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
 * With `deferParse`, files that need a parse are handed to it instead of analysed, so a scan can
 * send just those to worker threads. Stops early (returning false) when `isCancelled` says so.
 */
export async function runFileJobs(
  jobs: readonly FileJob[],
  facts: ProjectFacts,
  onResult: (result: FileJobResult) => void,
  isCancelled: () => boolean = () => false,
  deferParse?: (path: string) => void,
): Promise<boolean> {
  const READ_AHEAD = 16;
  const reads: Promise<ReadResult>[] = jobs.slice(0, READ_AHEAD).map((job) => readSourceFile(job.path));
  for (let index = 0; index < jobs.length; index++) {
    if (isCancelled()) return false;
    if (index + READ_AHEAD < jobs.length) reads.push(readSourceFile(jobs[index + READ_AHEAD].path));
    const { path, rules } = jobs[index];
    const read = await reads[index];
    reads[index] = DONE;
    if (deferParse && 'text' in read && needsParse(path, read.text, facts, rules)) deferParse(path);
    else onResult(analyzeRead(path, read, facts, rules));
  }
  return true;
}

/** Replaces a consumed read so its text can be collected while the scan goes on. */
const DONE: Promise<ReadResult> = Promise.resolve({ skipped: 'consumed' });

function analyzeRead(path: string, read: ReadResult, facts: ProjectFacts, rules: readonly ActiveRule[]): FileJobResult {
  if ('skipped' in read) return { path, skipped: read.skipped };
  return { path, analysis: analyzeFile(path, read.text, facts, rules, { prefilter: true }) };
}
