import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLI_BUNDLE, runCli } from '../support/cli';
import { copyService, SERVICES } from '../support/tempProject';

const SECRET = 'config/no-hardcoded-secret';
const STRIPE = "'sk_live_4eC39HqLyjWDarjtT1zdp7dc'";

function withProject(name: string, body: (root: string) => void): void {
  const project = copyService(name);
  try {
    body(project.root);
  } finally {
    project.cleanup();
  }
}

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { results: { filePath: string; messages: { ruleId: string; severity: string; line: number }[] }[] }).results.flatMap((result) => result.messages);

describe('CLI configuration', () => {
  it('reads .twelve-factor.json (nearest wins) and package.json twelveFactor', () => {
    withProject('leaky-service', (root) => {
      writeFileSync(join(root, '.twelve-factor.json'), `{\n  // secrets are warnings here\n  "rules": { "${SECRET}": "warning" }\n}\n`);
      assert.ok(findingsOf(runCli(['--format', 'json', '--rule', SECRET, root]).stdout).every((message) => message.severity === 'warning'));
      writeFileSync(join(root, 'src', '.twelve-factor.json'), `{ "rules": { "${SECRET}": "off" } }`);
      assert.deepEqual(findingsOf(runCli(['--format', 'json', '--rule', SECRET, root]).stdout), []);
    });
  });

  it('takes --config on top of the project config, and rejects an invalid one with exit 2', () => {
    withProject('leaky-service', (root) => {
      writeFileSync(join(root, 'extra.json'), `{ "rules": { "${SECRET}": "info" } }`);
      const run = runCli(['--format', 'json', '--rule', SECRET, '--config', join(root, 'extra.json'), root]);
      assert.ok(findingsOf(run.stdout).every((message) => message.severity === 'info'));
      assert.equal(run.status, 0);
      writeFileSync(join(root, 'bad.json'), '{ "rules": { "config/nope": "error" } }');
      const bad = runCli(['--config', join(root, 'bad.json'), root]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /rules\.config\/nope: Unknown rule "config\/nope"/);
    });
  });

  it('reports an invalid project config at the key and keeps the defaults', () => {
    withProject('leaky-service', (root) => {
      writeFileSync(join(root, '.twelve-factor.json'), `{ "rules": { "${SECRET}": "loud" } }`);
      const run = runCli(['--rule', SECRET, root]);
      assert.match(run.stdout, /\.twelve-factor\.json: Use "off", "info", "warning" or "error".*\(rules\.config\/no-hardcoded-secret\)/);
      assert.match(run.stdout, /error +An AWS access key id/);
    });
  });

  it('prints the effective config for a file', () => {
    withProject('leaky-service', (root) => {
      writeFileSync(join(root, '.twelve-factor.json'), `{ "overrides": [{ "files": ["src/**"], "rules": { "${SECRET}": "warning" } }] }`);
      const printed = JSON.parse(runCli(['--print-config', join(root, 'src/index.js')]).stdout) as { rules: Record<string, unknown>; analysed: boolean; configFiles: string[] };
      assert.equal(printed.rules[SECRET], 'warning');
      assert.equal(printed.analysed, true);
      assert.deepEqual(printed.configFiles, [join(root, '.twelve-factor.json')]);
    });
  });
});

describe('CLI baselines', () => {
  it('reports only new findings, survives unrelated edits, and stores no secrets', () => {
    withProject('secrets-service', (root) => {
      const baseline = join(root, 'baseline.json');
      assert.equal(runCli(['--write-baseline', baseline, root]).status, 0);
      const stored = readFileSync(baseline, 'utf8');
      for (const secret of (JSON.parse(readFileSync(join(root, 'secrets.json'), 'utf8')) as { secrets: string[] }).secrets) assert.ok(!stored.includes(secret));
      assert.equal(runCli(['--baseline', baseline, root]).status, 0);

      const file = join(root, 'src/index.js');
      const original = readFileSync(file, 'utf8');
      // Lines inserted above, a line reformatted, and a variable renamed elsewhere.
      const edited = `// a header comment\n\n${original.replace(/const github =/, 'const   github   =').replace('const stripe =', 'const payments =').replace('{ stripe,', '{ stripe: payments,')}`;
      writeFileSync(file, edited);
      const afterEdits = runCli(['--format', 'json', '--baseline', baseline, root]);
      assert.deepEqual(findingsOf(afterEdits.stdout), []);
      assert.equal(afterEdits.status, 0);

      writeFileSync(file, `${edited}\nconst stripe2 = require('stripe')(${STRIPE});\n`);
      const added = findingsOf(runCli(['--format', 'json', '--baseline', baseline, root]).stdout);
      assert.ok(added.some((message) => message.line === edited.split('\n').length + 1), 'the new secret is reported');
    });
  });

  it('fails clearly on a file that is not a baseline', () => {
    withProject('clean-service', (root) => {
      writeFileSync(join(root, 'nope.json'), '{}');
      const run = runCli(['--baseline', join(root, 'nope.json'), root]);
      assert.equal(run.status, 2);
      assert.match(run.stderr, /not a twelve-factor-lint baseline/);
    });
  });
});

