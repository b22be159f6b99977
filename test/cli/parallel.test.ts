import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { availableParallelism } from 'node:os';
import { workerCount } from '../../server/src/workspace/pool';
import { runCli } from '../support/cli';

describe('scans on worker threads (--concurrency)', () => {
  it('report exactly what a single-threaded scan reports', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-parallel-'));
    try {
      writeFileSync(join(root, 'package.json'), '{"name":"many"}');
      mkdirSync(join(root, 'src'));
      const parsed = 130;
      for (let index = 0; index < parsed; index++) writeFileSync(join(root, 'src', `module${index}.js`), `const password = 'hunter2-${index}-x';\nmodule.exports = password;\n`);
      // Files no rule looks at are settled by the prefilter and never reach a worker.
      for (let index = 0; index < 100; index++) writeFileSync(join(root, 'src', `plain${index}.js`), `module.exports = ${index};\n`);
      const scan = (concurrency: string) => runCli(['--format', 'json', '--concurrency', concurrency, root]).stdout;
      const threaded = scan('2');
      const report = JSON.parse(threaded) as { results: { filePath: string; messages: { line: number; column: number }[] }[] };
      assert.equal(report.results.length, parsed);
      assert.ok(report.results.every((result) => result.messages.length === 1 && result.messages[0].line === 1 && result.messages[0].column === 18));
      assert.equal(threaded, scan('off'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('how many worker threads a scan uses', () => {
  it('uses none below the threshold or on two cores unless asked, and never more than one per batch', () => {
    assert.equal(workerCount('auto', 999), 0);
    assert.equal(workerCount('auto', 5000), availableParallelism() >= 3 ? Math.min(availableParallelism(), 8) : 0);
    assert.equal(workerCount(0, 5000), 0);
    assert.equal(workerCount(1, 5000), 0);
    assert.equal(workerCount(4, 5000), 4);
    assert.equal(workerCount(4, 50), 2);
  });

  it('rejects a --concurrency that is not a count, auto or off', () => {
    const run = runCli(['--concurrency', 'many', '.']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--concurrency needs a whole number/);
  });
});
