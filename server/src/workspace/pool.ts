import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ProjectFacts } from '../project/facts';
import type { FileJobResult } from './fileJob';
import type { WorkerJob, WorkerRequest } from './worker';

const BATCH_SIZE = 40;
/**
 * Below this many files to parse, workers cost more than they save: each isolate loads the
 * TypeScript parser again (~150 MB), and on 640 files of the bench corpus two workers made the
 * scan slower (14.6 s against 13.4 s) at twice the memory (777 MB against 400 MB).
 */
export const PARALLEL_THRESHOLD = 1000;
/**
 * With two cores, the main thread's prefilter and project checks leave the workers one core
 * between them: on the bench corpus's 1014 parsed files two workers took 16.3 s against 16.8 s
 * on one thread, at 776 MB against 519 MB.
 */
const MIN_CORES_FOR_WORKERS = 3;

/** How many worker threads to scan with: `'auto'` picks by files and cores; 0 or 1 means the calling thread. */
export type Concurrency = number | 'auto';

export function workerCount(concurrency: Concurrency, filesToParse: number): number {
  if (concurrency !== 'auto') return concurrency >= 2 ? Math.min(concurrency, Math.ceil(filesToParse / BATCH_SIZE)) : 0;
  const cores = availableParallelism();
  return filesToParse >= PARALLEL_THRESHOLD && cores >= MIN_CORES_FOR_WORKERS ? Math.min(cores, 8) : 0;
}

/**
 * Each bundle (server, CLI) is its own worker script: started on a worker thread it serves scan
 * requests instead of starting up (see `runScanWorker`). Run from sources (tests), there is none.
 */
export function workerScript(): string | undefined {
  return __filename.endsWith('.js') && existsSync(__filename) ? __filename : undefined;
}

/**
 * Analyses files on `workers` worker threads, handing out small batches so a slow file does not
 * leave a thread idle. Results arrive per batch through `onResult`.
 */
export async function analyzeInWorkers(
  script: string,
  workers: number,
  jobs: readonly WorkerJob[],
  facts: ProjectFacts,
  onResult: (result: FileJobResult) => void,
  isCancelled: () => boolean,
): Promise<boolean> {
  const batches: WorkerJob[][] = [];
  for (let start = 0; start < jobs.length; start += BATCH_SIZE) batches.push(jobs.slice(start, start + BATCH_SIZE));
  const size = Math.min(workers, batches.length);
  let next = 0;
  let cancelled = false;
  const runWorker = async () => {
    const worker = new Worker(script);
    try {
      while (next < batches.length) {
        if (isCancelled()) {
          cancelled = true;
          return;
        }
        const request: WorkerRequest = { id: next, facts, jobs: batches[next++] };
        const results = await ask(worker, request);
        for (const result of results) onResult(result);
      }
    } finally {
      await worker.terminate();
    }
  };
  await Promise.all(Array.from({ length: size }, runWorker));
  return !cancelled;
}

function ask(worker: Worker, request: WorkerRequest): Promise<FileJobResult[]> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { id: number; results: FileJobResult[] }) => {
      if (message.id !== request.id) return;
      cleanup();
      resolve(message.results);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(request);
  });
}