describe('CLI input selection', () => {
  it('lints standard input as the file --stdin-filename names', () => {
    const result = spawnSync(process.execPath, [CLI_BUNDLE, '--stdin', '--stdin-filename', join(SERVICES, 'clean-service/src/extra.js'), '--format', 'json'], {
      input: `module.exports = { token: ${STRIPE} };\n`,
      encoding: 'utf8',
    });
    assert.equal(result.status, 1, result.stderr);
    const [message] = findingsOf(result.stdout);
    assert.equal(message.ruleId, SECRET);
    assert.equal(runCli(['--stdin-filename', 'x.js']).status, 2);
  });

  it('lints what the start script runs even from a folder of examples, and leaves the other examples out', () => {
    withProject('clean-service', (root) => {
      const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string; scripts: Record<string, string> };
      manifest.scripts.start = 'node --prof examples/http.js';
      manifest.main = 'index.js';
      writeFileSync(join(root, 'package.json'), JSON.stringify(manifest));
      mkdirSync(join(root, 'examples'));
      for (const example of ['http.js', 'other.js', 'index.js']) writeFileSync(join(root, 'examples', example), `module.exports = { token: ${STRIPE} };\n`);
      const files = (JSON.parse(runCli(['--format', 'json', root]).stdout) as { results: { filePath: string }[] }).results.map((result) => result.filePath);
      assert.ok(files.includes(join(root, 'examples/http.js')), files.join(', '));
      // `main: index.js` is the root's index.js, not every file of that name.
      assert.deepEqual(files.filter((file) => file.includes('examples/')), [join(root, 'examples/http.js')]);
    });
  });

  it('reports only files changed since a git ref', () => {
    withProject('leaky-service', (root) => {
      const git = (...args: string[]) => execFileSync('git', ['-C', root, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { stdio: 'ignore' });
      git('init', '-q');
      git('add', '.');
      git('commit', '-qm', 'initial');
      writeFileSync(join(root, 'src/new.js'), `module.exports = ${STRIPE};\n`);
      const files = (JSON.parse(runCli(['--format', 'json', '--changed-since', 'HEAD', root]).stdout) as { results: { filePath: string }[] }).results.map((result) => result.filePath);
      assert.deepEqual(files, [join(root, 'src/new.js')]);
      const bad = runCli(['--changed-since', 'no-such-ref', root]);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr, /--changed-since no-such-ref/);
    });
  });
});

describe('CLI suppression reports', () => {
  it('reports unknown rule ids always and unused directives on request', () => {
    withProject('clean-service', (root) => {
      writeFileSync(join(root, 'src/extra.js'), `// twelve-factor-disable-next-line config/nope\nconst a = 1;\n// twelve-factor-disable-next-line ${SECRET}\nconst b = 2;\n`);
      const plain = runCli(['--format', 'json', root]);
      const problems = (stdout: string) => (JSON.parse(stdout) as { directiveProblems: { kind: string; line: number }[] }).directiveProblems.map((problem) => [problem.kind, problem.line]);
      assert.deepEqual(problems(plain.stdout), [['unknown-rule', 1]]);
      assert.equal(plain.status, 1);
      const unused = runCli(['--format', 'json', '--report-unused-disable-directives', root]);
      assert.deepEqual(problems(unused.stdout), [['unknown-rule', 1], ['unused-directive', 3]]);
    });
  });
});
