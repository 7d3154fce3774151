import assert from 'node:assert/strict';
import { CodeGraph } from '../../../server/src/core/graph/codeGraph';
import { pageRank } from '../../../server/src/core/answer/pageRank';
import { emptyFacts, type FileFacts, type SymbolFact } from '../../../server/src/core/model';

// Centrality over "depends on" edges: what many others call ranks high; the result does not
// depend on the order the graph was built in.

function sym(name: string): SymbolFact {
  return { name, qname: name, kind: 'function', range: [0, 0, 1, 0], selection: [0, 0, 0, 1], signature: name, exported: true };
}

function build(order: string[]): CodeGraph {
  const g = new CodeGraph();
  const facts: FileFacts = { ...emptyFacts('typescript', 10), symbols: ['hub', 'a', 'b', 'c', 'leaf'].map(sym) };
  g.setFileNodes('x.ts', facts);
  const edges: [string, string][] = [
    ['a', 'hub'],
    ['b', 'hub'],
    ['c', 'hub'],
    ['hub', 'leaf'],
  ];
  const ordered = order.map((k) => edges[Number(k)]);
  g.setFileEdges(
    'x.ts',
    ordered.map(([s, t]) => ({ kind: 'calls' as const, source: `s:x.ts#${s}`, target: `s:x.ts#${t}`, resolution: 'scope' as const, confidence: 1, sites: [[0, 0, 0, 1]] })),
  );
  return g;
}

describe('answer: PageRank centrality', () => {
  it('ranks what everything depends on above its callers', () => {
    const { score, rank } = pageRank(build(['0', '1', '2', '3']).graph);
    assert.ok(score.get('s:x.ts#hub')! > score.get('s:x.ts#a')!);
    // The leaf is called only by the hub, which passes on everything it receives.
    assert.ok(score.get('s:x.ts#leaf')! > score.get('s:x.ts#a')!);
    assert.equal(score.get('s:x.ts#a'), score.get('s:x.ts#b'));
    assert.ok(rank.get('s:x.ts#hub')! <= 2 && rank.get('s:x.ts#leaf')! <= 2);
  });

  it('gives the same numbers whatever order the edges were added in', () => {
    const one = pageRank(build(['0', '1', '2', '3']).graph);
    const two = pageRank(build(['3', '2', '1', '0']).graph);
    assert.deepEqual([...one.score].sort(), [...two.score].sort());
    assert.deepEqual([...one.rank].sort(), [...two.rank].sort());
  });

  it('bumps the graph version on every change, so centrality is recomputed', () => {
    const g = build(['0']);
    const v = g.version;
    g.removeFile('x.ts');
    assert.ok(g.version > v);
  });
});
