import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyCallGraph, foundFrom, resolveCall, type FileCallGraph } from '../../../server/src/rules/_utils/callGraph';

describe('call graph', () => {
  const file = '/project/src/boot.js';
  const graph: FileCallGraph<string> = { ...emptyCallGraph<string>(), functions: { start: { found: ['migration'], calls: [] } } };
  const graphOf = (path: string) => (path === file ? graph : undefined);
  const paths = new Set([file]);

  it('follows a call to a function of the same file', () => {
    const target = resolveCall(file, { name: 'start', range: [0, 1] }, graphOf, paths);
    assert.deepEqual(target, { file, name: 'start' });
    assert.deepEqual(foundFrom(target!, graphOf, paths), [{ file, item: 'migration' }]);
  });

  it('does not take names that Object.prototype carries for functions of the file', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      assert.equal(resolveCall(file, { name, range: [0, 1] }, graphOf, paths), undefined);
      assert.deepEqual(foundFrom({ file, name }, graphOf, paths), []);
    }
  });
});
