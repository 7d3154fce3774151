import assert from 'node:assert/strict';
import { CodeGraph } from '../../../server/src/core/graph/codeGraph';
import { externalMemberId, fileId, symbolId } from '../../../server/src/core/graph/ids';
import { emptyFacts, type FileFacts, type SymbolFact } from '../../../server/src/core/model';

// A warm start puts saved edges back as they were; links that no longer match the facts (a
// damaged or hand-edited cache) lose only the edges whose ends are gone, and never leave an
// external node behind that no edge uses.

function facts(...names: string[]): FileFacts {
  const f = emptyFacts('typescript', 10);
  f.symbols = names.map((name, i): SymbolFact => ({ name, qname: name, kind: 'function', range: [i, 0, i, 5], selection: [i, 0, i, 3], signature: `function ${name}()`, exported: true }));
  return f;
}

describe('CodeGraph.restoreFileEdges', () => {
  it('restores edges between nodes that exist and skips those with a missing end', () => {
    const g = new CodeGraph();
    g.setFileNodes('a.ts', facts('main', 'helper'));
    g.setFileNodes('b.ts', facts('util'));
    const lodash = externalMemberId('npm', 'lodash', 'map');
    const left = externalMemberId('npm', 'left-pad', 'pad');
    const shared = (id: string, member: string) => ({ id, attrs: { kind: 'external-symbol' as const, name: member, qname: member, space: 'npm' as const } });
    const edges = [
      { source: symbolId('a.ts', 'main'), target: symbolId('b.ts', 'util'), attrs: { kind: 'calls' as const, resolution: 'import' as const, sites: [[1, 2, 1, 8]] } },
      { source: symbolId('a.ts', 'main'), target: symbolId('b.ts', 'gone'), attrs: { kind: 'calls' as const, resolution: 'import' as const } },
      { source: symbolId('a.ts', 'vanished'), target: lodash, attrs: { kind: 'calls' as const }, shared: shared(lodash, 'map') },
      { source: symbolId('a.ts', 'helper'), target: left, attrs: { kind: 'calls' as const }, shared: shared(left, 'pad') },
      { source: symbolId('a.ts', 'main'), target: left, attrs: { kind: 'references' as const }, shared: shared(left, 'pad') },
    ];
    const before = g.graph.size;
    g.restoreFileEdges('a.ts', edges as Parameters<CodeGraph['restoreFileEdges']>[1]);
    const added = g.ownedEdgeKeys('a.ts').map((k) => [g.graph.source(k), g.graph.target(k), g.graph.getEdgeAttribute(k, 'kind')]);
    assert.deepEqual(added, [
      [symbolId('a.ts', 'main'), symbolId('b.ts', 'util'), 'calls'],
      [symbolId('a.ts', 'helper'), left, 'calls'],
      [symbolId('a.ts', 'main'), left, 'references'],
    ]);
    assert.equal(g.graph.size, before + 3);
    assert.equal(g.graph.hasNode(lodash), false, 'no external without an edge');
    assert.equal(g.graph.getNodeAttribute(left, 'name'), 'pad');
    assert.ok(g.graph.hasNode(fileId('a.ts')));
  });
});
