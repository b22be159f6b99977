/**
 * `npm run eval`: fetches the labelled corpus if needed, builds the CLI if dist/ has none, runs
 * `twelve-factor-lint --format sarif` over each package root, and prints recall and traps flagged
 * per factor, then every missed violation and flagged trap so a rule author can act on them.
 * It reports; it does not gate (exit 0 unless the corpus or the CLI cannot be run at all).
 *
 *   npm run eval [-- --cli path/to/cli.js] [-- --package name] [-- --unlabelled]
 *   npm run eval -- --smoke    # the unlabelled services of smoke.json: every finding, by package
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { FACTORS } from '../../common/factors';
import { type CorpusPackage, fetchCorpus, loadPackages, packageRoot, REPO_ROOT } from './fetch';
import { type CorpusFinding, findingsFromSarif, formatTable, type Label, parseLabels, percent, score } from './score';

export const LABELS_PATH = join(REPO_ROOT, 'test', 'corpus', 'labels.jsonl');

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function ensureCli(): string {
  const given = option('--cli') ?? process.env.TWELVE_FACTOR_CLI;
  if (given) return given;
  const cli = join(REPO_ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    console.log('dist/cli.js is missing: npm run build');
    const build = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  return cli;
}

const SCAN_TIMEOUT_MS = 5 * 60_000;

/** Packages whose scan failed: scored as finding nothing, so the report names them again at its end. */
const failedScans: string[] = [];

function lint(cli: string, pkg: CorpusPackage, scratch: string): CorpusFinding[] {
  const output = join(scratch, `${pkg.name.replace(/[@/]/g, '_')}.sarif`);
  // A scan that hangs is a bug to report, not a reason to stall the whole measure.
  const run = spawnSync(process.execPath, [cli, '--format', 'sarif', '--output', output, packageRoot(pkg)], { cwd: REPO_ROOT, encoding: 'utf8', timeout: SCAN_TIMEOUT_MS, killSignal: 'SIGKILL' });
  // Exit 1 only means "findings over the threshold"; 2 is a usage error or a crash.
  if ((run.status !== 0 && run.status !== 1) || !existsSync(output)) {
    const why = run.signal === 'SIGKILL' ? `no result after ${SCAN_TIMEOUT_MS / 60_000} minutes` : `exit ${run.status}`;
    console.warn(`! ${pkg.name}@${pkg.version}: the CLI failed (${why}): ${(run.stderr || run.error?.message || '').trim()}`);
    failedScans.push(`${pkg.name}@${pkg.version}`);
    return [];
  }
  return findingsFromSarif(JSON.parse(readFileSync(output, 'utf8')) as Log, pkg);
}

function where(label: Label): string {
  return `${label.package}@${label.version} ${label.file}:${label.line}`;
}

/** Fetches and scans each package, printing a line per package; the findings of all of them. */
function scanAll(packages: readonly CorpusPackage[]): CorpusFinding[] {
  fetchCorpus(packages);
  const cli = ensureCli();
  const scratch = mkdtempSync(join(tmpdir(), 'twelve-factor-corpus-'));
  const findings: CorpusFinding[] = [];
  try {
    for (const pkg of packages) {
      const started = Date.now();
      const found = lint(cli, pkg, scratch);
      findings.push(...found);
      console.log(`scanned ${pkg.name}@${pkg.version}: ${found.length} findings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return findings;
}

/** Every finding on the smoke packages, to be read: there are no labels to score against. */
function smoke(): void {
  const findings = scanAll(loadPackages('smoke.json'));
  for (const finding of findings) console.log(`  ${finding.package}@${finding.version} ${finding.file}:${finding.line} ${finding.ruleId}`);
}

function main(): void {
  if (process.argv.includes('--smoke')) return smoke();
  const only = option('--package');
  const packages = loadPackages().filter((pkg) => !only || pkg.name === only);
  const labels = parseLabels(readFileSync(LABELS_PATH, 'utf8')).filter((label) => !only || label.package === only);
  const known = new Set(packages.map((pkg) => `${pkg.name}@${pkg.version}`));
  const stray = labels.filter((label) => !known.has(`${label.package}@${label.version}`));
  if (stray.length > 0) console.warn(`! ${stray.length} labels name a package version not in packages.json, e.g. ${where(stray[0])}`);

  const findings = scanAll(packages);
  const result = score(labels, findings);
  console.log(`\n${formatTable(result)}\n`);
  console.log(`Recall ${percent(result.total.found, result.total.violations)} (target ≥ 90%), traps flagged ${percent(result.total.flagged, result.total.traps)} (target ≤ 5%).`);
  console.log(`${result.unlabelled.length} findings match no label (neither counted for nor against).`);
  if (failedScans.length > 0) console.log(`! ${failedScans.length} scans failed and count as finding nothing: ${failedScans.join(', ')}.`);

  const factorName = (n: number) => `${FACTORS[n - 1].roman} ${FACTORS[n - 1].slug}`;
  console.log(`\nMissed violations (${result.missed.length}):`);
  for (const label of [...result.missed].sort((a, b) => a.factor - b.factor)) {
    console.log(`  [${factorName(label.factor)}] ${where(label)} (${label.category}, ${label.confidence}): ${label.note}`);
  }
  console.log(`\nFlagged traps (${result.flagged.length}):`);
  for (const { label, findings: hits } of [...result.flagged].sort((a, b) => a.label.factor - b.label.factor)) {
    const rules = [...new Set(hits.map((hit) => `${hit.ruleId}@${hit.line}`))].join(', ');
    console.log(`  [${factorName(label.factor)}] ${where(label)} (${label.category}) by ${rules}: ${label.note}`);
  }
  // Findings nobody labelled yet: where the next labels (or false positives) are.
  if (process.argv.includes('--unlabelled')) {
    console.log(`\nUnlabelled findings (${result.unlabelled.length}):`);
    for (const finding of result.unlabelled) console.log(`  ${finding.package}@${finding.version} ${finding.file}:${finding.line} ${finding.ruleId}`);
  }
}

if (require.main === module) {
  try {
    main();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}
