import assert from 'node:assert/strict';
import { MultiDirectedGraph } from 'graphology';
import { useCompactEdgeKeys } from '../../../server/src/core/graph/edgeKeys';

// Generated edge keys become a short counter; they must stay unique, also next to keys a caller
// chose, and through drops and re-adds.

describe('compact edge keys', () => {
  it('generates short unique keys that never collide with explicit ones', () => {
    const g = new MultiDirectedGraph({ allowSelfLoops: true });
    useCompactEdgeKeys(g);
    g.addNode('a');
    g.addNode('b');
    // Explicit keys take the values the counter is about to produce.
    g.addEdgeWithKey('1', 'a', 'b');
    g.addEdgeWithKey('2', 'b', 'a');
    const generated = [g.addEdge('a', 'b'), g.addEdge('a', 'b'), g.addEdge('b', 'b'), g.addEdge('a', 'a')];
    assert.deepEqual(generated, ['0', '3', '4', '5']);
    g.dropEdge('3');
    generated.push(g.addEdge('b', 'a'));
    assert.equal(new Set([...generated, '1', '2']).size, generated.length + 2);
    assert.equal(g.size, 6);
    assert.ok(generated.every((k) => k.length <= 2));
    assert.deepEqual(g.extremities('5'), ['a', 'a']);
  });

  it('leaves a graph without the expected internals as it is', () => {
    const notAGraph = { _edgeKeyGenerator: 42 };
    useCompactEdgeKeys(notAGraph as never);
    assert.equal(notAGraph._edgeKeyGenerator, 42);
  });
});
