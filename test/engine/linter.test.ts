import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyzeFile } from '../../server/src/engine/linter';
import { defineRule } from '../../server/src/engine/rule';
import { emptyProject } from '../../server/src/project/facts';
import secretRule from '../../server/src/rules/config/no-hardcoded-secret';

const project = emptyProject('/p');
const crashing = defineRule<'boom'>({
  id: 'config/crashing-test-rule',
  severity: 'error',
  description: 'Throws on every identifier.',
  messages: { boom: 'boom' },
  create: () => ({
    Identifier: () => {
      throw new Error('rule bug');
    },
  }),
});

describe('analyzeFile', () => {
  it('isolates a crashing rule: it is reported once and the other rules still run', () => {
    const analysis = analyzeFile('/p/a.js', "const token = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';", project, [
      { rule: crashing, severity: 'error' },
      { rule: secretRule, severity: 'error' },
    ]);
    assert.deepEqual(analysis.failures, [{ ruleId: 'config/crashing-test-rule', file: '/p/a.js', message: 'rule bug' }]);
    assert.deepEqual(analysis.findings.map((finding) => finding.ruleId), ['config/no-hardcoded-secret']);
  });

  it('reports a parse error with its position instead of throwing', () => {
    const analysis = analyzeFile('/p/a.js', 'const a = 1;\nconst b = ;', project, [{ rule: secretRule, severity: 'error' }]);
    assert.equal(analysis.findings.length, 0);
    assert.equal(analysis.parseError?.range.start.line, 1);
    assert.match(analysis.parseError?.message ?? '', /Expression expected/);
  });

  it('parses TypeScript, TSX, JSX, ESM and CommonJS', () => {
    const cases: [string, string][] = [
      ['/p/a.ts', "const key: string = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' as const;\nexport default key;"],
      ['/p/a.tsx', "export const C = () => <Pay apiKey=\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\" />;"],
      ['/p/a.jsx', "export const C = () => <Pay apiKey=\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\" />;"],
      ['/p/a.mjs', "import Stripe from 'stripe';\nexport const s = new Stripe('sk_live_4eC39HqLyjWDarjtT1zdp7dc');"],
      ['/p/a.cjs', "module.exports = require('stripe')('sk_live_4eC39HqLyjWDarjtT1zdp7dc');"],
    ];
    for (const [path, text] of cases) {
      const analysis = analyzeFile(path, text, project, [{ rule: secretRule, severity: 'error' }]);
      assert.equal(analysis.parseError, undefined, path);
      assert.equal(analysis.findings.length, 1, path);
    }
  });

  it('collects import specifiers for project rules', () => {
    const analysis = analyzeFile('/p/a.ts', "import a from './a';\nexport * from './b';\nconst c = require('./c');\nconst d = await import('./d');\nimport e = require('./e');", project, []);
    assert.deepEqual(analysis.summary?.imports, ['./a', './b', './c', './d', './e']);
  });

  it("collects requires of module paths built from the file's own folder, also when prefiltering finds no rule to run", () => {
    const text = [
      "const path = require('node:path');",
      "const ROOT = path.join(path.dirname(fs.realpathSync(__filename)), '..', 'build');",
      "const server = require(path.join(ROOT, 'server'));",
      "const cli = require(path.resolve(__dirname, 'cli'));",
      "const plugin = require(path.join(pluginsDir, name));",
      "const app = require(path.join(__dirname, '/index.js'));",
      "const api = require(__dirname + '/../lib/api');",
      "const absolute = require(path.resolve(__dirname, '/etc/app'));",
    ].join('\n');
    const analysis = analyzeFile('/p/bin/app.js', text, project, [], { prefilter: true });
    assert.deepEqual(analysis.summary?.imports, ['node:path', '../build/server', './cli', './index.js', '../lib/api']);
  });

  it('applies the configured severity', () => {
    const analysis = analyzeFile('/p/a.js', "const t = 'ghp_16C7e42F292c6912E7710c838347Ae178B4a';", project, [{ rule: secretRule, severity: 'info' }]);
    assert.equal(analysis.findings[0].severity, 'info');
  });
});
