import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { copyService, FIXTURES } from '../support/tempProject';
import { CHROMIUM_ARGS, CodeServer } from './codeServer';

const ARTIFACTS = join(__dirname, '..', '..', 'test-results', 'e2e');

/** The whole user journey in the real VS Code workbench, with the packaged .vsix installed. */
describe('VS Code workbench (code-server 4.100.3) with the .vsix installed', () => {
  const project = copyService('editor-service', FIXTURES);
  let server: CodeServer;
  let browser: Browser;
  let page: Page;
  let step = 0;

  const shot = async (name: string) => {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${String(++step).padStart(2, '0')}-${name}.png`) });
  };
  /** On failure, say what the page showed, not only that a selector was missing. */
  const explain = async (what: string, error: unknown): Promise<never> => {
    await shot(`failed-${what}`).catch(() => undefined);
    const text = await page.locator('.monaco-workbench').innerText().catch(() => '(no workbench)');
    throw new Error(`${what}: ${(error as Error).message}\nThe page showed:\n${text.slice(0, 3000)}\ncode-server log:\n${server.log.join('').slice(-2000)}\nExtension output:\n${server.extensionLog().slice(-4000)}`);
  };

  const openFile = async (path: string) => {
    const name = path.split('/').pop()!;
    await page.keyboard.press('Control+P');
    await page.keyboard.type(path);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 60_000 });
  };

  before(async () => {
    server = await CodeServer.start({ installVsix: true });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url(project.root));
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await browser?.close();
    server?.stop();
    project.cleanup();
  });

  it('shows a squiggle on the hardcoded secret, with the message, source and rule in the hover', async () => {
    try {
      await openFile('src/index.js');
      const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error').first();
      await squiggle.waitFor({ timeout: 60_000 });
      await shot('squiggle');
      await squiggle.hover({ force: true });
      const hover = page.locator('.monaco-hover:not(.hidden)').first();
      await hover.waitFor({ timeout: 60_000 });
      const text = await hover.innerText();
      await shot('hover');
      assert.match(text, /A Stripe secret key is written into the code/);
      assert.match(text, /twelve-factor/);
      assert.match(text, /config\/no-hardcoded-secret/);
      assert.doesNotMatch(text, /51HxEditorFixtureNotReal7Qp/);
    } catch (error) {
      await explain('squiggle and hover', error);
    }
  });

  it('lists the finding in the Problems panel', async () => {
    try {
      await page.keyboard.press('Escape');
      await page.keyboard.press('F1');
      await page.keyboard.type('View: Toggle Problems');
      await page.keyboard.press('Enter');
      const row = page.locator('.markers-panel .monaco-list-row[aria-label*="A Stripe secret key"]').first();
      await row.waitFor({ timeout: 60_000 });
      assert.match((await row.getAttribute('aria-label')) ?? '', /twelve-factor/);
      await shot('problems');
    } catch (error) {
      await explain('problems panel', error);
    }
  });

  it('shows factor III failing with the finding in the checklist, and navigates to it', async () => {
    try {
      await page.locator('.activitybar [aria-label*="Twelve-Factor"]').first().click();
      // The panel updates within a moment of the server's notification; wait for it rather than sleep.
      const factor = page.locator('.part.sidebar .monaco-list-row', { hasText: /III\. Config\s*1 finding/ }).first();
      await factor.waitFor({ timeout: 30_000 });
      const finding = page.locator('.part.sidebar .monaco-list-row', { hasText: 'A Stripe secret key' }).first();
      await finding.waitFor({ timeout: 60_000 });
      await shot('checklist');
      await openFile('package.json');
      await finding.click();
      await page.locator('.tab.active', { hasText: 'index.js' }).waitFor({ timeout: 60_000 });
      // The finding's whole range is selected, so the cursor sits at its end on line 2.
      await page.locator('.statusbar', { hasText: /Ln 2, Col \d+ \(\d+ selected\)/ }).waitFor({ timeout: 60_000 });
      await shot('navigated');
    } catch (error) {
      await explain('checklist', error);
    }
  });

  it('applies the quick fix with Ctrl+. and the checklist updates', async () => {
    try {
      const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error').first();
      const box = await squiggle.boundingBox();
      assert.ok(box);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const menu = page.locator('.action-widget');
      for (let attempt = 0; attempt < 5; attempt++) {
        await page.keyboard.press('Control+.');
        if (await menu.waitFor({ timeout: 5_000 }).then(() => true, () => false)) break;
        await page.keyboard.press('Escape');
      }
      const wanted = menu.locator('.monaco-list-row', { hasText: 'Read STRIPE_SECRET_KEY from the environment' });
      await wanted.waitFor({ timeout: 30_000 });
      await shot('quick-fix-menu');
      for (let presses = 0; presses < 10 && !((await wanted.getAttribute('class')) ?? '').includes('focused'); presses++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      await page.locator('.view-lines', { hasText: 'process.env.STRIPE_SECRET_KEY' }).first().waitFor({ timeout: 60_000 });
      const factor = page.locator('.part.sidebar .monaco-list-row', { hasText: 'III. Config' }).first();
      await page.waitForFunction(() => !document.body.innerText.includes('A Stripe secret key is written'), undefined, { timeout: 60_000 });
      assert.doesNotMatch(await factor.innerText(), /finding/);
      await shot('fixed');
      await page.keyboard.press('Control+S');
      await page.locator('.tab.active.dirty').waitFor({ state: 'detached', timeout: 30_000 });
      assert.match(readFileSync(join(project.root, 'src/index.js'), 'utf8'), /require\('stripe'\)\(process\.env\.STRIPE_SECRET_KEY\)/);
      assert.equal(readFileSync(join(project.root, '.env.example'), 'utf8'), 'STRIPE_SECRET_KEY=\n');
    } catch (error) {
      await explain('quick fix', error);
    }
  });
});
