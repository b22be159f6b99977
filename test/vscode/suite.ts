/**
 * The VS Code API suite: the same scenarios as the workbench test, through the extension API.
 * It runs inside an extension host (desktop VS Code via @vscode/test-electron, or code-server via
 * extensionTestsPath) and writes its verdict to TFL_VSCODE_RESULT, because a failing run() still
 * ends the code-server extension host with code 0.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { ChecklistNode, FactorTreeProvider } from '../../client/src/checklist/factorTree';

const EXTENSION_ID = 'twelve-factor-lint.twelve-factor-lint';
const SECRET_RULE = 'config/no-hardcoded-secret';

interface Outcome {
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, relative);
}

const secretDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.code && (typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code) === SECRET_RULE);

const scenarios: [string, () => Promise<void>][] = [
  [
    'diagnostics come from the server with source, rule and docs link',
    async () => {
      const uri = fileUri('src/index.js');
      await vscode.window.showTextDocument(uri);
      const [diagnostic] = await until('the secret diagnostic', () => secretDiagnostics(uri).length > 0 && secretDiagnostics(uri));
      assert.equal(diagnostic.source, 'twelve-factor');
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostic.message, /A Stripe secret key is written into the code/);
      assert.match(String((diagnostic.code as { target: vscode.Uri }).target), /docs\/rules\/config\/no-hardcoded-secret\.md/);
      assert.equal(diagnostic.range.start.line, 1);
    },
  ],
  [
    'the code action provider offers the fix, disable-line and documentation actions',
    async () => {
      const uri = fileUri('src/index.js');
      const [diagnostic] = secretDiagnostics(uri);
      // A request can be cancelled while other providers (the built-in TypeScript one) are still starting: ask again.
      let titles: string[] = [];
      for (let attempt = 0; attempt < 20 && !titles.some((title) => title.startsWith('Read STRIPE_SECRET_KEY')); attempt++) {
        const actions = await vscode.commands
          .executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)
          .then((result) => result ?? [], () => []);
        titles = actions.map((action) => action.title);
        if (titles.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
      }
      assert.ok(titles.includes('Read STRIPE_SECRET_KEY from the environment (and list it in .env.example)'), titles.join(', '));
      assert.ok(titles.includes(`Disable ${SECRET_RULE} for this line`));
      assert.ok(titles.includes(`Show documentation for ${SECRET_RULE}`));
    },
  ],
  [
    'the checklist tree shows factor III with the finding',
    async () => {
      const extension = vscode.extensions.getExtension<{ checklist: FactorTreeProvider }>(EXTENSION_ID);
      assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
      const { checklist } = await extension.activate();
      const config = await until('factor III with a finding', () => {
        const factor = checklist.getChildren().find((node) => node.kind === 'factor' && node.factor.number === 3);
        return factor && checklist.getChildren(factor).length > 0 ? factor : undefined;
      });
      const item = checklist.getTreeItem(config);
      assert.equal(item.label, 'III. Config');
      assert.equal(item.description, '1 finding');
      const [finding] = checklist.getChildren(config) as ChecklistNode[];
      assert.equal(finding.kind === 'finding' && finding.finding.rule, SECRET_RULE);
      assert.equal(checklist.getTreeItem(finding).command?.command, 'vscode.open');
    },
  ],
  [
    'the fix-all command fixes the file and the checklist follows',
    async () => {
      const uri = fileUri('src/index.js');
      await vscode.commands.executeCommand('twelveFactor.fixAll', uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await until('the fixed text', () => document.getText().includes("require('stripe')(process.env.STRIPE_SECRET_KEY)"));
      await until('the secret diagnostic to go', () => secretDiagnostics(uri).length === 0);
      const extension = vscode.extensions.getExtension<{ checklist: FactorTreeProvider }>(EXTENSION_ID)!;
      const { checklist } = await extension.activate();
      await until('factor III to pass', () => checklist.checklist?.factors[2].status === 'pass');
    },
  ],
];

export async function run(): Promise<void> {
  const outcomes: Outcome[] = [];
  for (const [name, scenario] of scenarios) {
    try {
      await scenario();
      outcomes.push({ name, ok: true });
    } catch (error) {
      outcomes.push({ name, ok: false, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
    }
  }
  if (process.env.TFL_VSCODE_RESULT) writeFileSync(process.env.TFL_VSCODE_RESULT, JSON.stringify(outcomes, null, 2));
  const failed = outcomes.filter((outcome) => !outcome.ok);
  if (failed.length > 0) throw new Error(`${failed.length} VS Code API scenario(s) failed:\n${failed.map((outcome) => `${outcome.name}: ${outcome.error}`).join('\n')}`);
}
