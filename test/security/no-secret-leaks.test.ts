import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { runCli } from '../support/cli';
import { TestClient } from '../support/lspClient';
import { copyService, SERVICES } from '../support/tempProject';

const { secrets } = JSON.parse(readFileSync(join(SERVICES, 'secrets-service', 'secrets.json'), 'utf8')) as { secrets: string[] };

function assertNoSecret(output: string, where: string): void {
  for (const secret of secrets) assert.ok(!output.includes(secret), `${where} contains a secret (${secret.slice(0, 4)}…)`);
}

describe('no output ever contains a secret from the fixtures', () => {
  it('finds every planted secret (otherwise this test would prove nothing)', () => {
    const run = runCli(['--format', 'json', join(SERVICES, 'secrets-service')]);
    const report = JSON.parse(run.stdout) as { results: { messages: unknown[] }[] };
    assert.equal(report.results.flatMap((result) => result.messages).length, 10);
  });

  for (const format of ['text', 'json', 'sarif']) {
    it(`CLI ${format} output, stdout and stderr`, () => {
      const run = runCli(['--format', format, '--verbose', join(SERVICES, 'secrets-service')]);
      assertNoSecret(run.stdout + run.stderr, `${format} output`);
    });
  }

  it('--fix moves values out of the code without copying them anywhere', () => {
    const project = copyService('secrets-service');
    try {
      runCli(['--fix', project.root]);
      assertNoSecret(readFileSync(join(project.root, 'src/index.js'), 'utf8'), 'the fixed file');
      assertNoSecret(readFileSync(join(project.root, '.env.example'), 'utf8'), '.env.example');
    } finally {
      project.cleanup();
    }
  });

  describe('language server', () => {
    const project = copyService('secrets-service');
    let client: TestClient;
    before(async () => {
      client = await TestClient.start({ rootPath: project.root, vscodeLike: true });
    });
    after(async () => {
      await client.stop();
      project.cleanup();
    });

    it('diagnostics, logs, code actions and the checklist', async () => {
      const uri = `file://${join(project.root, 'src/index.js')}`;
      const diagnostics = await client.until(() => client.someDiagnostics(uri), 'diagnostics');
      assert.equal(diagnostics.length, 10);
      const actions = (await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
        context: { diagnostics },
      })) as CodeAction[];
      const fixAll = await client.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        context: { diagnostics: [], only: ['source.fixAll'] },
      });
      const checklist = await client.connection.sendRequest('twelveFactor/checklist', {});
      assertNoSecret(JSON.stringify(diagnostics), 'diagnostics');
      assertNoSecret(JSON.stringify(actions), 'code actions');
      assertNoSecret(JSON.stringify(fixAll), 'fix-all');
      assertNoSecret(JSON.stringify(checklist), 'the checklist');
      assertNoSecret(client.logs.join('\n') + client.stderr.join(''), 'the server log');
    });
  });
});
