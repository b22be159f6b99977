import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../server/src/rules/config/no-hardcoded-secret';
import { lint } from '../support/ruleTester';

const SECRET = "'sk_live_4eC39HqLyjWDarjtT1zdp7dc'";
const linesOf = (code: string) => lint(rule, { code }).findings.map((finding) => finding.range.start.line + 1);

describe('suppression directives', () => {
  const table: { name: string; code: string; lines: number[] }[] = [
    { name: 'next-line silences only the next line', code: `// twelve-factor-disable-next-line config/no-hardcoded-secret\nconst a = ${SECRET};\nconst b = ${SECRET};`, lines: [3] },
    { name: 'a reason after -- is allowed', code: `// twelve-factor-disable-next-line config/no-hardcoded-secret -- rotated weekly, test account\nconst a = ${SECRET};`, lines: [] },
    { name: 'disable-line silences its own line', code: `const a = ${SECRET}; // twelve-factor-disable-line config/no-hardcoded-secret`, lines: [] },
    { name: 'a directive for another rule does not silence this one', code: `// twelve-factor-disable-next-line logs/no-file-logging\nconst a = ${SECRET};`, lines: [2] },
    { name: 'a list of rule ids', code: `// twelve-factor-disable-next-line logs/no-file-logging, config/no-hardcoded-secret\nconst a = ${SECRET};`, lines: [] },
    { name: 'no rule id silences every rule', code: `// twelve-factor-disable-next-line\nconst a = ${SECRET};`, lines: [] },
    { name: 'a block comment directive', code: `/* twelve-factor-disable-next-line config/no-hardcoded-secret */\nconst a = ${SECRET};`, lines: [] },
    {
      name: 'disable and enable blocks',
      code: `/* twelve-factor-disable config/no-hardcoded-secret */\nconst a = ${SECRET};\nconst b = ${SECRET};\n/* twelve-factor-enable config/no-hardcoded-secret */\nconst c = ${SECRET};`,
      lines: [5],
    },
    { name: 'enable of another rule keeps the block', code: `/* twelve-factor-disable */\nconst a = ${SECRET};\n/* twelve-factor-enable logs/no-file-logging */\nconst b = ${SECRET};`, lines: [] },
    { name: 'an unrelated comment is not a directive', code: `// twelve-factor-disabled-next-line\nconst a = ${SECRET};`, lines: [2] },
  ];
  for (const { name, code, lines } of table) {
    it(name, () => assert.deepEqual(linesOf(code), lines));
  }
});
