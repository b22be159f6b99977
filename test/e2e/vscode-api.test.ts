import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { copyService, FIXTURES } from '../support/tempProject';
import { CHROMIUM_ARGS, CodeServer } from './codeServer';

const ROOT = join(__dirname, '..', '..');

/** Bundles test/vscode/suite.ts for an extension host; `vscode` is provided by the host. */
async function bundleSuite(outDir: string): Promise<string> {
  const outfile = join(outDir, 'suite.js');
  await build({ entryPoints: [join(ROOT, 'test/vscode/suite.ts')], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], logLevel: 'warning' });
  return outfile;
}

describe('VS Code API suite', () => {
  it('desktop VS Code through @vscode/test-electron', async (t) => {
    const { downloadAndUnzipVSCode } = await import('@vscode/test-electron');
    const cache = mkdtempSync(join(tmpdir(), 'tfl-vscode-download-'));
    try {
      await Promise.race([
        downloadAndUnzipVSCode({ version: '1.100.3', cachePath: cache }),
        new Promise((_, reject) => setTimeout(() => reject(new Error('no answer within 20 s')), 20_000)),
      ]);
    } catch (error) {
      // Microsoft's update servers are not reachable from these machines: say so, and let the code-server host be the proof.
      t.skip(`desktop VS Code cannot be downloaded here (${(error as Error).message.split('\n')[0]}); the same suite runs in code-server below`);
      return;
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
    const { runTests } = await import('@vscode/test-electron');
    const project = copyService('editor-service', FIXTURES);
    const suiteDir = mkdtempSync(join(tmpdir(), 'tfl-vscode-suite-'));
    try {
      await runTests({ version: '1.100.3', extensionDevelopmentPath: ROOT, extensionTestsPath: await bundleSuite(suiteDir), launchArgs: [project.root, '--disable-extensions'] });
    } finally {
      project.cleanup();
      rmSync(suiteDir, { recursive: true, force: true });
    }
  });

  describe('in code-server through extensionTestsPath', () => {
    const project = copyService('editor-service', FIXTURES);
    const suiteDir = mkdtempSync(join(tmpdir(), 'tfl-vscode-suite-'));
    const resultFile = join(suiteDir, 'result.json');
    let server: CodeServer;
    let browser: Browser;
    let outcomes: { name: string; ok: boolean; error?: string }[] = [];

    before(async () => {
      const suite = await bundleSuite(suiteDir);
      process.env.TFL_VSCODE_RESULT = resultFile;
      server = await CodeServer.start({ installVsix: false });
      browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
      const page = await browser.newPage();
      // The extension host starts per workbench connection, so a page must stay open while the suite runs.
      const authority = `vscode-remote://127.0.0.1:${server.port}`;
      await page.goto(server.url(project.root, [['extensionDevelopmentPath', `${authority}${ROOT}`], ['extensionTestsPath', `${authority}${suite}`]]));
      const deadline = Date.now() + 120_000;
      while (!existsSync(resultFile) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
      if (!existsSync(resultFile)) throw new Error(`The suite wrote no verdict within 120 s.\ncode-server log:\n${server.log.join('').slice(-3000)}`);
      outcomes = JSON.parse(readFileSync(resultFile, 'utf8')) as typeof outcomes;
    });
    after(async () => {
      delete process.env.TFL_VSCODE_RESULT;
      await browser?.close();
      server?.stop();
      project.cleanup();
      rmSync(suiteDir, { recursive: true, force: true });
    });

    for (const name of [
      'diagnostics come from the server with source, rule and docs link',
      'the code action provider offers the fix, disable-line and documentation actions',
      'the checklist tree shows factor III with the finding',
      'the fix-all command fixes the file and the checklist follows',
    ]) {
      it(name, () => {
        const outcome = outcomes.find((item) => item.name === name);
        assert.ok(outcome, `the suite did not run "${name}"`);
        assert.ok(outcome.ok, outcome.error);
      });
    }
  });
});
