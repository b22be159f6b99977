import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../../server/src/engine/parse';

describe('parseSource', () => {
  it('reads sloppy-mode octal escapes and literals, keeping the ranges of the file', () => {
    const text = "var red = '\\033[31m';\nvar tab = '\\11';\nfs.createWriteStream(file, { mode: 0644 });";
    const result = parseSource(text, '/p/lib/logger.js');
    assert.ok(result.ok);
    const call = result.ast.body[2];
    assert.equal(call.type, 'ExpressionStatement');
    assert.equal(text.slice(call.range[0], call.range[1]), 'fs.createWriteStream(file, { mode: 0644 });');
  });

  it('still reports code that does not parse', () => {
    const result = parseSource('var a = \'\\033\' +;', '/p/a.js');
    assert.equal(result.ok, false);
  });
});
