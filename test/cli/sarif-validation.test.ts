import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { runCli } from '../support/cli';
import { SERVICES } from '../support/tempProject';

const MULTITOOL = join(__dirname, '..', '..', 'node_modules', '@microsoft', 'sarif-multitool-linux', 'Sarif.Multitool');

/** Runs Microsoft's official SARIF validator and returns what it reported as errors or warnings. */
function validate(sarifPath: string, outputDir: string): { level?: string; ruleId?: string; message: unknown }[] {
  const output = join(outputDir, 'validation.sarif');
  execFileSync(MULTITOOL, ['validate', sarifPath, '--output', output, '--log', 'ForceOverwrite', '--level', 'Error;Warning'], { stdio: 'pipe', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  const log = JSON.parse(readFileSync(output, 'utf8')) as Log;
  return (log.runs[0].results ?? []).filter((result) => result.level === 'error' || result.level === 'warning');
}

describe('SARIF output and the official validator', () => {
  for (const service of ['leaky-service', 'secrets-service', 'clean-service']) {
    it(`${service}: zero validation errors or warnings`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'tfl-sarif-'));
      try {
        const sarif = join(dir, 'report.sarif');
        runCli(['--format', 'sarif', '--output', sarif, join(SERVICES, service)]);
        assert.deepEqual(validate(sarif, dir), []);
        const log = JSON.parse(readFileSync(sarif, 'utf8')) as Log;
        const driver = log.runs[0].tool.driver;
        assert.match(driver.version ?? '', /^\d+\.\d+\.\d+/);
        assert.ok(driver.informationUri);
        for (const rule of driver.rules ?? []) {
          assert.ok(rule.help?.markdown, `${rule.id} has markdown help`);
          assert.equal(typeof rule.properties?.factor, 'number');
        }
        for (const result of log.runs[0].results ?? []) {
          assert.ok(result.partialFingerprints?.['twelveFactorFingerprint/v1']);
          assert.equal(result.locations?.[0].physicalLocation?.artifactLocation?.uriBaseId, 'PROJECTROOT');
        }
        const secretRule = driver.rules?.find((rule) => rule.id === 'config/no-hardcoded-secret');
        assert.equal(secretRule?.properties?.['security-severity'], '8.0');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it('the validator does catch a broken log, so a pass above means something', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tfl-sarif-'));
    try {
      const sarif = join(dir, 'report.sarif');
      runCli(['--format', 'sarif', '--output', sarif, join(SERVICES, 'leaky-service')]);
      const log = JSON.parse(readFileSync(sarif, 'utf8')) as Log;
      log.runs[0].results![0].locations![0].physicalLocation!.region!.startLine = 0;
      const broken = join(dir, 'broken.sarif');
      writeFileSync(broken, JSON.stringify(log));
      assert.ok(validate(broken, dir).length > 0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
