import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChecklistResult } from '../../common/protocol';
import { TestClient } from '../support/lspClient';
import { copyService } from '../support/tempProject';

/**
 * Editors open documents while the server is still setting up the folder. A document's own project
 * must not be registered as a second, unscanned workspace over the folder: the checklist and the
 * close handler read the registry, so they would see an empty project while Problems shows findings.
 */
describe('documents opened while the folder is still being set up', () => {
  const project = copyService('leaky-service');
  const uri = (relative: string) => `file://${join(project.root, relative)}`;
  let client: TestClient;

  before(async () => {
    // The folder's settings arrive first, the opened document's late: the slow path used to win.
    client = await TestClient.start({ rootPath: project.root, vscodeLike: true, configurationDelays: [300, 600] });
    await client.open(uri('package.json'), readFileSync(join(project.root, 'package.json'), 'utf8'), 'json');
  });
  after(async () => {
    await client.stop();
    project.cleanup();
  });

  it('keeps the scanned folder as the owner, so the checklist shows what Problems shows', async () => {
    const published = await client.until(() => client.someDiagnostics(uri('src/index.js')), 'scan results');
    await new Promise((resolve) => setTimeout(resolve, 900));
    const checklist = (await client.connection.sendRequest('twelveFactor/checklist', {})) as ChecklistResult;
    const listed = checklist.factors.flatMap((factor) => factor.findings).filter((finding) => finding.uri === uri('src/index.js'));
    const twelveFactor = published.filter((diagnostic) => diagnostic.source === 'twelve-factor' && typeof diagnostic.code === 'string');
    assert.equal(listed.length, twelveFactor.length, `checklist lists ${listed.length} findings in src/index.js, Problems ${twelveFactor.length}`);
  });

  it('keeps a scanned file\'s findings when it is opened and closed again', async () => {
    const fileUri = uri('src/index.js');
    const before = client.diagnosticsFor(fileUri)?.length ?? 0;
    assert.ok(before > 0, 'the scan\'s findings are still published');
    await client.open(fileUri, readFileSync(join(project.root, 'src/index.js'), 'utf8'));
    // The open document is analysed first; its diagnostics equal the scan's, so nothing is sent to wait for.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: fileUri } });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(client.diagnosticsFor(fileUri)?.length, before, 'closing the file does not clear its findings');
  });
});
