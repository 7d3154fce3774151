import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { canonicalGraph } from '../../helpers/graphText';
import { diff, listFiles, mixedWorkspace, Mutator, prng, scratch } from '../../helpers/workspaceMutator';

// The incremental index must equal a from-scratch index after any sequence of changes. A seeded
// generator applies random edits to fixture workspaces — on disk (create, change, delete,
// rename, config edits) and in the editor (incremental content changes, never saved) — and
// after every step the updated graph is compared with a fresh build of the same state.

describe('incremental index equals a from-scratch index', function () {
  this.timeout(120_000);

  for (const seed of [1, 2, 3, 4]) {
    it(`after 30 random disk and editor changes (seed ${seed})`, async () => {
      const ws = mixedWorkspace();
      const root = ws.root;
      const rand = prng(seed);
      const mutator = new Mutator(ws, rand);
      const index = new WorkspaceIndex(root, { workers: 0, cache: false });
      const open = new Map<string, string>();
      try {
        await index.build();
        assert.deepEqual(canonicalGraph(index.graph.graph), await scratch(root, open));
        for (let step = 0; step < 30; step++) {
          const r = rand();
          let what: string;
          if (r < 0.25) {
            // Edit in the editor without saving: the buffer, not the disk, is the truth.
            const candidates = listFiles(root).filter((f) => /\.(ts|py)$/.test(f) && !f.endsWith('.d.ts'));
            const path = candidates[Math.floor(rand() * candidates.length)];
            if (!open.has(path)) {
              const text = readFileSync(join(root, path), 'utf8');
              open.set(path, text);
              await index.openDocument(path, text);
            }
            const change = mutator.editorChange(open.get(path)!, path.endsWith('.py'));
            const text = open.get(path)!;
            const startOffset = offset(text, change.range!.start);
            const endOffset = offset(text, change.range!.end);
            open.set(path, text.slice(0, startOffset) + change.text + text.slice(endOffset));
            await index.changeDocument(path, [change]);
            what = `editor change in ${path}`;
          } else if (r < 0.3 && open.size) {
            const [path] = [...open.keys()];
            open.delete(path);
            await index.closeDocument(path);
            what = `close ${path}`;
          } else {
            const changes = mutator.diskChange().filter((c) => !open.has(c.path) || c.kind !== 'deleted');
            for (const c of changes) if (c.kind === 'deleted') open.delete(c.path);
            await index.applyChanges(changes);
            what = JSON.stringify(changes);
          }
          // Requests see the graph once queued work is done; that is the state to compare.
          await index.whenCurrent();
          const fresh = await scratch(root, open);
          const actual = canonicalGraph(index.graph.graph);
          if (actual.join('\n') !== fresh.join('\n')) {
            assert.fail(`step ${step} (${what}) diverged: ${JSON.stringify(diff(actual, fresh), null, 2)}`);
          }
        }
      } finally {
        await index.dispose();
        ws.cleanup();
      }
    });
  }
});

function offset(text: string, pos: { line: number; character: number }): number {
  let o = 0;
  for (let l = 0; l < pos.line; l++) o = text.indexOf('\n', o) + 1;
  return o + pos.character;
}

