import type { ActiveRule } from '../engine/linter';
import type { SeveritySetting } from '../engine/types';
import { RULES } from '../rules';

/** Which rules run and how loudly; plain data, so it can be sent to scan workers. */
export interface RuleSelection {
  /** Rule id → severity; rules not named keep their default. */
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Run only these rules. */
  readonly only?: readonly string[];
}

export function activeRulesFor(selection: RuleSelection): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const rule of RULES) {
    if (selection.only && !selection.only.includes(rule.id)) continue;
    const severity = selection.severities?.[rule.id] ?? rule.severity;
    if (severity !== 'off') active.push({ rule, severity });
  }
  return active;
}
