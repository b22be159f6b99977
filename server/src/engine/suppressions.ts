import type { OffsetRange } from './types';

export interface CommentText {
  /** The comment without its markers (`//`, `/* *\/`, `#`). */
  readonly value: string;
  readonly range: OffsetRange;
  readonly startLine: number;
  readonly endLine: number;
}

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface Directive {
  readonly kind: DirectiveKind;
  /** Rule ids named by the directive; empty means every rule. */
  readonly ruleIds: readonly string[];
  readonly reason?: string;
  readonly range: OffsetRange;
  readonly line: number;
}

const DIRECTIVE = /^\s*twelve-factor-(disable-next-line|disable-line|disable|enable)(?=\s|$)([^]*)$/;

export function parseDirectives(comments: readonly CommentText[]): Directive[] {
  const directives: Directive[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.value.replace(/^\*+/, ''));
    if (!match) continue;
    const kind = match[1] as DirectiveKind;
    const [list, reason] = splitReason(match[2]);
    const line = kind === 'disable-next-line' ? comment.endLine + 1 : comment.startLine;
    directives.push({ kind, ruleIds: splitRuleIds(list), reason, range: comment.range, line });
  }
  return directives;
}

function splitReason(rest: string): [string, string | undefined] {
  const separator = rest.search(/\s--\s|\s--$/);
  if (separator < 0) return [rest, undefined];
  const reason = rest.slice(separator).replace(/^\s*--\s*/, '').trim();
  return [rest.slice(0, separator), reason || undefined];
}

function splitRuleIds(list: string): string[] {
  return list
    .split(/[\s,]+/)
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
}

/** Answers "is this rule switched off on this line?" and remembers which directives were used. */
export class SuppressionIndex {
  private readonly used = new Set<Directive>();

  constructor(private readonly directives: readonly Directive[]) {}

  isSuppressed(ruleId: string, line: number): boolean {
    const directive = this.findDirective(ruleId, line);
    if (directive) this.used.add(directive);
    return directive !== undefined;
  }

  /** Start offsets of the directives that switched something off. */
  usedOffsets(): number[] {
    return [...this.used].map((directive) => directive.range[0]);
  }

  private findDirective(ruleId: string, line: number): Directive | undefined {
    let block: Directive | undefined;
    for (const directive of this.directives) {
      if (!names(directive, ruleId)) continue;
      if ((directive.kind === 'disable-next-line' || directive.kind === 'disable-line') && directive.line === line) {
        return directive;
      }
      if (directive.line > line) continue;
      if (directive.kind === 'disable') block = directive;
      else if (directive.kind === 'enable') block = undefined;
    }
    return block;
  }
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
}
