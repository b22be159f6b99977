import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { PARALLEL_THRESHOLD } from '../../server/src/workspace/pool';
import { runCli } from '../support/cli';

describe('large scans on worker threads', () => {
  it('report exactly what a single-threaded scan reports', () => {
    const root = mkdtempSync(join(tmpdir(), 'tfl-parallel-'));
    try {
      writeFileSync(join(root, 'package.json'), '{"name":"many"}');
      mkdirSync(join(root, 'src'));
      const parsed = PARALLEL_THRESHOLD + 30;
      for (let index = 0; index < parsed; index++) writeFileSync(join(root, 'src', `module${index}.js`), `const password = 'hunter2-${index}-x';\nmodule.exports = password;\n`);
      // Files no rule looks at are settled by the prefilter and never reach a worker.
      for (let index = 0; index < 100; index++) writeFileSync(join(root, 'src', `plain${index}.js`), `module.exports = ${index};\n`);
      const report = JSON.parse(runCli(['--format', 'json', root]).stdout) as { results: { filePath: string; messages: { line: number; column: number }[] }[] };
      assert.equal(report.results.length, parsed);
      assert.ok(report.results.every((result) => result.messages.length === 1 && result.messages[0].line === 1 && result.messages[0].column === 18));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
