import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lspClient';
import { copyService } from '../support/tempProject';

const SECRET = 'config/no-hardcoded-secret';

describe('language server: configuration, directives and broken project files', () => {
  const project = copyService('leaky-service');
  let client: TestClient;
  const uri = (relative: string) => `file://${join(project.root, relative)}`;
  const secretSeverities = () => client.diagnosticsFor(uri('src/index.js'))?.filter((diagnostic) => diagnostic.code === SECRET).map((diagnostic) => diagnostic.severity);
  const changed = (relative: string) => client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(relative), type: 2 }] });

  before(async () => {
    client = await TestClient.start({ rootPath: project.root, vscodeLike: true });
    await client.until(() => client.someDiagnostics(uri('src/index.js')), 'the first scan');
  });
  after(async () => {
    await client.stop();
    project.cleanup();
  });

  it('reloads .twelve-factor.json when it changes', async () => {
    writeFileSync(join(project.root, '.twelve-factor.json'), `{ "rules": { "${SECRET}": "info" } }`);
    await changed('.twelve-factor.json');
    await client.until(() => secretSeverities()?.every((severity) => severity === 3) && secretSeverities()!.length > 0, 'secret findings at info');
  });

  it('reports an invalid config at the offending key and keeps the last valid one', async () => {
    const text = `{\n  "rules": { "${SECRET}": "loud" }\n}\n`;
    writeFileSync(join(project.root, '.twelve-factor.json'), text);
    await changed('.twelve-factor.json');
    const [diagnostic] = await client.until(() => client.someDiagnostics(uri('.twelve-factor.json')), 'a diagnostic in the config file');
    assert.match(String(diagnostic.message), /Use "off", "info", "warning" or "error"/);
    assert.deepEqual(diagnostic.range, { start: { line: 1, character: 43 }, end: { line: 1, character: 49 } });
    assert.ok(secretSeverities()?.every((severity) => severity === 3), 'the last valid config stays in force');
    writeFileSync(join(project.root, '.twelve-factor.json'), '{}');
    await changed('.twelve-factor.json');
    await client.until(() => client.diagnosticsFor(uri('.twelve-factor.json'))?.length === 0, 'the config diagnostic to clear');
    await client.until(() => secretSeverities()?.every((severity) => severity === 1), 'secret findings back at error');
  });

  it('shows unused directives faded with a quick fix that removes them, and warns about unknown rule ids', async () => {
    const fileUri = uri('src/directives.js');
    const text = `const a = 1;\n// twelve-factor-disable-next-line ${SECRET}\nconst b = 2;\nconst c = 3; // twelve-factor-disable-line config/nope\n`;
    await client.open(fileUri, text);
    const diagnostics = await client.until(() => (client.diagnosticsFor(fileUri)?.length === 2 ? client.diagnosticsFor(fileUri) : undefined), 'two directive diagnostics');
    assert.deepEqual(diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.severity]), [['unused-directive', 1, 3], ['unknown-rule', 3, 2]]);
    assert.deepEqual(diagnostics[0].tags, [1]);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: fileUri },
      range: diagnostics[0].range,
      context: { diagnostics: [diagnostics[0]] },
    })) as CodeAction[];
    assert.equal(actions[0].title, 'Remove unused twelve-factor directive');
    const edit = (actions[0].edit!.documentChanges![0] as TextDocumentEdit).edits[0];
    assert.deepEqual(edit.range, { start: { line: 1, character: 0 }, end: { line: 2, character: 0 } });
  });

  it('gathers a bin/ control script again when it changes on disk', async () => {
    const pkg = JSON.parse(readFileSync(join(project.root, 'package.json'), 'utf8'));
    mkdirSync(join(project.root, 'bin'), { recursive: true });
    writeFileSync(join(project.root, 'bin/appctl'), '#!/bin/sh\nnohup node src/index.js > /dev/null 2>&1 &\n');
    writeFileSync(join(project.root, 'package.json'), JSON.stringify({ ...pkg, scripts: { start: 'bin/appctl' } }));
    await changed('package.json');
    const [diagnostic] = await client.until(() => client.someDiagnostics(uri('bin/appctl')), 'a daemonize finding in the control script');
    assert.equal(diagnostic.code, 'concurrency/no-daemonize');
    writeFileSync(join(project.root, 'bin/appctl'), '#!/bin/sh\nexec node src/index.js\n');
    await changed('bin/appctl');
    await client.until(() => client.diagnosticsFor(uri('bin/appctl'))?.length === 0, 'the finding to go with the background job');
    writeFileSync(join(project.root, 'package.json'), JSON.stringify(pkg));
    await changed('package.json');
    await client.until(() => client.diagnosticsFor(uri('package.json'))?.length === 0, 'the start script finding to go');
  });

  it('gives a broken package.json one clear diagnostic and keeps serving', async () => {
    writeFileSync(join(project.root, 'package.json'), '{ "name": "leaky-service", ');
    await changed('package.json');
    const [diagnostic] = await client.until(() => client.someDiagnostics(uri('package.json')), 'a package.json diagnostic');
    assert.match(String(diagnostic.message), /package\.json is not valid JSON/);
    assert.ok(client.someDiagnostics(uri('src/index.js')), 'the other findings stay');
  });
});
