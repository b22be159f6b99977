import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, resolveChanges } from '../../server/src/workspace/edits';

describe('resolveChanges', () => {
  const files: Record<string, string> = { '/p/.env.example': 'PORT=3000' };
  const readText = (path: string) => files[path];

  it('appends missing keys to .env.example once, after a line break, without values', () => {
    const result = resolveChanges('/p/a.js', [
      { type: 'replace', range: [10, 20], text: 'process.env.A' },
      { type: 'ensureEnvKey', file: '/p/.env.example', key: 'A' },
      { type: 'ensureEnvKey', file: '/p/.env.example', key: 'A' },
      { type: 'ensureEnvKey', file: '/p/.env.example', key: 'PORT' },
      { type: 'ensureEnvKey', file: '/p/.env.example', key: 'B' },
    ], readText);
    const env = result.find((file) => file.path === '/p/.env.example')!;
    assert.equal(env.create, false);
    assert.equal(applyEdits(files['/p/.env.example'], env.edits), 'PORT=3000\nA=\nB=\n');
  });

  it('creates .env.example when it does not exist', () => {
    const [, env] = resolveChanges('/q/a.js', [
      { type: 'replace', range: [0, 1], text: 'x' },
      { type: 'ensureEnvKey', file: '/q/.env.example', key: 'TOKEN' },
    ], readText);
    assert.equal(env.create, true);
    assert.equal(applyEdits('', env.edits), 'TOKEN=\n');
  });

  it('drops an edit that overlaps an earlier one, so a file is never garbled', () => {
    const [file] = resolveChanges('/p/a.js', [
      { type: 'replace', range: [0, 5], text: 'A' },
      { type: 'replace', range: [3, 8], text: 'B' },
      { type: 'replace', range: [8, 9], text: 'C' },
    ], readText);
    assert.equal(applyEdits('0123456789', file.edits), 'A567C9');
  });
});
