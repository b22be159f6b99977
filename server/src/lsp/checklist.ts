import { FACTORS } from '../../../common/factors';
import type { ChecklistFactor, ChecklistFinding, ChecklistResult } from '../../../common/protocol';
import type { Finding } from '../engine/types';
import type { Workspace } from '../workspace/workspace';
import { toUri } from './convert';

/**
 * The twelve factors with their state. A factor is "pass" only when at least one of its rules
 * ran over a finished scan and found nothing; with no rule for it, it is "not checked".
 */
export function buildChecklist(workspaces: readonly Workspace[], scanning: boolean, onlyUri?: string): ChecklistResult {
  const findings = workspaces.flatMap((workspace) => [...workspace.allFindings().values()].flat());
  // A factor passes only when one of its rules had something to examine; a rule with nothing to read proves nothing.
  const examined = new Set(workspaces.flatMap((workspace) => [...workspace.examinedRules()]));
  const activeFactors = new Set(workspaces.flatMap((workspace) => workspace.activeRules.filter((active) => examined.has(active.rule.id)).map((active) => active.rule.factor)));
  const factors = FACTORS.map((factor): ChecklistFactor => {
    const own = findings.filter((finding) => finding.factor === factor.number);
    const shown = onlyUri ? own.filter((finding) => toUri(finding.file) === onlyUri) : own;
    const checked = activeFactors.has(factor.number) && (!scanning || own.length > 0);
    return {
      number: factor.number,
      roman: factor.roman,
      title: factor.title,
      summary: factor.rule,
      // Our factor slugs are the methodology's own page names.
      docsUrl: `https://12factor.net/${factor.slug}`,
      status: shown.length > 0 ? 'findings' : checked ? 'pass' : 'not-checked',
      counts: {
        error: shown.filter((finding) => finding.severity === 'error').length,
        warning: shown.filter((finding) => finding.severity === 'warning').length,
        info: shown.filter((finding) => finding.severity === 'info').length,
      },
      findings: shown.map(toChecklistFinding),
    };
  });
  return { factors, scanning };
}

function toChecklistFinding(finding: Finding): ChecklistFinding {
  return {
    uri: toUri(finding.file),
    range: finding.range,
    message: finding.message,
    rule: finding.ruleId,
    severity: finding.severity,
    fixable: finding.fix !== undefined,
  };
}
