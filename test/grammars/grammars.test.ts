import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const ROOT = join(__dirname, '..', '..');
const SNAP = join(ROOT, 'node_modules', '.bin', 'vscode-tmgrammar-snap');

describe('TextMate grammars (snapshot tests with vscode-tmgrammar-test)', () => {
  for (const language of ['dotenv', 'procfile']) {
    it(`${language} tokenizes its samples as the snapshots record`, () => {
      const samples = readdirSync(join(__dirname, language)).filter((name) => name.startsWith('sample.') && !name.endsWith('.snap'));
      assert.ok(samples.length > 0);
      const result = spawnSync(SNAP, ['--config', 'test/grammars/languages.json', ...samples.map((name) => `test/grammars/${language}/${name}`)], { cwd: ROOT, encoding: 'utf8' });
      assert.equal(result.status, 0, result.stdout + result.stderr);
    });
  }
});
