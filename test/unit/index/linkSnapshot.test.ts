import assert from 'node:assert/strict';
import { CodeGraph } from '../../../server/src/core/graph/codeGraph';
import { externalMemberId, externalModuleId, fileId, symbolId } from '../../../server/src/core/graph/ids';
import type { EdgeSpec } from '../../../server/src/core/graph/types';
import { forEachFileNode, LinkReader, LinkWriter, type EncodedLink, type LinkSnapshot } from '../../../server/src/core/index/linkSnapshot';
import type { LinkStats } from '../../../server/src/core/link/linkFile';
import { emptyFacts, type FileFacts, type SymbolFact } from '../../../server/src/core/model';
import { canonicalGraph } from '../../helpers/graphText';

// A saved link is numbers: edge ends are the cached files' nodes numbered in the cache's order
// (then the shared nodes), so reading it back must give the very graph it was written from,
// and a link that does not add up must be refused, never half-read.

function facts(...qnames: string[]): FileFacts {
  const f = emptyFacts('typescript', 20);
  f.symbols = qnames.map((qname, i): SymbolFact => {
    const name = qname.slice(qname.lastIndexOf('.') + 1);
    const parent = qname.includes('.') ? qname.slice(0, qname.lastIndexOf('.')) : undefined;
    return { name, qname, kind: parent ? 'method' : 'class', range: [i, 0, i, 9], selection: [i, 2, i, 4], signature: qname, exported: !parent, ...(parent ? { parent } : {}) };
  });
  return f;
}

const stats: LinkStats = { calls: 3, resolvedCalls: 2, guessedCalls: 1, unresolvedCalls: 0, imports: 1, unresolvedImports: 0 };
const deps = () => ({ files: new Set(['b.ts']), probes: new Set(['dir:src', 'b.ts']), names: new Set(['ts:save']) });

describe('link snapshot', () => {
  // `a.ts` repeats a qname: both numbers it gets must read back as that one node.
  const files: [string, FileFacts][] = [
    ['a.ts', facts('A', 'A.run', 'A.run', 'A.stop')],
    ['b.ts', facts('B', 'B.save')],
  ];
  const lodash = externalMemberId('npm', 'lodash', 'map');
  const edges: Record<string, EdgeSpec[]> = {
    'a.ts': [
      { kind: 'imports', source: fileId('a.ts'), target: fileId('b.ts'), sites: [[0, 0, 0, 20]], names: ['B', 'default'] },
      { kind: 'calls', source: symbolId('a.ts', 'A.run'), target: symbolId('b.ts', 'B.save'), resolution: 'import', confidence: 1, sites: [[1, 4, 1, 10], [2, 4, 2, 10]] },
      { kind: 'calls', source: symbolId('a.ts', 'A.stop'), target: symbolId('b.ts', 'B.save'), resolution: 'name', confidence: 0.17, sites: [[3, 1, 3, 2]] },
      { kind: 'calls', source: symbolId('a.ts', 'A.stop'), target: lodash, resolution: 'import', confidence: 1, sites: [[3, 5, 3, 9]], shared: { id: lodash, attrs: { kind: 'external-symbol', name: 'map', qname: 'lodash.map', space: 'npm' } } },
      { kind: 'imports', source: fileId('a.ts'), target: externalModuleId('npm', 'lodash'), sites: [], names: [], shared: { id: externalModuleId('npm', 'lodash'), attrs: { kind: 'external-module', name: 'lodash', qname: 'lodash', space: 'npm' } } },
    ],
    'b.ts': [{ kind: 'extends', source: symbolId('b.ts', 'B'), target: symbolId('a.ts', 'A'), resolution: 'import', confidence: 1, sites: [[0, 10, 0, 11]] }],
  };

  const entries = () => files.map(([path, facts]): [string, { facts: FileFacts }] => [path, { facts }]);

  function linked(): CodeGraph {
    const g = new CodeGraph();
    for (const [path, f] of files) g.setFileNodes(path, f);
    for (const [path] of files) g.setFileEdges(path, edges[path]);
    return g;
  }

  function save(g: CodeGraph): LinkSnapshot {
    const writer = new LinkWriter(g, entries());
    const links = new Map<string, EncodedLink>();
    for (const [path] of files) links.set(path, writer.fileLink(path, stats, deps())!);
    // Through JSON, as the cache keeps the lines.
    const { strings, words, confidences } = writer.blocks();
    return { fingerprint: { reads: [], listings: [], rootPackage: null }, shared: JSON.parse(JSON.stringify(writer.shared)), files: new Map(JSON.parse(JSON.stringify([...links]))), strings, words: words.slice(), confidences: confidences.slice() };
  }

  function reader(snapshot: LinkSnapshot, into: CodeGraph): LinkReader {
    const ids: string[] = [];
    for (const [path, f] of files) {
      into.setFileNodes(path, f);
      forEachFileNode(path, f, (id) => ids.push(id));
    }
    return new LinkReader(snapshot, ids);
  }

  it('reads back the graph it was written from, edge for edge', () => {
    const original = linked();
    const snapshot = save(original);
    const restored = new CodeGraph();
    const links = reader(snapshot, restored);
    for (const [path] of files) {
      const link = links.decode(snapshot.files.get(path)!);
      assert.deepEqual(link.stats, stats);
      assert.deepEqual(link.deps, deps());
      restored.restoreFileEdges(path, link.edges);
    }
    assert.deepEqual(canonicalGraph(restored.graph), canonicalGraph(original.graph));
    // Same emission order, so an incremental re-link lines its edges up with the restored ones.
    const kinds = (g: CodeGraph) => g.ownedEdgeKeys('a.ts').map((k) => `${g.graph.source(k)}>${g.graph.target(k)}:${g.graph.getEdgeAttribute(k, 'kind')}`);
    assert.deepEqual(kinds(restored), kinds(original));
  });

  it('leaves out a file whose edge ends at a node the numbering does not know', () => {
    const g = linked();
    const stray = symbolId('c.ts', 'C');
    g.setFileNodes('c.ts', facts('C'));
    g.setFileEdges('b.ts', [...edges['b.ts'], { kind: 'calls', source: symbolId('b.ts', 'B.save'), target: stray }]);
    const writer = new LinkWriter(g, entries());
    assert.equal(writer.fileLink('b.ts', stats, deps()), undefined);
    // What it had written of that file is taken back: the next file's edges start where it started.
    const a = writer.fileLink('a.ts', stats, deps())!;
    assert.equal(a[2], 0);
  });

  const damages: [string, (s: LinkSnapshot) => void, RegExp][] = [
    ['an end outside the numbering', (s) => (s.words[0] = 999), /outside the numbering/],
    ['a negative end', (s) => (s.words[1] = -5), /outside the numbering/],
    ['an unknown kind', (s) => (s.words[2] = 7), /unknown kind/],
    ['edges cut short', (s) => (s.files.get('a.ts')![3] -= 1), /ends early/],
    ['a range past the block', (s) => (s.files.get('a.ts')![3] = s.words.length + 1), /outside the edge block/],
    ['a missing confidence', (s) => (s.confidences = s.confidences.subarray(0, 1)), /outside the confidence block/],
    ['a name outside the table', (s) => (s.strings = []), /outside the table/],
  ];
  for (const [what, damage, message] of damages) {
    it(`refuses a link with ${what}`, () => {
      const snapshot = save(linked());
      damage(snapshot);
      const links = reader(snapshot, new CodeGraph());
      assert.throws(() => links.decode(snapshot.files.get('a.ts')!), message);
    });
  }
});
