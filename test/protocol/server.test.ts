import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { ChecklistResult } from '../../common/protocol';
import { TestClient } from '../support/lspClient';
import { copyService } from '../support/tempProject';

const SECRET_FILE = `const stripe = require('stripe')('sk_live_4eC39HqLyjWDarjtT1zdp7dc');\nmodule.exports = stripe;\n`;

function applyTextEdits(text: string, edit: WorkspaceEdit, uri: string): string {
  const change = edit.documentChanges?.find((item): item is TextDocumentEdit => 'textDocument' in item && item.textDocument.uri === uri);
  assert.ok(change, `the edit changes ${uri}`);
  const lines = text.split('\n');
  const offsetOf = (position: { line: number; character: number }) =>
    lines.slice(0, position.line).reduce((sum, line) => sum + line.length + 1, 0) + position.character;
  const edits = [...change.edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let result = text;
  for (const item of edits) result = result.slice(0, offsetOf(item.range.start)) + ('newText' in item ? item.newText : '') + result.slice(offsetOf(item.range.end));
  return result;
}

describe('language server over stdio', () => {
  const project = copyService('leaky-service');
  let client: TestClient;
  const uri = (relative: string) => `file://${join(project.root, relative)}`;

  before(async () => {
    client = await TestClient.start({ rootPath: project.root, vscodeLike: true });
  });
  after(async () => {
    await client.stop();
    project.cleanup();
  });

  it('scans the workspace at start and publishes files that are not open', async () => {
    const diagnostics = await client.until(() => client.someDiagnostics(uri('src/index.js')), 'scan results');
    const secret = diagnostics.find((diagnostic) => diagnostic.code === 'config/no-hardcoded-secret');
    assert.ok(secret, 'the hardcoded AWS key is reported');
    assert.equal(secret.source, 'twelve-factor');
    assert.match(secret.codeDescription?.href ?? '', /docs\/rules\/config\/no-hardcoded-secret\.md$/);
    assert.equal((secret.data as { factor: number }).factor, 3);
    assert.ok(client.logs.some((line) => /Scanned \d+ files/.test(line)), 'the scan is logged');
  });

  it('analyses an opened document and offers a fix that moves the secret to the environment', async () => {
    const fileUri = uri('src/payments.js');
    writeFileSync(join(project.root, 'src/payments.js'), SECRET_FILE);
    await client.open(fileUri, SECRET_FILE);
    const [diagnostic] = await client.until(() => client.someDiagnostics(fileUri), 'diagnostics of the opened file');
    assert.deepEqual(diagnostic.range, { start: { line: 0, character: 33 }, end: { line: 0, character: 67 } });
    assert.equal(client.diagnostics.get(fileUri)?.version, 1);
    assert.doesNotMatch(String(diagnostic.message), /4eC39HqLyjWDarjtT1zdp7dc/);

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: fileUri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((action) => action.title), [
      'Read STRIPE_SECRET_KEY from the environment (and list it in .env.example)',
      'Disable config/no-hardcoded-secret for this line',
      'Show documentation for config/no-hardcoded-secret',
    ]);
    const fix = actions[0];
    assert.equal(fix.isPreferred, true);
    assert.equal(applyTextEdits(SECRET_FILE, fix.edit!, fileUri), `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);\nmodule.exports = stripe;\n`);
    const envExampleUri = uri('.env.example');
    assert.deepEqual(fix.edit!.documentChanges![0], { kind: 'create', uri: envExampleUri, options: { ignoreIfExists: true } });
    assert.equal(applyTextEdits('', fix.edit!, envExampleUri), 'STRIPE_SECRET_KEY=\n');
    assert.doesNotMatch(JSON.stringify(actions), /4eC39HqLyjWDarjtT1zdp7dc/);

    const disabled = applyTextEdits(SECRET_FILE, actions[1].edit!, fileUri);
    assert.equal(disabled.split('\n')[0], '// twelve-factor-disable-next-line config/no-hardcoded-secret');
    await client.change(fileUri, disabled, 2);
    await client.until(() => client.diagnostics.get(fileUri)?.version === 2 && client.diagnosticsFor(fileUri)?.length === 0, 'the directive to silence the finding');
  });

  it('keeps serving through a syntax error and recovers when the code parses again', async () => {
    const fileUri = uri('src/payments.js');
    await client.change(fileUri, `const stripe = require('stripe')('sk_live_4eC39HqLyjWDarjtT1zdp7dc'\nconst x = ;\n`, 3);
    const [notice] = await client.until(() => client.someDiagnostics(fileUri, 3), 'a parse notice');
    assert.equal(notice.code, 'skipped');
    assert.match(String(notice.message), /paused until this file parses again/);
    await client.change(fileUri, SECRET_FILE, 4);
    const diagnostics = await client.until(() => client.someDiagnostics(fileUri, 4), 'findings after recovery');
    assert.deepEqual(diagnostics.map((diagnostic: Diagnostic) => diagnostic.code), ['config/no-hardcoded-secret']);
  });

  it('publishes only the newest version after a burst of edits', async () => {
    const fileUri = uri('src/payments.js');
    for (let version = 5; version <= 20; version++) {
      const text = version === 20 ? `module.exports = { password: process.env.PASSWORD };\n` : `${SECRET_FILE}// edit ${version}\n`;
      await client.change(fileUri, text, version);
    }
    await client.until(() => client.diagnostics.get(fileUri)?.version === 20, 'the last version');
    assert.deepEqual(client.diagnosticsFor(fileUri), []);
  });

  it('offers every safe fix of a file as one source.fixAll action and as a command', async () => {
    const fileUri = uri('src/index.js');
    const text = readFileSync(join(project.root, 'src/index.js'), 'utf8');
    await client.open(fileUri, text);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: fileUri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.twelveFactor');
    const fixed = applyTextEdits(text, actions[0].edit!, fileUri);
    assert.match(fixed, /const AWS_KEY = process\.env\.AWS_ACCESS_KEY_ID;/);
    assert.match(fixed, /const dbPassword = process\.env\.DB_PASSWORD;/);

    await client.connection.sendRequest('workspace/executeCommand', { command: 'twelveFactor.server.fixAll', arguments: [fileUri] });
    await client.until(() => client.appliedEdits.length > 0, 'workspace/applyEdit from the fix-all command');
    assert.equal(applyTextEdits(text, client.appliedEdits[0], fileUri), fixed);
  });

  it('answers the checklist request with all twelve factors', async () => {
    const result = (await client.connection.sendRequest('twelveFactor/checklist', {})) as ChecklistResult;
    assert.equal(result.factors.length, 12);
    assert.deepEqual(result.factors.map((factor) => factor.roman), ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII']);
    const config = result.factors[2];
    assert.equal(config.status, 'findings');
    assert.ok(config.counts.error >= 1);
    assert.ok(config.findings.some((finding) => finding.rule === 'config/no-hardcoded-secret' && finding.uri === uri('src/index.js')));
    const onlyFile = (await client.connection.sendRequest('twelveFactor/checklist', { uri: uri('src/payments.js') })) as ChecklistResult;
    assert.ok(onlyFile.factors.every((factor) => factor.findings.every((finding) => finding.uri === uri('src/payments.js'))));
    await client.until(() => client.checklistChanges > 0, 'a checklistChanged notification');
  });

  it('re-analyses a file that changed on disk', async () => {
    const path = join(project.root, 'src/extra.js');
    writeFileSync(path, `const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('src/extra.js'), type: 1 }] });
    const diagnostics = await client.until(() => client.someDiagnostics(uri('src/extra.js')), 'the new file');
    assert.equal(diagnostics[0].code, 'config/no-hardcoded-secret');
    writeFileSync(path, `const token = process.env.GITHUB_TOKEN;\n`);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('src/extra.js'), type: 2 }] });
    await client.until(() => client.diagnosticsFor(uri('src/extra.js'))?.length === 0, 'the finding to go');
  });
});
