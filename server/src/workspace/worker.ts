import { parentPort } from 'node:worker_threads';
import type { RuleSetting } from '../config/types';
import type { ProjectFacts } from '../project/facts';
import { runFileJobs, type FileJobResult } from './fileJob';
import { toActiveRules } from './rules';

export interface WorkerJob {
  readonly path: string;
  readonly settings: readonly RuleSetting[];
}

export interface WorkerRequest {
  readonly id: number;
  readonly facts: ProjectFacts;
  readonly jobs: readonly WorkerJob[];
}

/** Serves scan requests on a worker thread: analyses batches of files so a large scan uses every core. */
export function runScanWorker(): void {
  parentPort?.on('message', async (request: WorkerRequest) => {
    const results: FileJobResult[] = [];
    const jobs = request.jobs.map((job) => ({ path: job.path, rules: toActiveRules(job.settings) }));
    await runFileJobs(jobs, request.facts, (result) => results.push(result));
    parentPort?.postMessage({ id: request.id, results });
  });
}
