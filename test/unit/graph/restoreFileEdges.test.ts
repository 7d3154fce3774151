import assert from 'node:assert/strict';
import { CodeGraph } from '../../../server/src/core/graph/codeGraph';
import { externalMemberId, fileId, symbolId } from '../../../server/src/core/graph/ids';
import type { NodeAttrs, RestoredEdges } from '../../../server/src/core/graph/types';
import { emptyFacts, type FileFacts, type SymbolFact } from '../../../server/src/core/model';

// A warm start puts saved edges back as they were, with the shared nodes they end at. Saved
// ends are numbered from the facts the nodes came from, so an end that is missing means the
// link does not belong to these facts: none of it is kept, and the caller links the file.

function facts(...names: string[]): FileFacts {
  const f = emptyFacts('typescript', 10);
  f.symbols = names.map((name, i): SymbolFact => ({ name, qname: name, kind: 'function', range: [i, 0, i, 5], selection: [i, 0, i, 3], signature: `function ${name}()`, exported: true }));
  return f;
}

const left = externalMemberId('npm', 'left-pad', 'pad');
const lodash = externalMemberId('npm', 'lodash', 'map');
const external = (member: string): NodeAttrs => ({ kind: 'external-symbol', name: member, qname: member, space: 'npm' });

function graph(): CodeGraph {
  const g = new CodeGraph();
  g.setFileNodes('a.ts', facts('main', 'helper'));
  g.setFileNodes('b.ts', facts('util'));
  return g;
}

describe('CodeGraph.restoreFileEdges', () => {
  it('puts the edges back in order and adds the shared nodes they end at', () => {
    const g = graph();
    const before = g.graph.size;
    const edges: RestoredEdges = {
      sources: [symbolId('a.ts', 'main'), symbolId('a.ts', 'helper'), symbolId('a.ts', 'main')],
      targets: [symbolId('b.ts', 'util'), left, left],
      attrs: [{ kind: 'calls', resolution: 'import', sites: [[1, 2, 1, 8]] }, { kind: 'calls' }, { kind: 'references' }],
      shared: [{ id: left, attrs: external('pad') }],
    };
    g.restoreFileEdges('a.ts', edges);
    const added = g.ownedEdgeKeys('a.ts').map((k) => [g.graph.source(k), g.graph.target(k), g.graph.getEdgeAttribute(k, 'kind')]);
    assert.deepEqual(added, [
      [symbolId('a.ts', 'main'), symbolId('b.ts', 'util'), 'calls'],
      [symbolId('a.ts', 'helper'), left, 'calls'],
      [symbolId('a.ts', 'main'), left, 'references'],
    ]);
    assert.equal(g.graph.size, before + 3);
    assert.equal(g.graph.getNodeAttribute(left, 'name'), 'pad');
    assert.deepEqual(g.graph.getEdgeAttribute(g.ownedEdgeKeys('a.ts')[0], 'sites'), [[1, 2, 1, 8]]);
  });

  it('keeps nothing of a link with a missing end, and throws', () => {
    const g = graph();
    const [order, size] = [g.graph.order, g.graph.size];
    const edges: RestoredEdges = {
      sources: [symbolId('a.ts', 'main'), symbolId('a.ts', 'helper'), symbolId('a.ts', 'main')],
      targets: [lodash, symbolId('b.ts', 'util'), symbolId('b.ts', 'gone')],
      attrs: [{ kind: 'calls' }, { kind: 'calls' }, { kind: 'calls' }],
      shared: [{ id: lodash, attrs: external('map') }],
    };
    assert.throws(() => g.restoreFileEdges('a.ts', edges), /not found/);
    assert.equal(g.graph.size, size, 'no edge of the link stays');
    assert.equal(g.graph.order, order, 'no shared node without an edge');
    assert.equal(g.graph.hasNode(lodash), false);
    assert.deepEqual(g.ownedEdgeKeys('a.ts'), []);
    assert.ok(g.graph.hasNode(fileId('a.ts')));
  });
});
