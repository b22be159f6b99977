import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ChecklistChangedNotification, ChecklistRequest, type ChecklistFactor, type ChecklistFinding, type ChecklistResult } from '../../../common/protocol';

export type ChecklistNode = { readonly kind: 'factor'; readonly factor: ChecklistFactor } | { readonly kind: 'finding'; readonly finding: ChecklistFinding; readonly factor: ChecklistFactor };

const STATUS_ICONS: Record<string, vscode.ThemeIcon> = {
  pass: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  info: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  'not-checked': new vscode.ThemeIcon('circle-outline'),
};

/**
 * The factor checklist: the twelve factors and their findings, fed only by the server's
 * `twelveFactor/checklist` request and refreshed when it announces a change.
 */
export class FactorTreeProvider implements vscode.TreeDataProvider<ChecklistNode> {
  private readonly changed = new vscode.EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: ChecklistResult | undefined;
  private currentFileOnly = false;

  constructor(private readonly client: LanguageClient) {}

  get totalFindings(): number {
    return this.result?.factors.reduce((sum, factor) => sum + factor.findings.length, 0) ?? 0;
  }

  get checklist(): ChecklistResult | undefined {
    return this.result;
  }

  listen(): vscode.Disposable {
    return this.client.onNotification(ChecklistChangedNotification.method, () => void this.refresh());
  }

  setCurrentFileOnly(value: boolean): void {
    this.currentFileOnly = value;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const uri = this.currentFileOnly ? vscode.window.activeTextEditor?.document.uri.toString() : undefined;
    this.result = await this.client.sendRequest<ChecklistResult>(ChecklistRequest.method, { uri });
    this.changed.fire(undefined);
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (!this.result) return [];
    if (!node) return this.result.factors.map((factor) => ({ kind: 'factor', factor }));
    if (node.kind === 'factor') return node.factor.findings.map((finding) => ({ kind: 'finding', finding, factor: node.factor }));
    return [];
  }

  getTreeItem(node: ChecklistNode): vscode.TreeItem {
    return node.kind === 'factor' ? factorItem(node.factor) : findingItem(node.finding);
  }
}

function factorItem(factor: ChecklistFactor): vscode.TreeItem {
  const count = factor.findings.length;
  const item = new vscode.TreeItem(`${factor.roman}. ${factor.title}`, count > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  const worst = factor.counts.error > 0 ? 'error' : factor.counts.warning > 0 ? 'warning' : factor.counts.info > 0 ? 'info' : factor.status;
  item.iconPath = STATUS_ICONS[worst];
  item.description = factor.status === 'not-checked' ? 'not checked' : count > 0 ? `${count} finding${count === 1 ? '' : 's'}` : 'pass';
  item.tooltip = new vscode.MarkdownString(`**${factor.roman}. ${factor.title}**\n\n${factor.summary}`);
  item.contextValue = count > 0 && factor.findings.every((finding) => finding.fixable) ? 'factor-fixable' : 'factor';
  item.id = `factor-${factor.number}`;
  return item;
}

function findingItem(finding: ChecklistFinding): vscode.TreeItem {
  const uri = vscode.Uri.parse(finding.uri);
  const line = finding.range.start.line + 1;
  const item = new vscode.TreeItem(finding.message);
  item.description = `${vscode.workspace.asRelativePath(uri)}:${line}`;
  item.tooltip = `${finding.rule}: ${finding.message}`;
  item.iconPath = STATUS_ICONS[finding.severity];
  item.contextValue = finding.fixable ? 'finding-fixable' : 'finding';
  const range = new vscode.Range(finding.range.start.line, finding.range.start.character, finding.range.end.line, finding.range.end.character);
  item.command = { title: 'Open finding', command: 'vscode.open', arguments: [uri, { selection: range }] };
  return item;
}
