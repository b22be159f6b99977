import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Log, Result } from 'sarif';
import { type CorpusFinding, findingsFromSarif, formatTable, type Label, matches, parseLabels, score } from '../../scripts/corpus/score';

const PKG = { name: 'demo-server', version: '1.0.0' };

function label(overrides: Partial<Label> = {}): Label {
  return { package: PKG.name, version: PKG.version, file: 'lib/server.js', line: 20, factor: 7, category: 'hardcoded-port', kind: 'violation', confidence: 'high', match: 'line', note: 'listen(8080)', ...overrides };
}

function finding(overrides: Partial<CorpusFinding> = {}): CorpusFinding {
  return { package: PKG.name, version: PKG.version, file: 'lib/server.js', line: 20, factor: 7, ruleId: 'port-binding/no-hardcoded-port', ...overrides };
}

function sarif(results: Result[]): Log {
  return { version: '2.1.0', runs: [{ tool: { driver: { name: 'twelve-factor-lint', rules: [{ id: 'logs/no-file-logging', properties: { factor: 11 } }] } }, results }] };
}

function at(uri: string, startLine: number): Result['locations'] {
  return [{ physicalLocation: { artifactLocation: { uri, uriBaseId: 'PROJECTROOT' }, region: { startLine } } }];
}

describe('corpus matching (LABELLING.md: same factor and file, start line within ±3)', () => {
  const cases: { name: string; label: Label; finding: CorpusFinding; expected: boolean }[] = [
    { name: 'same line', label: label(), finding: finding(), expected: true },
    { name: '3 lines below', label: label(), finding: finding({ line: 23 }), expected: true },
    { name: '3 lines above', label: label(), finding: finding({ line: 17 }), expected: true },
    { name: '4 lines below', label: label(), finding: finding({ line: 24 }), expected: false },
    { name: '4 lines above', label: label(), finding: finding({ line: 16 }), expected: false },
    { name: 'within 3 of an alt line', label: label({ alt_lines: [90] }), finding: finding({ line: 92 }), expected: true },
    { name: 'far from line and alt lines', label: label({ alt_lines: [90] }), finding: finding({ line: 60 }), expected: false },
    { name: 'other factor', label: label(), finding: finding({ factor: 3 }), expected: false },
    { name: 'other file', label: label(), finding: finding({ file: 'lib/other.js' }), expected: false },
    { name: 'same file name in another folder', label: label(), finding: finding({ file: 'dist/lib/server.js' }), expected: false },
    { name: 'other package', label: label(), finding: finding({ package: 'other' }), expected: false },
    { name: 'other version', label: label(), finding: finding({ version: '2.0.0' }), expected: false },
    { name: 'file match ignores the line', label: label({ match: 'file', factor: 9 }), finding: finding({ factor: 9, line: 400 }), expected: true },
    { name: 'file match still needs the factor', label: label({ match: 'file', factor: 9 }), finding: finding({ factor: 7, line: 400 }), expected: false },
    { name: 'file match still needs the file', label: label({ match: 'file', factor: 9 }), finding: finding({ factor: 9, file: 'lib/app.js' }), expected: false },
    { name: 'label path with ./ prefix', label: label({ file: './lib/server.js' }), finding: finding(), expected: true },
  ];
  for (const { name, label: l, finding: f, expected } of cases) {
    it(`${expected ? 'matches' : 'does not match'}: ${name}`, () => assert.equal(matches(l, f), expected));
  }
});

describe('corpus scoring', () => {
  it('counts recall per factor and traps flagged, each label at most once', () => {
    const labels = [
      label({ line: 10 }),
      label({ line: 50 }),
      label({ line: 100, kind: 'trap', note: 'PORT from env' }),
      label({ line: 200, kind: 'trap', note: 'another trap' }),
      label({ factor: 11, file: 'lib/log.js', line: 5, category: 'file-log' }),
    ];
    const findings = [finding({ line: 11 }), finding({ line: 12 }), finding({ line: 101 }), finding({ factor: 11, file: 'lib/log.js', line: 30 }), finding({ line: 400 })];
    const result = score(labels, findings);
    const vii = result.rows[6];
    assert.deepEqual({ ...vii }, { factor: 7, violations: 2, found: 1, traps: 2, flagged: 1 });
    assert.deepEqual({ ...result.rows[10] }, { factor: 11, violations: 1, found: 0, traps: 0, flagged: 0 });
    assert.deepEqual({ ...result.total }, { factor: 0, violations: 3, found: 1, traps: 2, flagged: 1 });
    assert.deepEqual(result.missed.map((l) => l.line), [50, 5]);
    assert.deepEqual(result.flagged.map(({ label: l, findings: hits }) => [l.line, hits.map((hit) => hit.line)]), [[100, [101]]]);
    assert.deepEqual(result.unlabelled.map((f) => `${f.factor}:${f.line}`), ['11:30', '7:400']);
  });

  it('prints a table with a total row and percentages', () => {
    const table = formatTable(score([label(), label({ kind: 'trap', line: 90 })], [finding()]));
    assert.match(table, /^\| VII Port binding \| 1 \| 1 \| 100\.0% \| 1 \| 0 \| 0\.0% \|$/m);
    assert.match(table, /^\| \*\*Total\*\* \| 1 \| 1 \| 100\.0% \| 1 \| 0 \| 0\.0% \|$/m);
    assert.doesNotMatch(table, /Codebase/);
  });
});

describe('SARIF to findings', () => {
  it('takes the factor from the result, then the rule descriptor, then the rule id prefix', () => {
    const log = sarif([
      { ruleId: 'config/no-hardcoded-secret', message: { text: 'x' }, locations: at('lib/a.js', 3), properties: { factor: 3 } },
      { ruleId: 'logs/no-file-logging', ruleIndex: 0, message: { text: 'x' }, locations: at('lib/b.js', 4) },
      { ruleId: 'port-binding/no-hardcoded-port', message: { text: 'x' }, locations: at('lib/with%20space.js', 5) },
      { ruleId: 'unknown/rule', message: { text: 'x' }, locations: at('lib/c.js', 6) },
      { ruleId: 'processes/no-local-state', message: { text: 'no location' } },
    ]);
    assert.deepEqual(
      findingsFromSarif(log, PKG).map((f) => [f.factor, f.file, f.line]),
      [[3, 'lib/a.js', 3], [11, 'lib/b.js', 4], [7, 'lib/with space.js', 5]],
    );
  });
});

describe('labels.jsonl parsing', () => {
  it('reads one label per line and skips blank and comment lines', () => {
    const text = `// comment\n${JSON.stringify(label())}\n\n${JSON.stringify(label({ kind: 'trap', alt_lines: [3] }))}\n`;
    assert.equal(parseLabels(text).length, 2);
  });

  const bad: [string, unknown, RegExp][] = [
    ['a factor out of range', { ...label(), factor: 13 }, /factor/],
    ['an unknown kind', { ...label(), kind: 'maybe' }, /kind/],
    ['a missing note', { ...label(), note: '' }, /note/],
    ['an absolute file', { ...label(), file: '/lib/server.js' }, /file/],
    ['a zero line', { ...label(), line: 0 }, /line/],
  ];
  for (const [name, value, message] of bad) {
    it(`rejects ${name}, naming the line`, () => assert.throws(() => parseLabels(`\n${JSON.stringify(value)}`), (error: Error) => message.test(error.message) && /line 2/.test(error.message)));
  }
});
