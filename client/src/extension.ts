import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerCommands } from '../../common/protocol';
import { FactorTreeProvider, type ChecklistNode } from './checklist/factorTree';
import { createClient } from './client';
import { StatusItem } from './statusItem';

let client: LanguageClient | undefined;

/** Wires the client, the checklist, the status bar and the commands; all analysis happens in the server. */
export async function activate(context: vscode.ExtensionContext): Promise<{ client: LanguageClient; checklist: FactorTreeProvider }> {
  const output = vscode.window.createOutputChannel('Twelve-Factor', { log: true });
  client = createClient(context, output);
  const checklist = new FactorTreeProvider(client);
  const view = vscode.window.createTreeView('twelveFactor.checklist', { treeDataProvider: checklist, showCollapseAll: true });
  const status = new StatusItem(client, checklist);
  const refresh = async () => {
    await checklist.refresh();
    view.badge = checklist.totalFindings > 0 ? { value: checklist.totalFindings, tooltip: `${checklist.totalFindings} twelve-factor findings` } : undefined;
    status.update();
  };
  checklist.onDidChangeTreeData(() => {
    view.badge = checklist.totalFindings > 0 ? { value: checklist.totalFindings, tooltip: `${checklist.totalFindings} twelve-factor findings` } : undefined;
    status.update();
  });
  context.subscriptions.push(
    output,
    view,
    status,
    vscode.commands.registerCommand('twelveFactor.scanWorkspace', () => client?.sendRequest('workspace/executeCommand', { command: ServerCommands.scanWorkspace, arguments: [] })),
    vscode.commands.registerCommand('twelveFactor.fixAll', (uri?: vscode.Uri) => fixAll(uri ?? vscode.window.activeTextEditor?.document.uri)),
    vscode.commands.registerCommand('twelveFactor.fixFactor', (node?: ChecklistNode) => fixFactor(node)),
    vscode.commands.registerCommand('twelveFactor.openFactorDocs', (node?: ChecklistNode) => node && vscode.env.openExternal(vscode.Uri.parse(node.factor.docsUrl))),
    vscode.commands.registerCommand('twelveFactor.restartServer', async () => {
      await client?.restart();
      await refresh();
    }),
    vscode.commands.registerCommand('twelveFactor.showOutput', () => output.show()),
    vscode.commands.registerCommand('twelveFactor.showCurrentFile', () => setScope(checklist, true)),
    vscode.commands.registerCommand('twelveFactor.showWorkspace', () => setScope(checklist, false)),
    vscode.commands.registerCommand('twelveFactor.openChecklist', () => vscode.commands.executeCommand('twelveFactor.checklist.focus')),
    vscode.window.onDidChangeActiveTextEditor(() => void checklist.refresh()),
    // The panel also follows the diagnostics the user sees, should a change notification be missed.
    vscode.languages.onDidChangeDiagnostics(debounce(() => void checklist.refresh(), 200)),
  );
  await client.start();
  context.subscriptions.push(checklist.listen(), { dispose: () => void client?.stop() });
  await refresh();
  return { client, checklist };
}

async function fixAll(uri: vscode.Uri | undefined): Promise<void> {
  if (!uri || !client) return;
  await client.sendRequest('workspace/executeCommand', { command: ServerCommands.fixAll, arguments: [uri.toString()] });
}

/** Fixes every finding of one factor, file by file, through the server's fix-all for each file. */
async function fixFactor(node: ChecklistNode | undefined): Promise<void> {
  if (!node || node.kind !== 'factor') return;
  for (const uri of new Set(node.factor.findings.map((finding) => finding.uri))) await fixAll(vscode.Uri.parse(uri));
}

function setScope(checklist: FactorTreeProvider, currentFileOnly: boolean): void {
  void vscode.commands.executeCommand('setContext', 'twelveFactor.currentFileOnly', currentFileOnly);
  checklist.setCurrentFileOnly(currentFileOnly);
}

function debounce(action: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, delayMs);
  };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
