import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSourceFile } from '../../server/src/engine/parse';
import type { Rule } from '../../server/src/engine/rule';
import type { InvalidCase } from './ruleTester';

/**
 * A scan parses a file only when some rule's `triggers` text is in it, so a trigger that misses
 * an invalid case hides that finding in the CLI and the workspace while the rule tests still pass.
 */
export function checkTriggers(rule: Rule, cases: readonly InvalidCase[]): void {
  describe(`${rule.id} triggers`, () => {
    it('match every source file an invalid case reports in', () => {
      for (const testCase of cases) {
        const filename = testCase.filename ?? 'src/index.js';
        for (const error of testCase.errors) {
          const file = error.file ?? filename;
          const text = file === filename ? testCase.code : testCase.files?.[file];
          if (text === undefined || !isSourceFile(file) || !rule.triggers) continue;
          assert.ok(rule.triggers.test(text), `${rule.id}: triggers miss ${file} of "${testCase.name ?? testCase.code}"`);
        }
      }
    });
  });
}
