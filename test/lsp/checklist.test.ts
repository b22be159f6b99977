import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildChecklist } from '../../server/src/lsp/checklist';
import { Workspace } from '../../server/src/workspace/workspace';

const roots: string[] = [];

async function scanned(files: Record<string, string>): Promise<Workspace> {
  const root = mkdtempSync(join(tmpdir(), 'tfl-checklist-'));
  roots.push(root);
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  }
  const workspace = await Workspace.open(root);
  await workspace.scan();
  return workspace;
}

const statusOf = (workspace: Workspace, roman: string) => buildChecklist([workspace], false).factors.find((factor) => factor.roman === roman)?.status;
const PACKAGE = JSON.stringify({ name: 'worker', version: '1.0.0', main: 'src/index.js', scripts: { start: 'node src/index.js' }, dependencies: {} });

describe('factor checklist', () => {
  after(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('shows a factor as not checked when none of its rules had anything to examine', async () => {
    const workspace = await scanned({ 'package.json': PACKAGE, 'src/index.js': "console.log('batch done');\n" });
    // No server is started anywhere, so there is no shutdown to judge.
    assert.equal(statusOf(workspace, 'IX'), 'not-checked');
    // package.json's scripts were read: factor V was checked and passed.
    assert.equal(statusOf(workspace, 'V'), 'pass');
  });

  it('passes a factor whose rules examined code and found nothing', async () => {
    const server = "const http = require('http');\nconst server = http.createServer(handler).listen(process.env.PORT);\nprocess.on('SIGTERM', () => server.close(() => process.exit(0)));\n";
    const workspace = await scanned({ 'package.json': PACKAGE, 'src/index.js': server });
    assert.equal(statusOf(workspace, 'IX'), 'pass');
  });

  it('reports findings over everything else', async () => {
    const workspace = await scanned({ 'package.json': PACKAGE, 'src/index.js': "const http = require('http');\nhttp.createServer(handler).listen(8080);\n" });
    assert.equal(statusOf(workspace, 'IX'), 'findings');
  });
});
