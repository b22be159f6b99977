import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { FactorTreeProvider } from './checklist/factorTree';

/** Server state and finding count at a glance; a click opens the checklist. */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('twelveFactor.status', vscode.StatusBarAlignment.Left, 10);
  private readonly stateListener: vscode.Disposable;

  constructor(
    private readonly client: LanguageClient,
    private readonly checklist: FactorTreeProvider,
  ) {
    this.item.name = 'Twelve-Factor';
    this.item.command = 'twelveFactor.openChecklist';
    this.stateListener = client.onDidChangeState(() => this.update());
    this.update();
    this.item.show();
  }

  update(): void {
    const state = this.client.state;
    if (state === State.Starting) this.show('$(sync~spin) 12factor: starting', 'The twelve-factor server is starting.');
    else if (state === State.Stopped) this.show('$(error) 12factor: stopped', 'The twelve-factor server stopped. Run "Twelve-Factor: Restart Server".');
    else if (this.checklist.checklist?.scanning) this.show('$(sync~spin) 12factor: scanning', 'Scanning the workspace.');
    else this.show(`$(checklist) 12factor: ${this.checklist.totalFindings}`, `${this.checklist.totalFindings} twelve-factor findings. Click to open the checklist.`);
  }

  private show(text: string, tooltip: string): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
  }

  dispose(): void {
    this.stateListener.dispose();
    this.item.dispose();
  }
}
