import { LineIndex } from '../engine/lineIndex';
import type { Directive } from '../engine/suppressions';
import type { OffsetRange, Range } from '../engine/types';
import { findRule } from '../rules';

/** A suppression directive that is wrong (names an unknown rule) or useless (silences nothing). */
export interface DirectiveProblem {
  readonly file: string;
  readonly kind: 'unknown-rule' | 'unused-directive';
  readonly message: string;
  readonly offsets: OffsetRange;
  readonly range: Range;
  /** The whole directive comment, for the quick fix that removes it. */
  readonly directive: OffsetRange;
}

export function findDirectiveProblems(
  file: string,
  text: string,
  directives: readonly Directive[],
  used: ReadonlySet<number>,
  reportUnused: boolean,
): DirectiveProblem[] {
  const lines = new LineIndex(text);
  const problems: DirectiveProblem[] = [];
  const add = (kind: DirectiveProblem['kind'], message: string, directive: Directive) =>
    problems.push({ file, kind, message, offsets: directive.range, range: lines.rangeOf(directive.range), directive: directive.range });
  for (const directive of directives) {
    const unknown = directive.ruleIds.filter((id) => !findRule(id));
    if (unknown.length > 0) add('unknown-rule', `Unknown rule ${unknown.map((id) => `"${id}"`).join(', ')} in a twelve-factor directive: run twelve-factor-lint --list-rules for the ids.`, directive);
    else if (reportUnused && directive.kind !== 'enable' && !used.has(directive.range[0])) {
      add('unused-directive', `Unused twelve-factor-${directive.kind} directive: nothing here is reported${directive.ruleIds.length > 0 ? ` by ${directive.ruleIds.join(', ')}` : ''}.`, directive);
    }
  }
  return problems;
}
