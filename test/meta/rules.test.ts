import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FACTORS } from '../../common/factors';
import { DOCS_BASE_URL } from '../../server/src/engine/rule';
import { RULES } from '../../server/src/rules';
import { SCHEMA_PATH, schemaText } from '../../scripts/generate-schema';

const ROOT = join(__dirname, '..', '..');

describe('rule registry', () => {
  it('registers every rule file exactly once, under the id its path gives', () => {
    const files = FACTORS.flatMap((factor) => {
      const dir = join(ROOT, 'server/src/rules', factor.slug);
      return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.ts')).map((name) => `${factor.slug}/${name.slice(0, -3)}`) : [];
    });
    assert.deepEqual(RULES.map((rule) => rule.id).sort(), files.sort());
  });

  it('lists rules in factor order', () => {
    const factors = RULES.map((rule) => rule.factor);
    assert.deepEqual(factors, [...factors].sort((a, b) => a - b));
  });

  for (const rule of RULES) {
    describe(rule.id, () => {
      it('has a docs page with the factor, incorrect and correct examples, and a docs URL that points at it', () => {
        const page = join(ROOT, 'docs/rules', `${rule.id}.md`);
        assert.ok(existsSync(page), `missing ${page}`);
        const text = readFileSync(page, 'utf8');
        const factor = FACTORS[rule.factor - 1];
        assert.match(text, new RegExp(`^# ${rule.id}$`, 'm'));
        assert.match(text, new RegExp(`Factor ${factor.roman}: ${factor.title}`));
        for (const heading of ['## Why it matters', '## Incorrect', '## Correct', '## Fix', '## Options', '## Known blind spots']) {
          assert.ok(text.includes(heading), `${rule.id} docs lack "${heading}"`);
        }
        assert.equal(rule.docsUrl, `${DOCS_BASE_URL}${rule.id}.md`);
      });

      it('has a table-driven test file', () => {
        assert.ok(existsSync(join(ROOT, 'test/rules', `${rule.id}.test.ts`)));
      });

      it('has messages without a trailing space and a one-line description', () => {
        assert.ok(Object.keys(rule.messages).length > 0);
        for (const message of Object.values(rule.messages) as string[]) assert.equal(message, message.trim());
        assert.doesNotMatch(rule.description, /\n/);
      });
    });
  }
});

describe('config schema', () => {
  it('is generated from the current rule registry', () => {
    assert.equal(readFileSync(SCHEMA_PATH, 'utf8'), schemaText(), 'run npm run schema to regenerate schemas/twelve-factor.schema.json');
  });
});

describe('README', () => {
  it('lists every rule with a link to its docs', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const rule of RULES) assert.ok(readme.includes(`[\`${rule.id}\`](docs/rules/${rule.id}.md)`), `README lacks ${rule.id}`);
  });
});
