import type { Change, OffsetRange } from '../engine/types';

export interface TextEdit {
  readonly range: OffsetRange;
  readonly text: string;
}

/** The edits a fix makes to one file; `create` when the file does not exist yet. */
export interface FileEdits {
  readonly path: string;
  readonly create: boolean;
  readonly edits: TextEdit[];
}

/**
 * Turns rules' abstract changes into text edits per file. `readText` returns a file's current
 * text or undefined when it does not exist. Edits that overlap an earlier one are dropped, so
 * applying many fixes at once never garbles a file.
 */
export function resolveChanges(
  file: string,
  changes: readonly Change[],
  readText: (path: string) => string | undefined,
): FileEdits[] {
  const byFile = new Map<string, FileEdits>();
  const editsOf = (path: string, create: boolean) => {
    let entry = byFile.get(path);
    if (!entry) byFile.set(path, (entry = { path, create, edits: [] }));
    return entry;
  };
  const missingKeys = new Map<string, string[]>();
  for (const change of changes) {
    if (change.type === 'replace') {
      const target = editsOf(file, false);
      if (!target.edits.some((edit) => overlaps(edit.range, change.range))) target.edits.push({ range: change.range, text: change.text });
      continue;
    }
    const keys = missingKeys.get(change.file) ?? [];
    missingKeys.set(change.file, keys);
    const text = readText(change.file);
    if (!keys.includes(change.key) && !(text !== undefined && hasEnvKey(text, change.key))) keys.push(change.key);
  }
  for (const [path, keys] of missingKeys) {
    if (keys.length === 0) continue;
    const text = readText(path);
    const end = text?.length ?? 0;
    const separator = text && !text.endsWith('\n') ? '\n' : '';
    editsOf(path, text === undefined).edits.push({ range: [end, end], text: `${separator}${keys.map((key) => `${key}=\n`).join('')}` });
  }
  return [...byFile.values()];
}

export function hasEnvKey(text: string, key: string): boolean {
  return new RegExp(`^\\s*(?:export\\s+)?${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=`, 'm').test(text);
}

function overlaps(a: OffsetRange, b: OffsetRange): boolean {
  return a[0] < b[1] && b[0] < a[1];
}

/** Applies edits to a text, from the end backwards so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.range[0] - a.range[0] || b.range[1] - a.range[1]);
  let result = text;
  for (const edit of sorted) result = result.slice(0, edit.range[0]) + edit.text + result.slice(edit.range[1]);
  return result;
}
