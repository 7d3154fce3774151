import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { stampPolicy } from '../../../server/src/core/parsing/fileStamp';
import { canonicalGraph } from '../../helpers/graphText';
import { diff, mixedWorkspace, Mutator, prng, scratch } from '../../helpers/workspaceMutator';

// Reopening a workspace puts the saved graph back (links included) and applies what changed on
// disk while it was closed. Whatever changed — edits, new, deleted and renamed files, config
// that changes every resolution — the reopened index must equal one built from scratch, link
// only what the changes affect, and keep updating correctly afterwards.

describe('warm restart equals a from-scratch index', function () {
  this.timeout(120_000);
  let cacheDir: string;
  let ws: ReturnType<typeof mixedWorkspace>;

  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-warm-'));
    ws = mixedWorkspace();
  });
  afterEach(() => {
    ws.cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  async function open(): Promise<{ index: WorkspaceIndex; summary: Awaited<ReturnType<WorkspaceIndex['build']>> }> {
    const index = new WorkspaceIndex(ws.root, { cache: cacheDir, workers: 0 });
    return { index, summary: await index.build() };
  }

  /** Change what every TypeScript resolution reads while closed: reopening must re-link everything, as a fresh index would. */
  async function changeConfigAndExpectFullRelink(): Promise<void> {
    const cfg = join(ws.root, 'tsconfig.base.json');
    writeFileSync(cfg, readFileSync(cfg, 'utf8').replace('src/lib/*', 'src/models/*'));
    const again = await open();
    try {
      assert.equal(again.summary.linked, again.summary.files);
      assert.deepEqual(canonicalGraph(again.index.graph.graph), await scratch(ws.root, new Map()));
    } finally {
      await again.index.dispose();
    }
  }

  it('links nothing when nothing changed, and answers exactly as before', async () => {
    const first = await open();
    const files = first.summary.files;
    assert.equal(first.summary.linked, files);
    const before = canonicalGraph(first.index.graph.graph);
    await first.index.dispose();
    const again = await open();
    try {
      assert.equal(again.summary.parsed, 0);
      assert.equal(again.summary.linked, 0);
      assert.deepEqual(canonicalGraph(again.index.graph.graph), before);
      assert.deepEqual({ ...again.summary, ms: 0, parsed: 0, fromCache: 0, linked: 0 }, { ...first.summary, ms: 0, parsed: 0, fromCache: 0, linked: 0 });
    } finally {
      await again.index.dispose();
    }
  });

  it('re-links only the files a change made while closed affects', async () => {
    await (await open()).index.dispose();
    const path = join(ws.root, 'pysrc/shop/services/tax.py');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\n\ndef surcharge():\n    return 1\n`);
    const again = await open();
    try {
      assert.equal(again.summary.parsed, 1);
      assert.ok(again.summary.linked >= 1 && again.summary.linked < again.summary.files, `linked ${again.summary.linked} of ${again.summary.files}`);
      assert.deepEqual(canonicalGraph(again.index.graph.graph), await scratch(ws.root, new Map()));
    } finally {
      await again.index.dispose();
    }
  });

  it('re-links everything when a config file the links used changed while closed', async () => {
    await (await open()).index.dispose();
    await changeConfigAndExpectFullRelink();
  });

  it('still notices a config change after a session that re-saved the cache without linking anything', async () => {
    await (await open()).index.dispose();
    // Files written moments ago get no stamp; once they are older the reopened index records
    // their stamps and saves again, having linked nothing and read no configuration itself.
    const racy = stampPolicy.racyMs;
    stampPolicy.racyMs = -1;
    try {
      const quiet = await open();
      assert.equal(quiet.summary.linked, 0);
      await quiet.index.dispose();
    } finally {
      stampPolicy.racyMs = racy;
    }
    await changeConfigAndExpectFullRelink();
  });

  for (const seed of [11, 12, 13]) {
    it(`after random changes while closed, and live changes after reopening (seed ${seed})`, async () => {
      const rand = prng(seed);
      const mutator = new Mutator(ws, rand);
      await (await open()).index.dispose();
      for (let session = 0; session < 6; session++) {
        // Closed: the disk changes and nobody is told.
        const offline = 1 + Math.floor(rand() * 3);
        const what: string[] = [];
        for (let i = 0; i < offline; i++) what.push(JSON.stringify(mutator.diskChange()));
        const { index } = await open();
        try {
          const fresh = await scratch(ws.root, new Map());
          const actual = canonicalGraph(index.graph.graph);
          if (actual.join('\n') !== fresh.join('\n')) assert.fail(`session ${session} reopened after ${what.join(', ')} diverged: ${JSON.stringify(diff(actual, fresh), null, 2)}`);
          // Open: changes are reported as a watcher would, on top of the restored links.
          for (let i = 0; i < 2; i++) {
            const changes = mutator.diskChange();
            await index.applyChanges(changes);
            await index.whenCurrent();
            const now = canonicalGraph(index.graph.graph);
            const expected = await scratch(ws.root, new Map());
            if (now.join('\n') !== expected.join('\n')) assert.fail(`session ${session}, live ${JSON.stringify(changes)} diverged: ${JSON.stringify(diff(now, expected), null, 2)}`);
          }
        } finally {
          await index.dispose();
        }
      }
    });
  }
});
