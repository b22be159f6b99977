// Runs every test suite, reports each one's wall time, and ends with one summary line: `N passed, N failed`.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' || name === 'e2e' ? [] : testFiles(path);
    return name.endsWith('.test.ts') ? [path] : [];
  });
}

const suites = [
  { name: 'typecheck (tsc --noEmit, strict)', command: process.execPath, args: ['scripts/typecheck.mjs'] },
  { name: 'unit, rule, CLI and protocol tests', command: process.execPath, args: ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=2', ...testFiles('test').sort()] },
  { name: 'editor tests (Neovim, VS Code in code-server)', command: process.execPath, args: ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', ...e2eFiles()] },
];

function e2eFiles() {
  return readdirSync('test/e2e').filter((name) => name.endsWith('.test.ts')).sort().map((name) => join('test/e2e', name));
}

const only = process.argv.slice(2);
let passed = 0;
let failed = 0;
const timings = [];
for (const suite of suites.filter((s) => only.length === 0 || only.some((name) => s.name.includes(name)))) {
  const started = Date.now();
  const result = await runSuite(suite);
  timings.push(`${suite.name}: ${result.passed} passed, ${result.failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  passed += result.passed;
  failed += result.failed;
}
console.log('\nSuites:');
for (const line of timings) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function runSuite(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(output)?.[1] ?? 0);
      const counted = { passed: count('pass'), failed: count('fail') };
      // A suite that crashed before reporting still counts as a failure.
      if (code !== 0 && counted.failed === 0) counted.failed = 1;
      resolve(counted);
    });
  });
}
