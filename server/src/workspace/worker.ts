import { parentPort } from 'node:worker_threads';
import type { ProjectFacts } from '../project/facts';
import { runFileJob } from './fileJob';
import { activeRulesFor, type RuleSelection } from './rules';

export interface WorkerRequest {
  readonly id: number;
  readonly facts: ProjectFacts;
  readonly selection: RuleSelection;
  readonly paths: readonly string[];
}

// A scan worker: analyses batches of files so a large scan uses every core.
parentPort?.on('message', async (request: WorkerRequest) => {
  const rules = activeRulesFor(request.selection);
  const results = [];
  for (const path of request.paths) results.push(await runFileJob(path, request.facts, rules));
  parentPort?.postMessage({ id: request.id, results });
});
