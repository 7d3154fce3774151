import assert from 'node:assert/strict';
import { MultiDirectedGraph } from 'graphology';
import { useDictionaryAdjacency } from '../../../server/src/core/graph/dictionaryAdjacency';

// The adjacency objects are swapped for dictionary-mode ones; the graph must behave exactly as
// an untouched graphology graph through every operation the engine uses.

function build(patched: boolean): MultiDirectedGraph {
  const g = new MultiDirectedGraph({ allowSelfLoops: true });
  if (patched) useDictionaryAdjacency(g);
  for (let i = 0; i < 40; i++) g.addNode(`n${i}`, { i });
  let seed = 3;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  for (let i = 0; i < 300; i++) g.addEdge(`n${rand(40)}`, `n${rand(40)}`, { i });
  for (let i = 0; i < 30; i++) g.dropEdge(g.edges()[rand(g.size)]!);
  g.dropNode('n7');
  g.addNode('late');
  g.addEdge('late', 'n1');
  g.addEdge('n1', 'n1');
  return g;
}

function shape(g: MultiDirectedGraph) {
  return g.nodes().map((n) => ({
    n,
    out: g.outNeighbors(n).sort(),
    in: g.inNeighbors(n).sort(),
    outEdges: g.outEdges(n).map((e) => g.getEdgeAttribute(e, 'i') as number | undefined).sort(),
    hasToN1: g.hasDirectedEdge(n, 'n1'),
    degree: g.degree(n),
  }));
}

describe('dictionary adjacency', () => {
  it('leaves every graph operation the engine uses answering as before', () => {
    const plain = build(false);
    const patched = build(true);
    assert.equal(patched.size, plain.size);
    assert.deepEqual(shape(patched), shape(plain));
    // Edge keys carry a per-graph prefix; everything else must match.
    const unkeyed = (g: MultiDirectedGraph) => g.export().edges.map(({ source, target, attributes }) => ({ source, target, attributes }));
    assert.deepEqual(unkeyed(patched), unkeyed(plain));
    assert.deepEqual(patched.export().nodes, plain.export().nodes);
  });

  it('gives nodes added later, and after clearEdges, adjacency that still has hasOwnProperty', () => {
    const g = new MultiDirectedGraph();
    useDictionaryAdjacency(g);
    g.addNode('a');
    g.addNode('b');
    g.addEdge('a', 'b');
    assert.equal(g.hasDirectedEdge('a', 'b'), true);
    g.clearEdges();
    assert.equal(g.hasDirectedEdge('a', 'b'), false);
    g.addEdge('b', 'a');
    assert.equal(g.hasDirectedEdge('b', 'a'), true);
    assert.deepEqual(g.outNeighbors('b'), ['a']);
  });

  it('replaces the node data class of that graph only', () => {
    const g = new MultiDirectedGraph();
    const other = new MultiDirectedGraph();
    useDictionaryAdjacency(g);
    const internals = (x: MultiDirectedGraph) => (x as unknown as { NodeDataClass: unknown }).NodeDataClass;
    assert.notEqual(internals(g), internals(other));
  });
});
