import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { engineFor } from '../../../server/src/core/answer/forIndex';
import { pageRank } from '../../../server/src/core/answer/pageRank';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { copyFixture } from '../../helpers/fixtures';

// Centrality depends on the graph's shape only: an edit that moves ranges and call sites keeps
// it (a question after a keystroke no longer recomputes PageRank over the whole workspace); an
// edit that adds or removes a call recomputes it, and it always equals a fresh computation.

describe('centrality across edits', function () {
  this.timeout(30_000);
  let fx: ReturnType<typeof copyFixture>;
  let index: WorkspaceIndex;
  const file = 'src/auth/password.ts';

  before(async () => {
    fx = copyFixture('ask-app');
    index = new WorkspaceIndex(fx.root, { cache: false, workers: 0 });
    await index.build();
  });
  after(async () => {
    await index?.dispose();
    fx?.cleanup();
  });

  it('is kept through edits that change no node or edge, and recomputed after one that does', async () => {
    const engine = engineFor(index);
    const text = readFileSync(join(fx.root, file), 'utf8');
    await index.openDocument(file, text);
    const first = engine.prepare().centrality;
    const versionBefore = index.graph.version;

    // A blank line on top moves every range and call site of the file.
    await index.changeDocument(file, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\n' }]);
    await index.whenCurrent();
    assert.notEqual(index.graph.version, versionBefore, 'the edit reached the graph');
    const kept = engine.prepare().centrality;
    assert.equal(kept, first);
    assert.deepEqual(kept, pageRank(index.graph.graph));

    // A new call from hashPassword to checkPassword is a new edge.
    const at = text.indexOf('return bcrypt.hash');
    const line = text.slice(0, at).split('\n').length; // 0-based line after the inserted blank line
    await index.changeDocument(file, [{ range: { start: { line, character: 2 }, end: { line, character: 2 } }, text: "void checkPassword(plain, '');\n  " }]);
    await index.whenCurrent();
    const recomputed = engine.prepare().centrality;
    assert.notEqual(recomputed, first);
    assert.deepEqual(recomputed, pageRank(index.graph.graph));
    assert.notDeepEqual(recomputed.score, first.score);
  });
});
