import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { ServerCommands } from '../../../common/protocol';
import { LineIndex } from '../engine/lineIndex';
import type { Finding, Fix } from '../engine/types';
import { resolveChanges } from '../workspace/edits';
import { docsUrlOf, findingKey, SOURCE, toUri, toWorkspaceEdit, type DiagnosticData } from './convert';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.twelveFactor`;

/** Reads files for edits: open documents first, then the disk. */
export interface EditContext {
  readonly textOf: (path: string) => string | undefined;
  readonly versionOf: (path: string) => number | null;
}

/** The quick fixes for the diagnostics the client sent back, matched to findings by their key. */
export function quickFixes(findings: readonly Finding[], diagnostics: readonly Diagnostic[], context: EditContext): CodeAction[] {
  const byKey = new Map(findings.map((finding) => [findingKey(finding), finding]));
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    const finding = byKey.get((diagnostic.data as DiagnosticData | undefined)?.key ?? '');
    if (!finding) continue;
    if (finding.fix) actions.push({ ...fixAction(finding, finding.fix, context, diagnostic), isPreferred: true });
    for (const suggestion of finding.suggestions) actions.push(fixAction(finding, suggestion, context, diagnostic));
    actions.push(disableLineAction(finding, context, diagnostic), showDocsAction(finding));
  }
  return actions;
}

function fixAction(finding: Finding, fix: Fix, context: EditContext, diagnostic: Diagnostic): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(finding.file, [fix], context) };
}

function disableLineAction(finding: Finding, context: EditContext, diagnostic: Diagnostic): CodeAction {
  const text = context.textOf(finding.file) ?? '';
  const lines = new LineIndex(text);
  const line = finding.range.start.line;
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  const at = lines.lineStart(line);
  const edit: WorkspaceEdit = {
    documentChanges: [
      {
        textDocument: { uri: toUri(finding.file), version: context.versionOf(finding.file) },
        edits: [{ range: lines.rangeOf([at, at]), newText: `${indent}// twelve-factor-disable-next-line ${finding.ruleId}\n` }],
      },
    ],
  };
  return { title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

function showDocsAction(finding: Finding): CodeAction {
  const title = `Show documentation for ${finding.ruleId}`;
  return { title, kind: CodeActionKind.QuickFix, command: { title, command: ServerCommands.showDocumentation, arguments: [docsUrlOf(finding)] } };
}

/** Every safe fix in the file at once; overlapping edits are left for a second pass. */
export function fixAllEdit(path: string, findings: readonly Finding[], context: EditContext): WorkspaceEdit | undefined {
  const fixes = findings.flatMap((finding) => (finding.fix ? [finding.fix] : []));
  return fixes.length > 0 ? editFor(path, fixes, context) : undefined;
}

function editFor(path: string, fixes: readonly Fix[], context: EditContext): WorkspaceEdit {
  const files = resolveChanges(path, fixes.flatMap((fix) => fix.changes), context.textOf);
  return toWorkspaceEdit(files, context.textOf, context.versionOf);
}
