/**
 * `npm run bench`: speed and memory against baselines measured in the same run, as medians of
 * several runs. Never part of the tests: shared machines are too noisy to assert on time.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@typescript-eslint/typescript-estree';
import { analyzeFile } from '../server/src/engine/linter';
import { emptyProject } from '../server/src/project/facts';
import { DEBOUNCE_MS } from '../server/src/lsp/server';
import { RULES } from '../server/src/rules';
import { benchCorpus } from './corpus';
import { measureLatency } from './latency';
import { serviceFile } from './serviceFile';
import { median, percentile, timeRuns } from './stats';

const ROOT = join(__dirname, '..');

interface Row {
  readonly measure: string;
  readonly ours: string;
  readonly baseline: string;
  readonly ratio: string;
  readonly target: string;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  rows.push(analysisVersusParse());
  rows.push(...(await latencyRows()));
  rows.push(...(await throughputRows()));
  printTable(rows);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'latest.json'), `${JSON.stringify({ date: new Date().toISOString(), rows }, null, 2)}\n`);
}

/** One parse plus every rule, against the raw parse alone, on the same 1,000-line file. */
function analysisVersusParse(): Row {
  const text = serviceFile(1000);
  const path = '/bench/src/service.ts';
  const project = emptyProject('/bench');
  const rules = RULES.map((rule) => ({ rule, severity: rule.severity }));
  const options = { filePath: path, jsx: false, range: true, loc: false, tokens: false, comment: false } as const;
  for (let warm = 0; warm < 10; warm++) {
    parse(text, options);
    analyzeFile(path, text, project, rules);
  }
  const parseTimes: number[] = [];
  const analysisTimes: number[] = [];
  // Interleaved so that machine noise hits both sides alike.
  for (let run = 0; run < 25; run++) {
    parseTimes.push(...timeRuns(1, () => parse(text, options)));
    analysisTimes.push(...timeRuns(1, () => analyzeFile(path, text, project, rules)));
  }
  const ours = median(analysisTimes);
  const baseline = median(parseTimes);
  return { measure: `analysis of a ${text.split('\n').length}-line file, all ${RULES.length} rules (ms)`, ours: ours.toFixed(2), baseline: `${baseline.toFixed(2)} (raw parse)`, ratio: `${(ours / baseline).toFixed(2)}×`, target: '≤ 1.5×' };
}

async function latencyRows(): Promise<Row[]> {
  const latencies = await measureLatency(join(ROOT, 'dist', 'server.js'), serviceFile(1000), 30);
  const beyondDebounce = latencies.map((value) => value - DEBOUNCE_MS);
  return [
    { measure: 'didChange → publishDiagnostics p50, minus debounce (ms)', ours: median(beyondDebounce).toFixed(1), baseline: '—', ratio: '—', target: 'no typing lag' },
    { measure: 'didChange → publishDiagnostics p95, minus debounce (ms)', ours: percentile(beyondDebounce, 0.95).toFixed(1), baseline: '—', ratio: '—', target: 'no typing lag' },
    { measure: 'debounce (ms)', ours: String(DEBOUNCE_MS), baseline: '—', ratio: '—', target: '≤ 100' },
  ];
}

/** Whole-process runs of our CLI and of ESLint on the same files: wall time and peak memory. */
async function throughputRows(): Promise<Row[]> {
  const corpus = benchCorpus();
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const ours = await runProcess(runs, [join(ROOT, 'dist', 'cli.js'), '--format', 'json', '--output', '/dev/null', corpus.dir]);
  const eslint = await runProcess(runs, [join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--no-config-lookup', '-c', join(ROOT, 'bench', 'eslint.config.mjs'), '--format', 'json', '--output-file', '/dev/null', corpus.dir]);
  const oursRate = corpus.files / (ours.wallMs / 1000);
  const eslintRate = corpus.files / (eslint.wallMs / 1000);
  return [
    { measure: `CLI scan of ${corpus.files} JS files (files/s)`, ours: oursRate.toFixed(0), baseline: `${eslintRate.toFixed(0)} (ESLint + security + no-secrets)`, ratio: `${(oursRate / eslintRate).toFixed(2)}×`, target: '≥ 3×' },
    { measure: 'CLI scan peak RSS (MB)', ours: ours.peakMb.toFixed(0), baseline: `${eslint.peakMb.toFixed(0)} (ESLint)`, ratio: `${(ours.peakMb / eslint.peakMb).toFixed(2)}×`, target: '≤ 300 MB' },
  ];
}

/** Median wall time and the largest peak RSS (VmHWM, threads included) over several runs. */
async function runProcess(runs: number, args: string[]): Promise<{ wallMs: number; peakMb: number }> {
  const walls: number[] = [];
  let peak = 0;
  for (let run = 0; run < runs; run++) {
    const result = await runOnce(args);
    walls.push(result.wallMs);
    peak = Math.max(peak, result.peakKb / 1024);
  }
  return { wallMs: median(walls), peakMb: peak };
}

function runOnce(args: string[]): Promise<{ wallMs: number; peakKb: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
      } catch {
        // The process has just exited.
      }
    }, 20);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(poll);
      resolve({ wallMs: Number(process.hrtime.bigint() - started) / 1e6, peakKb });
    });
  });
}

function printTable(rows: readonly Row[]): void {
  const header: Row = { measure: 'measure', ours: 'ours', baseline: 'baseline', ratio: 'ratio', target: 'target' };
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: Row) => `| ${keys.map((key, index) => row[key].padEnd(widths[index])).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
