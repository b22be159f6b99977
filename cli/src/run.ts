import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { FACTORS } from '../../common/factors';
import { parseConfigText } from '../../server/src/config/load';
import type { ConfigLayer } from '../../server/src/config/resolve';
import { projectRootOf } from '../../server/src/project/root';
import { RULES } from '../../server/src/rules';
import { Workspace } from '../../server/src/workspace/workspace';
import { HELP, parseCliArgs, UsageError, type CliOptions, type OutputFormat } from './args';
import { applyBaseline, writeBaseline } from './baseline';
import { changedFiles } from './changed';
import { applyFixes } from './fix';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import type { Formatter } from './formatters/types';
import { lintPaths, lintText, type LintOptions, type RootReport } from './lint';


export interface CliIo {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly stderrIsTty: boolean;
  readonly stdoutIsTty: boolean;
  readonly version: string;
}

const FORMATTERS: Record<OutputFormat, Formatter> = { text: formatStylish, json: formatJson, sarif: formatSarif };

export const EXIT = { clean: 0, findings: 1, usage: 2 } as const;

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let options: CliOptions;
  let lintOptions: LintOptions;
  try {
    options = parseCliArgs(argv, io.env, io.stdoutIsTty);
    lintOptions = lintOptionsOf(options, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`twelve-factor-lint: ${error.message}\n\n${HELP}\n`);
    return EXIT.usage;
  }
  if (options.help) return io.stdout(`${HELP}\n`), EXIT.clean;
  if (options.version) return io.stdout(`${io.version}\n`), EXIT.clean;
  if (options.listRules) return io.stdout(listRules()), EXIT.clean;
  try {
    if (options.printConfig) return io.stdout(await printConfig(resolve(io.cwd, options.printConfig), lintOptions)), EXIT.clean;
    let reports = await lint(options, lintOptions, io);
    if (options.fix) {
      io.stderr(`Fixed ${applyFixes(reports.flatMap((report) => report.findings))} finding(s); scanning again.\n`);
      reports = await lint(options, lintOptions, io);
    }
    if (options.writeBaseline) {
      io.stderr(`Wrote ${writeBaseline(resolve(io.cwd, options.writeBaseline), reports)} finding(s) to the baseline ${options.writeBaseline}.\n`);
      return EXIT.clean;
    }
    if (options.baseline) reports = applyBaseline(resolve(io.cwd, options.baseline), reports);
    if (options.quiet) reports = reports.map((report) => ({ ...report, findings: report.findings.filter((finding) => finding.severity === 'error') }));
    const output = FORMATTERS[options.format]({ reports, cwd: io.cwd, color: options.color && !options.output, verbose: options.verbose, version: io.version });
    if (options.output) writeFileSync(resolve(io.cwd, options.output), output);
    else io.stdout(output);
    return exitCode(reports, options.maxWarnings);
  } catch (error) {
    io.stderr(`twelve-factor-lint: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
}

function lintOptionsOf(options: CliOptions, io: CliIo): LintOptions {
  const unknown = options.rules.filter((id) => !RULES.some((rule) => rule.id === id));
  if (unknown.length > 0) throw new UsageError(`Unknown rule ${unknown.join(', ')}: see --list-rules.`);
  const layer: ConfigLayer = { only: options.rules.length > 0 ? options.rules : undefined, data: options.config ? readConfigFile(resolve(io.cwd, options.config)) : undefined };
  return {
    layer,
    concurrency: options.concurrency,
    reportUnusedDirectives: options.reportUnusedDisableDirectives,
    onlyFiles: options.changedSince ? (root) => changedFiles(root, options.changedSince!) : undefined,
    onProgress: io.stderrIsTty ? (root, progress) => io.stderr(`\rScanning ${root}: ${progress.done}/${progress.total}${progress.done === progress.total ? '\n' : ''}`) : undefined,
  };
}

function readConfigFile(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --config ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { data, errors } = parseConfigText(path, text);
  if (errors.length > 0) throw new UsageError(`Invalid config ${path}:\n${errors.map((error) => `  ${error.path || '(root)'}: ${error.message}`).join('\n')}`);
  return data;
}

async function lint(options: CliOptions, lintOptions: LintOptions, io: CliIo): Promise<RootReport[]> {
  if (!options.stdin) return lintPaths(options.paths.map((path) => resolve(io.cwd, path)), lintOptions);
  const path = resolve(io.cwd, options.stdinFilename ?? '<stdin>.js');
  return [await lintText(await io.readStdin(), path, lintOptions)];
}

async function printConfig(file: string, options: LintOptions): Promise<string> {
  const workspace = await Workspace.open(projectRootOf(dirname(file)), options);
  const rules = Object.fromEntries(workspace.settingsFor(file).map((setting) => [setting.id, setting.options ? [setting.severity, setting.options] : setting.severity]));
  const config = { file, analysed: workspace.accepts(file), configFiles: workspace.configSources.map((source) => source.path), rules };
  return `${JSON.stringify(config, null, 2)}\n`;
}

function exitCode(reports: readonly RootReport[], maxWarnings: number | undefined): number {
  const findings = reports.flatMap((report) => report.findings);
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const warnings = findings.filter((finding) => finding.severity === 'warning').length + reports.reduce((sum, report) => sum + report.directiveProblems.length, 0);
  if (errors > 0) return EXIT.findings;
  return warnings > (maxWarnings ?? 0) ? EXIT.findings : EXIT.clean;
}

function listRules(): string {
  const lines = FACTORS.flatMap((factor) => {
    const rules = RULES.filter((rule) => rule.factor === factor.number);
    if (rules.length === 0) return [];
    return [`${factor.roman}. ${factor.title}`, ...rules.map((rule) => `  ${rule.id.padEnd(48)} ${rule.severity.padEnd(8)} ${rule.fixable ? 'fixable ' : '        '}${rule.description}`)];
  });
  return `${lines.join('\n')}\n`;
}
