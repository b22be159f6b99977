import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { FactorNumber } from '../../../common/factors';

export type Node = TSESTree.Node;
export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

/** Zero-based line and UTF-16 column, as LSP counts them. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** Half-open offsets into a file's text. */
export type OffsetRange = readonly [start: number, end: number];

/**
 * One edit of a fix. Rules stay pure: an edit to another file names what it wants
 * (`ensureEnvKey`) and the host that owns the file system turns it into text edits.
 */
export type Change =
  | { readonly type: 'replace'; readonly range: OffsetRange; readonly text: string }
  | { readonly type: 'ensureEnvKey'; readonly file: string; readonly key: string };

export interface Fix {
  readonly title: string;
  readonly changes: readonly Change[];
}

export interface Finding {
  readonly ruleId: string;
  readonly factor: FactorNumber;
  readonly severity: Severity;
  readonly messageId: string;
  readonly message: string;
  /** Absolute path of the file the finding is in. */
  readonly file: string;
  readonly offsets: OffsetRange;
  readonly range: Range;
  /** A safe fix, applied by fix-all and `--fix`. */
  readonly fix?: Fix;
  /** Fixes that change behaviour and need a human to choose them. */
  readonly suggestions: readonly Fix[];
}
