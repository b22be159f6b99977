import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { SERVER_BUNDLE } from '../support/lspClient';
import { copyService, FIXTURES } from '../support/tempProject';

/** The server is editor-neutral: Debian's Neovim, a plain LSP client, gets the same findings and fixes. */
describe('Neovim (headless) as an LSP client', () => {
  it('receives diagnostics and applies a code action', () => {
    const project = copyService('editor-service', FIXTURES);
    try {
      const out = join(project.root, 'outcome.json');
      const result = spawnSync('nvim', ['--headless', '-u', 'NONE', '-c', `luafile ${join(__dirname, 'neovim.lua')}`], {
        env: { ...process.env, TFL_ROOT: project.root, TFL_SERVER: SERVER_BUNDLE, TFL_NODE: process.execPath, TFL_OUT: out },
        encoding: 'utf8',
        timeout: 60_000,
      });
      const outcome = JSON.parse(readFileSync(out, 'utf8')) as { diagnostics: { code: string; source: string }[]; actions: string[]; text: string; error?: string };
      assert.equal(outcome.error, undefined, `${outcome.error}\n${result.stderr}`);
      assert.deepEqual(outcome.diagnostics.map((diagnostic) => diagnostic.code).sort(), ['config/no-hardcoded-secret', 'port-binding/no-hardcoded-port']);
      assert.ok(outcome.diagnostics.every((diagnostic) => diagnostic.source === 'twelve-factor'));
      assert.ok(outcome.actions.includes('Read the port from process.env.PORT'));
      assert.match(outcome.text, /const server = app\.listen\(Number\(process\.env\.PORT\) \|\| 8080\);/);
    } finally {
      project.cleanup();
    }
  });
});
