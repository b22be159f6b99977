import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../server/src/engine/lineIndex';

describe('LineIndex', () => {
  it('maps offsets to positions across \\n, \\r\\n and \\r line breaks, and back', () => {
    const lines = new LineIndex('ab\r\ncd\nef\rgh');
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(4), { line: 1, character: 0 });
    assert.deepEqual(lines.positionAt(8), { line: 2, character: 1 });
    assert.deepEqual(lines.positionAt(10), { line: 3, character: 0 });
    assert.equal(lines.offsetAt({ line: 2, character: 1 }), 8);
    assert.equal(lines.lineText(0), 'ab');
    assert.equal(lines.lineCount, 4);
  });

  it('counts UTF-16 code units as LSP does', () => {
    const lines = new LineIndex('const a = "😀"; const b = 1;');
    assert.deepEqual(lines.positionAt(17), { line: 0, character: 17 });
  });

  it('clamps offsets outside the text', () => {
    const lines = new LineIndex('abc');
    assert.deepEqual(lines.positionAt(99), { line: 0, character: 3 });
    assert.deepEqual(lines.positionAt(-5), { line: 0, character: 0 });
  });
});
