import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type TextDocumentEdit,
  type CreateFile,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { factorByNumber } from '../../../common/factors';
import { LineIndex } from '../engine/lineIndex';
import type { Finding, Range, Severity } from '../engine/types';
import { findRule } from '../rules';
import type { DirectiveProblem } from '../workspace/directives';
import type { FileEdits } from '../workspace/edits';

export const SOURCE = 'twelve-factor';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What travels in `Diagnostic.data`, so a code action request can find its finding again. */
export interface DiagnosticData {
  readonly factor: number;
  readonly key: string;
}

export function findingKey(finding: Finding): string {
  return `${finding.ruleId}@${finding.offsets[0]}-${finding.offsets[1]}:${finding.messageId}`;
}

export function toDiagnostic(finding: Finding): Diagnostic {
  const factor = factorByNumber(finding.factor)!;
  const data: DiagnosticData = { factor: finding.factor, key: findingKey(finding) };
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    source: SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrlOf(finding) },
    message: `${finding.message} (${factor.roman}. ${factor.title})`,
    data,
  };
}

export function docsUrlOf(finding: { ruleId: string }): string {
  return findRule(finding.ruleId)?.docsUrl ?? '';
}

/** Unknown rule ids warn; unused directives are shown faded, as unnecessary code, with a fix to remove them. */
export function toDirectiveDiagnostic(problem: DirectiveProblem): Diagnostic {
  const unused = problem.kind === 'unused-directive';
  return {
    range: problem.range,
    severity: unused ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
    source: SOURCE,
    code: problem.kind,
    message: problem.message,
    tags: unused ? [DiagnosticTag.Unnecessary] : undefined,
    data: { directive: problem.directive },
  };
}

/** Tells the user why a file has no findings right now instead of silently showing none. */
export function noticeDiagnostic(range: Range, message: string, severity: DiagnosticSeverity = DiagnosticSeverity.Information): Diagnostic {
  return { range, severity, source: SOURCE, code: 'skipped', message };
}

export function toUri(path: string): string {
  return URI.file(path).toString();
}

export function toPath(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  return parsed.scheme === 'file' ? parsed.fsPath : undefined;
}

/**
 * Builds a WorkspaceEdit with document changes: edits to open documents are pinned to their
 * version, and a missing `.env.example` is created before it is written.
 */
export function toWorkspaceEdit(files: readonly FileEdits[], textOf: (path: string) => string | undefined, versionOf: (path: string) => number | null): WorkspaceEdit {
  const creates: CreateFile[] = files.filter((file) => file.create).map((file) => ({ kind: 'create', uri: toUri(file.path), options: { ignoreIfExists: true } }));
  const documentChanges: (TextDocumentEdit | CreateFile)[] = [...creates];
  for (const file of files) {
    const uri = toUri(file.path);
    const lines = new LineIndex(textOf(file.path) ?? '');
    documentChanges.push({
      textDocument: { uri, version: file.create ? null : versionOf(file.path) },
      edits: file.edits.map((edit) => ({ range: lines.rangeOf(edit.range), newText: edit.text })),
    });
  }
  return { documentChanges };
}
