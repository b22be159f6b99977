import assert from 'node:assert/strict';
import { readFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Log } from 'sarif';
import { runCli } from '../support/cli';
import { copyService, SERVICES } from '../support/tempProject';

const leaky = join(SERVICES, 'leaky-service');
const clean = join(SERVICES, 'clean-service');

describe('CLI', () => {
  it('reports findings grouped by file with the factor, and exits 1', () => {
    const run = runCli([leaky], { cwd: SERVICES });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^leaky-service\/src\/index\.js$/m);
    assert.match(run.stdout, /^ {2}12:17 +error +An AWS access key id is written into the code\..* III config\/no-hardcoded-secret$/m);
    assert.match(run.stdout, /✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
  });

  it('stays quiet on a well-behaved service and exits 0', () => {
    const run = runCli([clean]);
    assert.equal(run.stdout.trim(), '✔ No twelve-factor problems found');
    assert.equal(run.status, 0, run.stderr);
  });

  it('writes JSON with 1-based positions', () => {
    const run = runCli(['--format', 'json', leaky]);
    const report = JSON.parse(run.stdout) as { results: { filePath: string; messages: { ruleId: string; line: number; column: number; factor: number }[] }[] };
    const messages = report.results.flatMap((result) => result.messages);
    assert.ok(messages.some((message) => message.ruleId === 'config/no-hardcoded-secret' && message.line === 12 && message.column === 17 && message.factor === 3));
  });

  it('writes SARIF 2.1.0 with rule descriptors and URIs relative to the project', () => {
    const run = runCli(['--format', 'sarif', leaky]);
    const log = JSON.parse(run.stdout) as Log;
    assert.equal(log.version, '2.1.0');
    const [sarifRun] = log.runs;
    const rule = sarifRun.tool.driver.rules!.find((descriptor) => descriptor.id === 'config/no-hardcoded-secret')!;
    assert.equal(rule.properties!.factor, 3);
    assert.match(rule.helpUri!, /docs\/rules\/config\/no-hardcoded-secret\.md$/);
    assert.ok((rule.properties!.tags as string[]).includes('twelve-factor'));
    assert.equal(sarifRun.tool.driver.name, 'twelve-factor-lint');
    const result = sarifRun.results!.find((item) => item.ruleId === 'config/no-hardcoded-secret')!;
    assert.deepEqual(result.locations![0].physicalLocation!.artifactLocation, { uri: 'src/index.js', uriBaseId: 'PROJECTROOT' });
    assert.equal(result.locations![0].physicalLocation!.region!.startLine, 12);
    assert.match(String(sarifRun.originalUriBaseIds!.PROJECTROOT.uri), /^file:\/\/.*leaky-service\/$/);
  });

  it('lists the rules grouped by factor', () => {
    const run = runCli(['--list-rules']);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^III\. Config$/m);
    assert.match(run.stdout, /^ {2}config\/no-hardcoded-secret +error +fixable/m);
  });

  it('runs a single rule with --rule and rejects unknown ones with exit 2', () => {
    const only = JSON.parse(runCli(['--format', 'json', '--rule', 'config/no-hardcoded-secret', leaky]).stdout) as { results: { messages: { ruleId: string }[] }[] };
    assert.ok(only.results.flatMap((result) => result.messages).every((message) => message.ruleId === 'config/no-hardcoded-secret'));
    const unknown = runCli(['--rule', 'config/nope', leaky]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown rule config\/nope/);
  });

  it('exits 2 on usage errors', () => {
    assert.equal(runCli(['--format', 'xml', leaky]).status, 2);
    assert.equal(runCli(['--max-warnings', 'many', leaky]).status, 2);
    assert.equal(runCli(['--no-such-flag']).status, 2);
    const missing = runCli([join(SERVICES, 'does-not-exist')]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /No such file or folder/);
  });

  it('shows only errors with --quiet and honours --max-warnings', () => {
    const quiet = JSON.parse(runCli(['--quiet', '--format', 'json', leaky]).stdout) as { results: { messages: { severity: string }[] }[] };
    assert.ok(quiet.results.flatMap((result) => result.messages).every((message) => message.severity === 'error'));
    const warningsOnly = ['--rule', 'port-binding/no-hardcoded-port'];
    if (runCli(['--list-rules']).stdout.includes('port-binding/no-hardcoded-port')) {
      assert.equal(runCli([...warningsOnly, '--max-warnings', '100', leaky]).status, 0);
      assert.equal(runCli([...warningsOnly, '--max-warnings', '0', leaky]).status, 1);
    }
  });

  it('colours output only when asked or on a terminal, and NO_COLOR wins', () => {
    assert.doesNotMatch(runCli([leaky]).stdout, /\u001b\[/);
    assert.match(runCli(['--color', leaky]).stdout, /\u001b\[31m/);
    assert.doesNotMatch(runCli(['--color', '--no-color', leaky]).stdout, /\u001b\[/);
  });

  // pm2-web's bin is `bin/pm2-web.sh`, a node script despite its name.
  for (const script of ['wiki', 'bin/wiki.sh']) {
    it(`analyses a node script package.json names as its bin, ${script}, though it is no source file by name`, () => {
      const project = copyService('clean-service');
      try {
        const manifest = JSON.parse(readFileSync(join(project.root, 'package.json'), 'utf8')) as Record<string, unknown>;
        writeFileSync(join(project.root, 'package.json'), JSON.stringify({ ...manifest, bin: { wiki: `./${script}` } }, null, 2));
        mkdirSync(join(project.root, 'bin'), { recursive: true });
        writeFileSync(join(project.root, script), "#!/usr/bin/env node\nconst http = require('http');\nhttp.createServer((req, res) => res.end('ok')).listen(process.env.PORT);\n");
        const run = runCli(['--format', 'json', '--rule', 'disposability/require-graceful-shutdown', project.root]);
        const report = JSON.parse(run.stdout) as { results: { filePath: string; messages: { ruleId: string }[] }[] };
        const found = report.results.flatMap((result) => result.messages.map((message) => [result.filePath.slice(project.root.length + 1), message.ruleId]));
        assert.deepEqual(found, [[script, 'disposability/require-graceful-shutdown']]);
      } finally {
        project.cleanup();
      }
    });
  }

  it('analyses the modules an entry point in an examples folder loads from beside it', () => {
    const project = copyService('clean-service');
    try {
      const manifest = JSON.parse(readFileSync(join(project.root, 'package.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(join(project.root, 'package.json'), JSON.stringify({ ...manifest, scripts: { start: 'node example/server.js' } }, null, 2));
      mkdirSync(join(project.root, 'example'));
      writeFileSync(join(project.root, 'example/server.js'), "const config = require('./config.default');\nrequire('../src/app')(config);\n");
      writeFileSync(join(project.root, 'example/config.default.js'), "module.exports = { secret: 'someCoolSecretRightHere' };\n");
      writeFileSync(join(project.root, 'example/other-demo.js'), "module.exports = { secret: 'anotherCoolSecretHere' };\n");
      const run = runCli(['--format', 'json', '--rule', 'config/no-hardcoded-secret', project.root]);
      const report = JSON.parse(run.stdout) as { results: { filePath: string; messages: { ruleId: string }[] }[] };
      assert.deepEqual(report.results.filter((result) => result.messages.length > 0).map((result) => result.filePath.slice(project.root.length + 1)), ['example/config.default.js']);
    } finally {
      project.cleanup();
    }
  });

  it('writes the report to --output and lists skipped files with --verbose', () => {
    const project = copyService('clean-service');
    try {
      const output = join(project.root, 'report.sarif');
      const run = runCli(['--format', 'sarif', '--output', output, project.root]);
      assert.equal(run.stdout, '');
      assert.equal((JSON.parse(readFileSync(output, 'utf8')) as Log).version, '2.1.0');
    } finally {
      project.cleanup();
    }
  });

  it('applies safe fixes with --fix and declares the variables in .env.example', () => {
    const project = copyService('leaky-service');
    try {
      const run = runCli(['--fix', '--rule', 'config/no-hardcoded-secret', project.root]);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      const source = readFileSync(join(project.root, 'src/index.js'), 'utf8');
      assert.match(source, /const AWS_KEY = process\.env\.AWS_ACCESS_KEY_ID;/);
      assert.match(source, /const dbPassword = process\.env\.DB_PASSWORD;/);
      assert.ok(existsSync(join(project.root, '.env.example')));
      assert.equal(readFileSync(join(project.root, '.env.example'), 'utf8'), 'AWS_ACCESS_KEY_ID=\nDB_PASSWORD=\n');
    } finally {
      project.cleanup();
    }
  });
});
