import type { ActiveRule } from '../engine/linter';
import type { RuleSetting } from '../config/types';
import { findRule } from '../rules';

/** Turns plain rule settings (which can cross to a worker) into the rules that run. */
export function toActiveRules(settings: readonly RuleSetting[]): ActiveRule[] {
  const active: ActiveRule[] = [];
  for (const setting of settings) {
    const rule = findRule(setting.id);
    if (rule && setting.severity !== 'off') active.push({ rule, severity: setting.severity, options: setting.options });
  }
  return active;
}
