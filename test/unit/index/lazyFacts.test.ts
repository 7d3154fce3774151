import assert from 'node:assert/strict';
import { lazyFacts, splitFacts } from '../../../server/src/core/index/lazyFacts';
import type { FileFacts } from '../../../server/src/core/model';

// Cached facts parse their heavy half on first read; saving facts nobody read writes back the
// very text they came from, and facts that were read (or changed) are saved as they now are.

const facts: FileFacts = {
  language: 'typescript',
  symbols: [{ kind: 'function', name: 'go', qname: 'go', range: [0, 0, 1, 1], selection: [0, 9, 0, 11], signature: 'function go()', exported: true }],
  imports: [{ kind: 'esm', specifier: './x', typeOnly: false, bindings: [{ imported: 'x', local: 'x' }], range: [0, 0, 0, 20] }],
  exports: [],
  calls: [{ callee: ['x'], range: [1, 2, 1, 5], scope: 'go' }],
  heritage: [],
  references: [],
  bindings: [],
  errorCount: 0,
  lineCount: 2,
} as unknown as FileFacts;

describe('lazy cached facts', () => {
  it('round-trips through split and lazy to the same facts', () => {
    const { head, rest } = splitFacts(facts);
    const back = lazyFacts(JSON.parse(JSON.stringify(head)), rest);
    assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(facts)));
  });

  it('saves unread facts as the exact text they were read from', () => {
    const rest = '{"imports":[],"exports":[],"calls":[ {"callee":["y"],"range":[0,0,0,1],"scope":null} ],"heritage":[],"references":[],"bindings":[]}';
    const lazy = lazyFacts({ language: 'python', symbols: [], errorCount: 0, lineCount: 1 }, rest);
    assert.equal(splitFacts(lazy).rest, rest);
  });

  it('saves facts as they are once read and changed', () => {
    const { head, rest } = splitFacts(facts);
    const lazy = lazyFacts({ ...head }, rest);
    lazy.calls = [];
    assert.deepEqual(JSON.parse(splitFacts(lazy).rest).calls, []);
    assert.deepEqual(lazy.imports, facts.imports);
  });

  it('reads a damaged rest as no facts rather than failing', () => {
    const lazy = lazyFacts({ language: 'python', symbols: [], errorCount: 0, lineCount: 1 }, '{"calls": [tru');
    assert.deepEqual(lazy.calls, []);
    assert.deepEqual(lazy.imports, []);
  });
});
