import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseConfigText } from '../../server/src/config/load';
import { resolveRules } from '../../server/src/config/resolve';
import type { ConfigSource } from '../../server/src/config/types';
import { RULES } from '../../server/src/rules';

const SECRET = 'config/no-hardcoded-secret';

describe('config file validation', () => {
  const valid: [string, string][] = [
    ['an empty object', '{}'],
    ['comments and trailing commas', `{\n  // strict for this service\n  "extends": "strict",\n  "rules": { "${SECRET}": "warning", },\n}`],
    ['a severity with options', `{ "rules": { "${SECRET}": ["error", {}] } }`],
    ['overrides by glob', `{ "overrides": [{ "files": ["scripts/**"], "rules": { "${SECRET}": "off" } }] }`],
    ['ignore and production globs', '{ "ignore": ["generated/**"], "production": ["examples/server.js"] }'],
  ];
  for (const [name, text] of valid) {
    it(`accepts ${name}`, () => assert.deepEqual(parseConfigText('/p/.twelve-factor.json', text).errors, []));
  }

  const invalid: [string, string, { path: string; message: RegExp; at: string }[]][] = [
    ['an unknown rule', '{ "rules": { "config/nope": "error" } }', [{ path: 'rules.config/nope', message: /Unknown rule "config\/nope"/, at: '"config/nope"' }]],
    ['a bad severity', `{ "rules": { "${SECRET}": "loud" } }`, [{ path: `rules.${SECRET}`, message: /Use "off", "info", "warning" or "error"/, at: '"loud"' }]],
    ['a bad preset', '{ "extends": "lenient" }', [{ path: 'extends', message: /Use "recommended", "strict" or "all"/, at: '"lenient"' }]],
    ['an unknown top-level key', '{ "rule": {} }', [{ path: 'rule', message: /Unknown option "rule"/, at: '"rule"' }]],
    ['an override without files', '{ "overrides": [{ "rules": {} }] }', [{ path: 'overrides.0', message: /must have required property 'files'/, at: '{ "rules": {} }' }]],
    ['broken JSON', '{ "rules": ', [{ path: '', message: /Not valid JSON/, at: '' }]],
    ['a secret pattern that is not a regular expression', `{ "rules": { "${SECRET}": ["error", { "extraPatterns": ["acme_[a-z"] }] } }`, [{ path: `rules.${SECRET}.1.extraPatterns.0`, message: /is not a valid regular expression/, at: '"acme_[a-z"' }]],
  ];
  for (const [name, text, expected] of invalid) {
    it(`rejects ${name} at the offending key`, () => {
      const { errors, data } = parseConfigText('/p/.twelve-factor.json', text);
      assert.equal(data, undefined);
      assert.deepEqual(
        errors.map((error) => ({ path: error.path, at: text.slice(error.range[0], error.range[1]) })),
        expected.map(({ path, at }) => ({ path, at })),
      );
      errors.forEach((error, index) => assert.match(error.message, expected[index].message));
    });
  }

  it('reads the twelveFactor key of package.json and ignores a package.json without one', () => {
    assert.deepEqual(parseConfigText('/p/package.json', JSON.stringify({ name: 'x', twelveFactor: { extends: 'strict' } })).data, { extends: 'strict' });
    assert.deepEqual(parseConfigText('/p/package.json', JSON.stringify({ name: 'x' })), { errors: [] });
  });
});

describe('resolving the rules for a file', () => {
  const severityOf = (sources: ConfigSource[], file: string, id = SECRET) => resolveRules(RULES, sources, file).find((setting) => setting.id === id)?.severity;
  const source = (dir: string, data: ConfigSource['data']): ConfigSource => ({ path: `${dir}/.twelve-factor.json`, dir, data });

  it('uses rule defaults without config', () => assert.equal(severityOf([], '/p/src/a.js'), 'error'));

  it('lets the nearest config win, merged upward', () => {
    const sources = [source('/p', { rules: { [SECRET]: 'warning' } }), source('/p/packages/api', { rules: { [SECRET]: 'info' } })];
    assert.equal(severityOf(sources, '/p/src/a.js'), 'warning');
    assert.equal(severityOf(sources, '/p/packages/api/src/a.js'), 'info');
    assert.equal(severityOf(sources, '/elsewhere/a.js'), 'error');
  });

  it('applies overrides by glob relative to their config', () => {
    const sources = [source('/p', { overrides: [{ files: ['scripts/**'], rules: { [SECRET]: 'off' } }] })];
    assert.equal(severityOf(sources, '/p/scripts/seed.js'), 'off');
    assert.equal(severityOf(sources, '/p/src/scripts.js'), 'error');
  });

  it('makes warnings errors with the strict preset', () => {
    const warningRule = RULES.find((rule) => rule.severity === 'warning');
    if (!warningRule) return;
    assert.equal(severityOf([source('/p', { extends: 'strict' })], '/p/a.js', warningRule.id), 'error');
  });

  it('puts editor settings and --rule on top of every file', () => {
    const sources = [source('/p', { rules: { [SECRET]: 'off' } })];
    assert.equal(resolveRules(RULES, sources, '/p/a.js', { severities: { [SECRET]: 'info' } }).find((setting) => setting.id === SECRET)?.severity, 'info');
    assert.deepEqual(resolveRules(RULES, [], '/p/a.js', { only: [SECRET] }).map((setting) => setting.id), [SECRET]);
  });
});
