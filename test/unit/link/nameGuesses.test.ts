import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { writeWorkspace } from '../../helpers/fixtures';

// A call no import or scope explains is guessed by name, but only among symbols of the
// caller's own language family: Python never calls a JavaScript method by name (django vendors
// select2, whose `Translation.extend` was guessed as the target of Python `.extend()` calls).

describe('name-only guesses', function () {
  this.timeout(30_000);
  let ws: ReturnType<typeof writeWorkspace>;
  let index: WorkspaceIndex;

  before(async () => {
    ws = writeWorkspace(
      {
        'static/vendor.js': 'class Translation {\n  extend(x) {\n    return x;\n  }\n}\nfunction go(t) {\n  return t.extend(1);\n}\n',
        'bag.py': 'class Bag:\n    def extend(self, xs):\n        return xs\n',
        'app.py': 'def run(items):\n    return items.extend([1])\n',
      },
      'guesses',
    );
    index = new WorkspaceIndex(ws.root, { workers: 0, cache: false });
    await index.build();
  });
  after(async () => {
    await index.dispose();
    ws.cleanup();
  });

  const guessesFrom = (source: string) =>
    index.graph.graph
      .outEdges(source)
      .filter((e) => index.graph.graph.getEdgeAttribute(e, 'resolution') === 'name')
      .map((e) => index.graph.graph.target(e))
      .sort();

  it('guesses within the caller’s language only', () => {
    assert.deepEqual(guessesFrom('s:app.py#run'), ['s:bag.py#Bag.extend']);
    assert.deepEqual(guessesFrom('s:static/vendor.js#go'), ['s:static/vendor.js#Translation.extend']);
  });

  it('re-links only callers of the same language when such a name appears', async () => {
    writeFileSync(join(ws.root, 'more.py'), 'class More:\n    def extend(self, xs):\n        return xs\n');
    const r = await index.applyChanges([{ path: 'more.py', kind: 'created' }]);
    // The new file and the Python caller; vendor.js looked up `extend` among JavaScript names.
    assert.equal(r.relinked, 2);
    assert.deepEqual(guessesFrom('s:app.py#run'), ['s:bag.py#Bag.extend', 's:more.py#More.extend']);
    assert.deepEqual(guessesFrom('s:static/vendor.js#go'), ['s:static/vendor.js#Translation.extend']);
  });

  it('after a warm start, guesses among the restored files’ names too (indexed only once needed)', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-guess-cache-'));
    try {
      const first = new WorkspaceIndex(ws.root, { workers: 0, cache: cacheDir });
      await first.build();
      await first.dispose();
      const warm = new WorkspaceIndex(ws.root, { workers: 0, cache: cacheDir });
      assert.equal((await warm.build()).linked, 0);
      // Nothing has asked for the names since the warm start: this link is the first to need them.
      writeFileSync(join(ws.root, 'caller.py'), 'def again(xs):\n    return xs.extend([2])\n');
      await warm.applyChanges([{ path: 'caller.py', kind: 'created' }]);
      const g = warm.graph.graph;
      const guesses = g.outEdges('s:caller.py#again').filter((e) => g.getEdgeAttribute(e, 'resolution') === 'name').map((e) => g.target(e)).sort();
      assert.deepEqual(guesses, ['s:bag.py#Bag.extend', 's:more.py#More.extend']);
      await warm.dispose();
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  });
});
