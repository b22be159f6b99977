import { CodeActionKind, type CodeAction, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver/node';
import { ServerCommands } from '../../../common/protocol';
import { basename } from 'node:path';
import { LineIndex } from '../engine/lineIndex';
import { isSourceFile } from '../engine/parse';
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
export function quickFixes(path: string, findings: readonly Finding[], diagnostics: readonly Diagnostic[], context: EditContext): CodeAction[] {
  const byKey = new Map(findings.map((finding) => [findingKey(finding), finding]));
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.source !== SOURCE) continue;
    if (diagnostic.code === 'unused-directive') {
      actions.push(removeDirectiveAction(path, diagnostic, context));
      continue;
    }
    const finding = byKey.get((diagnostic.data as DiagnosticData | undefined)?.key ?? '');
    if (!finding) continue;
    if (finding.fix) actions.push({ ...fixAction(finding, finding.fix, context, diagnostic), isPreferred: true });
    for (const suggestion of finding.suggestions) actions.push(fixAction(finding, suggestion, context, diagnostic));
    const disable = disableLineAction(finding, context, diagnostic);
    if (disable) actions.push(disable);
    actions.push(showDocsAction(finding));
  }
  return actions;
}

/** Deletes an unused directive: its whole line when the comment stands alone, else just the comment. */
function removeDirectiveAction(path: string, diagnostic: Diagnostic, context: EditContext): CodeAction {
  const text = context.textOf(path) ?? '';
  const lines = new LineIndex(text);
  const [start, end] = (diagnostic.data as { directive: [number, number] }).directive;
  const line = lines.positionAt(start).line;
  const lineStart = lines.lineStart(line);
  const lineEnd = lineStart + lines.lineText(line).length;
  const alone = text.slice(lineStart, start).trim() === '' && text.slice(end, lineEnd).trim() === '';
  const range: [number, number] = alone ? [lineStart, Math.min(text.length, lines.lineStart(line + 1))] : [text.slice(0, start).trimEnd().length, end];
  return {
    title: 'Remove unused twelve-factor directive',
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: true,
    edit: { documentChanges: [{ textDocument: { uri: toUri(path), version: context.versionOf(path) }, edits: [{ range: lines.rangeOf(range), newText: '' }] }] },
  };
}

function fixAction(finding: Finding, fix: Fix, context: EditContext, diagnostic: Diagnostic): CodeAction {
  return { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: editFor(finding.file, [fix], context) };
}

function disableLineAction(finding: Finding, context: EditContext, diagnostic: Diagnostic): CodeAction | undefined {
  const marker = commentMarker(finding.file);
  if (!marker) return undefined;
  const text = context.textOf(finding.file) ?? '';
  const lines = new LineIndex(text);
  const line = finding.range.start.line;
  const indent = /^[ \t]*/.exec(lines.lineText(line))?.[0] ?? '';
  const at = lines.lineStart(line);
  const edit: WorkspaceEdit = {
    documentChanges: [
      {
        textDocument: { uri: toUri(finding.file), version: context.versionOf(finding.file) },
        edits: [{ range: lines.rangeOf([at, at]), newText: `${indent}${marker} twelve-factor-disable-next-line ${finding.ruleId}\n` }],
      },
    ],
  };
  return { title: `Disable ${finding.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit };
}

/** The line comment of the file's language; JSON has none, so findings there cannot be disabled inline. */
function commentMarker(path: string): string | undefined {
  const name = basename(path);
  if (isSourceFile(path)) return '//';
  if (/\.json$/i.test(name)) return undefined;
  return '#';
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
