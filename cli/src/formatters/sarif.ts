import type { Log, ReportingDescriptor, Result, Run } from 'sarif';
import { pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';
import { factorByNumber } from '../../../common/factors';
import type { Rule } from '../../../server/src/engine/rule';
import type { Finding, Severity } from '../../../server/src/engine/types';
import { fingerprintsOf } from '../../../server/src/workspace/fingerprint';
import type { RootReport } from '../lint';
import type { FormatContext } from './types';

const INFORMATION_URI = 'https://github.com/twelve-factor-lint/twelve-factor-lint';
const LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', info: 'note' };
/** Leaked credentials are security findings; GitHub code scanning ranks them by this score. */
const SECURITY_SEVERITY: Readonly<Record<string, string>> = { 'config/no-hardcoded-secret': '8.0' };

/** SARIF 2.1.0, one run per scanned project, with URIs relative to that project's root. */
export function formatSarif(context: FormatContext): string {
  const log: Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: context.reports.map((report) => toRun(report, context.version)),
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toRun(report: RootReport, version: string): Run {
  const rules = report.workspace.activeRules.map((active) => active.rule);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  return {
    tool: { driver: { name: 'twelve-factor-lint', version, semanticVersion: version, informationUri: INFORMATION_URI, rules: rules.map((rule, index) => toDescriptor(rule, report.workspace.activeRules[index].severity)) } },
    originalUriBaseIds: { PROJECTROOT: { uri: `${pathToFileURL(report.root).href.replace(/\/?$/, '/')}` } },
    results: toResults(report, ruleIndex),
    invocations: [
      {
        executionSuccessful: report.failures.length === 0,
        toolExecutionNotifications: [
          ...report.skipped.map((file) => ({ level: 'note' as const, message: { text: `Skipped ${relativeUri(report.root, file.path)}: ${file.reason}` } })),
          ...report.problems.map((problem) => ({ level: 'warning' as const, message: { text: `${relativeUri(report.root, problem.file)}: ${problem.message}` } })),
          ...report.failures.map((failure) => ({ level: 'error' as const, message: { text: `Rule ${failure.ruleId} failed on ${relativeUri(report.root, failure.file)}: ${failure.message}` } })),
          ...report.directiveProblems.map((problem) => ({
            level: 'warning' as const,
            message: { text: problem.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(report.root, problem.file), uriBaseId: 'PROJECTROOT' }, region: toRegion(problem) } }],
          })),
        ],
      },
    ],
    columnKind: 'utf16CodeUnits',
  };
}

function toDescriptor(rule: Rule, severity: Severity): ReportingDescriptor {
  const factor = factorByNumber(rule.factor)!;
  const securitySeverity = SECURITY_SEVERITY[rule.id];
  return {
    id: rule.id,
    name: rule.id.split('/')[1].replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase()).replace(/^\w/, (letter) => letter.toUpperCase()),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description} Factor ${factor.roman} (${factor.title}): ${factor.rule}` },
    helpUri: rule.docsUrl,
    help: {
      text: `${rule.description}\n\nFactor ${factor.roman}, ${factor.title}: ${factor.rule}\n\nDocumentation: ${rule.docsUrl}`,
      markdown: `${rule.description}\n\n**Factor ${factor.roman}, ${factor.title}:** ${factor.rule}\n\n[Rule documentation](${rule.docsUrl})`,
    },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: {
      factor: rule.factor,
      tags: ['twelve-factor', `factor-${factor.roman}`, factor.slug, ...(securitySeverity ? ['security'] : [])],
      ...(securitySeverity ? { 'security-severity': securitySeverity } : {}),
    },
  };
}

function toResults(report: RootReport, ruleIndex: Map<string, number>): Result[] {
  const fingerprints = fingerprintsOf(report.findings, report.root);
  return report.findings.map((finding, index) => ({
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(report.root, finding.file), uriBaseId: 'PROJECTROOT' }, region: toRegion(finding) } }],
    partialFingerprints: { 'twelveFactorFingerprint/v1': fingerprints[index] },
    properties: { factor: finding.factor },
  }));
}

function toRegion(located: { readonly range: Finding['range'] }) {
  return {
    startLine: located.range.start.line + 1,
    startColumn: located.range.start.character + 1,
    endLine: located.range.end.line + 1,
    endColumn: located.range.end.character + 1,
  };
}

function relativeUri(root: string, file: string): string {
  return relative(root, file).split(sep).map(encodeURIComponent).join('/');
}
