import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TestClient } from '../support/lspClient';
import { copyService } from '../support/tempProject';

const SECRET_LINE = "const stripe = require('stripe')('sk_live_4eC39HqLyjWDarjtT1zdp7dc');\n";

describe('language server: bad input and minimal clients', () => {
  const project = copyService('clean-service');
  let client: TestClient;
  const uri = (relative: string) => `file://${join(project.root, relative)}`;

  before(async () => {
    writeFileSync(join(project.root, 'src/blob.js'), Buffer.from([0x63, 0x6f, 0x00, 0x01, 0x02]));
    writeFileSync(join(project.root, 'src/latin1.js'), Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0x0a]));
    // A client with no configuration, progress or file-watching support, like a bare Neovim.
    client = await TestClient.start({ rootPath: project.root, settings: {}, vscodeLike: false });
    await client.until(() => client.logs.find((line) => /Scanned \d+ files/.test(line)), 'the scan to finish');
  });
  after(async () => {
    await client.stop();
    project.cleanup();
  });

  it('says which files it skipped and why', () => {
    assert.ok(client.logs.some((line) => line.includes('src/blob.js: binary content')), client.logs.join('\n'));
    assert.ok(client.logs.some((line) => line.includes('src/latin1.js: not valid UTF-8')));
  });

  it('publishes nothing for a clean service', () => {
    for (const file of ['src/index.js', 'src/app.js', 'src/config.js']) assert.deepEqual(client.diagnosticsFor(uri(file)) ?? [], []);
  });

  it('skips an open document larger than 1 MB with a notice, then analyses it again when it shrinks', async () => {
    const fileUri = uri('src/huge.js');
    await client.open(fileUri, `${SECRET_LINE}${'// padding\n'.repeat(110_000)}`);
    const [notice] = await client.until(() => client.someDiagnostics(fileUri), 'a notice');
    assert.match(String(notice.message), /larger than 1 MB/);
    await client.change(fileUri, SECRET_LINE, 2);
    const [finding] = await client.until(() => client.someDiagnostics(fileUri, 2)?.filter((diagnostic) => diagnostic.code !== 'skipped'), 'the finding');
    assert.equal(finding.code, 'config/no-hardcoded-secret');
  });

  it('keeps answering requests while documents are broken', async () => {
    const fileUri = uri('src/broken.ts');
    await client.open(fileUri, 'export const x = {{{', 'typescript');
    await client.until(() => client.someDiagnostics(fileUri), 'a parse notice');
    const checklist = await client.connection.sendRequest('twelveFactor/checklist', {});
    assert.ok(checklist);
  });

  it('ignores files outside the production code (tests) even when opened', async () => {
    const fileUri = uri('test/app.test.js');
    await client.open(fileUri, SECRET_LINE);
    await client.until(() => client.diagnostics.has(fileUri), 'a publish for the test file');
    assert.deepEqual(client.diagnosticsFor(fileUri), []);
  });
});

describe('language server: a client that refuses registrations', () => {
  it('keeps serving and says what it could not register (regression: the server crashed)', async () => {
    const project = copyService('leaky-service');
    const client = await TestClient.start({ rootPath: project.root, refuseRegistrations: true });
    try {
      await client.until(() => client.someDiagnostics(`file://${join(project.root, 'src/index.js')}`), 'diagnostics');
      await client.until(() => client.logs.find((line) => /The client refused file watching/.test(line)), 'a warning in the log');
      assert.ok(await client.connection.sendRequest('twelveFactor/checklist', {}));
    } finally {
      await client.stop();
      project.cleanup();
    }
  });
});
