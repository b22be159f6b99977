import { parseArgs } from 'node:util';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CliOptions {
  readonly paths: readonly string[];
  readonly format: OutputFormat;
  readonly output?: string;
  readonly listRules: boolean;
  readonly quiet: boolean;
  readonly maxWarnings?: number;
  readonly rules: readonly string[];
  readonly fix: boolean;
  readonly color: boolean;
  readonly verbose: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly config?: string;
  readonly printConfig?: string;
  readonly baseline?: string;
  readonly writeBaseline?: string;
  readonly reportUnusedDisableDirectives: boolean;
  readonly stdin: boolean;
  readonly stdinFilename?: string;
  readonly changedSince?: string;
  readonly concurrency: number | 'auto';
}

export class UsageError extends Error {}

export const HELP = `Usage: twelve-factor-lint [options] [paths...]

Finds violations of the Twelve-Factor App methodology in Node.js services.

Options:
  -f, --format <text|json|sarif>  Output format (default: text)
  -o, --output <file>             Write the report to a file instead of stdout
      --fix                       Apply safe fixes to the files
  -c, --config <file>             Use this config file on top of the project's own
      --print-config <file>       Print the effective configuration for a file and exit
      --rule <id>                 Run only this rule (repeatable)
      --baseline <file>           Report only findings that are not in the baseline
      --write-baseline <file>     Record today's findings as the baseline and exit 0
      --report-unused-disable-directives
                                  Report directives that silence nothing
      --stdin                     Lint text from standard input
      --stdin-filename <path>     The path the standard input stands for
      --changed-since <git-ref>   Report only files changed since a git ref (and untracked files)
      --concurrency <n|auto|off>  Worker threads for large scans (default: auto, which
                                  uses them for 1000+ files to parse on 3+ cores)
      --list-rules                List every rule with its factor and exit
      --quiet                     Report errors only
      --max-warnings <n>          Exit 1 when there are more than n warnings
      --color / --no-color        Force colour on or off (NO_COLOR is honoured)
      --verbose                   List skipped files and why
  -h, --help                      Show this help
  -v, --version                   Print the version

Exit codes: 0 no findings of warning or error severity (or within --max-warnings),
            1 findings over the threshold, 2 usage or config error, or a crash.`;

export function parseCliArgs(argv: readonly string[], env: NodeJS.ProcessEnv, isTty: boolean): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f', default: 'text' },
        output: { type: 'string', short: 'o' },
        'list-rules': { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        rule: { type: 'string', multiple: true, default: [] },
        fix: { type: 'boolean', default: false },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        config: { type: 'string', short: 'c' },
        'print-config': { type: 'string' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        'report-unused-disable-directives': { type: 'boolean', default: false },
        stdin: { type: 'boolean', default: false },
        'stdin-filename': { type: 'string' },
        'changed-since': { type: 'string' },
        concurrency: { type: 'string', default: 'auto' },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const format = values.format as string;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`Unknown format "${format}": use text, json or sarif.`);
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) throw new UsageError('--max-warnings needs a whole number ≥ 0.');
  if (values['stdin-filename'] !== undefined && !values.stdin) throw new UsageError('--stdin-filename needs --stdin.');
  if (values.stdin && positionals.length > 0) throw new UsageError('--stdin lints standard input; give no paths.');
  const concurrency = parseConcurrency(values.concurrency as string);
  const color = values['no-color'] ? false : values.color ?? (isTty && !('NO_COLOR' in env && env.NO_COLOR !== ''));
  return {
    paths: positionals.length > 0 ? positionals : ['.'],
    format,
    output: values.output,
    listRules: values['list-rules'] ?? false,
    quiet: values.quiet ?? false,
    maxWarnings,
    rules: values.rule ?? [],
    fix: values.fix ?? false,
    color,
    verbose: values.verbose ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    config: values.config,
    printConfig: values['print-config'],
    baseline: values.baseline,
    writeBaseline: values['write-baseline'],
    reportUnusedDisableDirectives: values['report-unused-disable-directives'] ?? false,
    stdin: values.stdin ?? false,
    stdinFilename: values['stdin-filename'],
    changedSince: values['changed-since'],
    concurrency,
  };
}

function parseConcurrency(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'off') return 0;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new UsageError(`--concurrency needs a whole number ≥ 1, auto or off (got "${value}").`);
  return count;
}
