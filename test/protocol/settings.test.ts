import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChecklistResult } from '../../common/protocol';
import { TestClient } from '../support/lspClient';
import { copyService } from '../support/tempProject';

describe('language server: editor settings', () => {
  const project = copyService('leaky-service');
  let client: TestClient;
  const file = () => `file://${join(project.root, 'src/index.js')}`;
  const secretSeverities = () => client.diagnosticsFor(file())?.filter((diagnostic) => diagnostic.code === 'config/no-hardcoded-secret').map((diagnostic) => diagnostic.severity) ?? [];

  before(async () => {
    client = await TestClient.start({ rootPath: project.root, vscodeLike: true });
    await client.until(() => client.someDiagnostics(file()), 'the first scan');
  });
  after(async () => {
    await client.stop();
    project.cleanup();
  });

  it('announces the checklist again after a rescan that changed no diagnostic (regression: the panel kept showing "pass")', async () => {
    await client.until(() => client.checklistChanges > 0, 'the first checklist notification');
    const before = client.checklistChanges;
    client.settings = { ignore: ['nothing-here/**'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => client.checklistChanges > before, 'a checklist notification after the rescan');
    const checklist = (await client.connection.sendRequest('twelveFactor/checklist', {})) as ChecklistResult;
    assert.equal(checklist.factors[2].status, 'findings');
  });

  it('applies rule severities from the settings without a restart', async () => {
    client.settings = { rules: { 'config/no-hardcoded-secret': 'info' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => secretSeverities().length > 0 && secretSeverities().every((severity) => severity === 3), 'secret findings at info');
    client.settings = { rules: { 'config/no-hardcoded-secret': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.until(() => secretSeverities().length === 0 && client.diagnostics.has(file()), 'secret findings gone');
    const checklist = (await client.connection.sendRequest('twelveFactor/checklist', {})) as ChecklistResult;
    assert.equal(checklist.factors[2].findings.length, 0);
  });
});
