import assert from 'node:assert/strict';
import { attachBody, detachBody, jsonString, lazyFacts, releaseBody, splitFacts } from '../../server/src/core/lazyFacts';
import type { FileFacts } from '../../server/src/core/model';

// Lazy facts parse their links and body on first read; saving a part nobody changed writes back
// the very text it came from, a changed part is saved as it now is, and a body read from text
// can be let go again.

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

const head = () => ({ language: 'python' as const, symbols: [], errorCount: 0, lineCount: 1 });
const json = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

describe('lazy facts', () => {
  it('round-trips through split and lazy to the same facts', () => {
    const { head: h, links, body } = splitFacts(facts);
    const back = lazyFacts(JSON.parse(JSON.stringify(h)), links, body);
    assert.deepEqual(json(back), json(facts));
  });

  it('saves unread parts as the exact text they were read from', () => {
    const links = '{"imports":[], "exports":[],"heritage":[],"bindings":[]}';
    const body = '{"calls":[ {"callee":["y"],"range":[0,0,0,1],"scope":null} ],"references":[]}';
    const lazy = lazyFacts(head(), links, body);
    assert.deepEqual(splitFacts(lazy), { head: head(), links, body });
  });

  it('saves a part as it is once changed, and keeps the other as it was', () => {
    const { head: h, links, body } = splitFacts(facts);
    const lazy = lazyFacts({ ...h }, links, body);
    lazy.calls = [];
    assert.deepEqual(JSON.parse(jsonString(splitFacts(lazy).body)).calls, []);
    assert.equal(splitFacts(lazy).links, links);
    assert.deepEqual(lazy.imports, facts.imports);
  });

  it('reads parts held as UTF-8 bytes, and saves them back as the same bytes', () => {
    const { head: h, links, body } = splitFacts(facts);
    const bytes = (t: string | Uint8Array) => Buffer.from(jsonString(t), 'utf8');
    const linkBytes = bytes(links);
    // A slice of a bigger buffer, as the cache loader hands out.
    const shared = Buffer.concat([Buffer.from('xx'), bytes(body), Buffer.from('yy')]);
    const bodyBytes = shared.subarray(2, shared.length - 2);
    const lazy = lazyFacts({ ...h }, linkBytes, bodyBytes);
    assert.equal(splitFacts(lazy).body, bodyBytes);
    assert.deepEqual(json(lazy), json(facts));
    releaseBody(lazy);
    assert.deepEqual(lazy.calls, facts.calls);
    lazy.imports = [];
    assert.deepEqual(JSON.parse(jsonString(splitFacts(lazy).links)).imports, []);
    assert.equal(splitFacts(lazy).body, bodyBytes);
  });

  it('reads a damaged part as no facts rather than failing', () => {
    const lazy = lazyFacts(head(), '{"imports": [tru', '{"calls": [tru');
    assert.deepEqual(lazy.calls, []);
    assert.deepEqual(lazy.imports, []);
  });

  it('lets a body read from text go back to text, and parses it again on the next read', () => {
    const { head: h, links, body } = splitFacts(facts);
    const lazy = lazyFacts({ ...h }, links, body);
    const first = lazy.calls;
    releaseBody(lazy);
    const second = lazy.calls;
    assert.notEqual(second, first);
    assert.deepEqual(second, first);
    // Held across a release, a read value stays what it was; a changed body is never released.
    lazy.references = [{ from: null, path: ['x'], range: [0, 0, 0, 1] }] as FileFacts['references'];
    releaseBody(lazy);
    assert.equal(lazy.references.length, 1);
  });

  it('sends freshly extracted facts without their body and gets the same facts back', () => {
    const { rest, body } = detachBody(facts);
    assert.equal('calls' in rest, false);
    const back = attachBody(JSON.parse(JSON.stringify(rest)), body);
    assert.deepEqual(json(back), json(facts));
    assert.equal(splitFacts(back).body, body);
  });

  it('leaves facts that were never lazy alone on release', () => {
    const plain = { ...facts };
    releaseBody(plain);
    assert.equal(plain.calls, facts.calls);
  });
});
