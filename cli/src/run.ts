import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FACTORS } from '../../common/factors';
import { RULES } from '../../server/src/rules';
import type { Finding } from '../../server/src/engine/types';
import { HELP, parseCliArgs, UsageError, type CliOptions, type OutputFormat } from './args';
import { applyFixes } from './fix';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { Formatter } from './formatters/types';
import { lintPaths, type RootReport } from './lint';

export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly stderrIsTty: boolean;
  readonly stdoutIsTty: boolean;
  readonly version: string;
}

const FORMATTERS: Record<OutputFormat, Formatter> = { text: formatStylish, json: formatJson, sarif: formatSarif };

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv, io.env, io.stdoutIsTty);
    const unknown = options.rules.filter((id) => !RULES.some((rule) => rule.id === id));
    if (unknown.length > 0) throw new UsageError(`Unknown rule ${unknown.join(', ')}: see --list-rules.`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`twelve-factor-lint: ${error.message}\n\n${HELP}\n`);
    return EXIT.usage;
  }
  if (options.help) return io.stdout(`${HELP}\n`), EXIT.clean;
  if (options.version) return io.stdout(`${io.version}\n`), EXIT.clean;
  if (options.listRules) return io.stdout(listRules()), EXIT.clean;

  let reports: RootReport[];
  try {
    reports = await lintPaths(options.paths.map((path) => resolvePath(io.cwd, path)), { only: options.rules.length > 0 ? options.rules : undefined }, progressReporter(io));
  } catch (error) {
    io.stderr(`twelve-factor-lint: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  if (options.fix) {
    const fixed = applyFixes(reports.flatMap((report) => report.findings));
    io.stderr(`Fixed ${fixed} finding(s); scanning again.\n`);
    reports = await lintPaths(options.paths.map((path) => resolvePath(io.cwd, path)), { only: options.rules.length > 0 ? options.rules : undefined });
  }
  const shown = options.quiet ? reports.map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === 'error') })) : reports;
  const output = FORMATTERS[options.format]({ reports: shown, cwd: io.cwd, color: options.color && !options.output, verbose: options.verbose, version: io.version });
  if (options.output) writeFileSync(resolvePath(io.cwd, options.output), output);
  else io.stdout(output);
  return exitCode(shown.flatMap((report) => report.findings), options.maxWarnings);
}

function exitCode(findings: readonly Finding[], maxWarnings: number | undefined): number {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length;
  if (errors > 0) return EXIT.findings;
  if (maxWarnings === undefined) return warnings > 0 ? EXIT.findings : EXIT.clean;
  return warnings > maxWarnings ? EXIT.findings : EXIT.clean;
}

function listRules(): string {
  const lines = FACTORS.flatMap((factor) => {
    const rules = RULES.filter((rule) => rule.factor === factor.number);
    if (rules.length === 0) return [];
    return [`${factor.roman}. ${factor.title}`, ...rules.map((rule) => `  ${rule.id.padEnd(44)} ${rule.severity.padEnd(8)} ${rule.fixable ? 'fixable ' : '        '}${rule.description}`)];
  });
  return `${lines.join('\n')}\n`;
}

function progressReporter(io: CliIo) {
  if (!io.stderrIsTty) return undefined;
  return (root: string, progress: { done: number; total: number }) => {
    io.stderr(`\rScanning ${root}: ${progress.done}/${progress.total}${progress.done === progress.total ? '\n' : ''}`);
  };
}

function resolvePath(cwd: string, path: string): string {
  return resolve(cwd, path);
}
