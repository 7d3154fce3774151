import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { sameStamp, stampOf, stampPolicy } from '../../../server/src/core/parsing/fileStamp';
import { copyFixture } from '../../helpers/fixtures';

// Reopening trusts a file's stat signature instead of reading it, but only a signature that
// cannot hide a change: both times and the size must match, and a file touched just before it
// was read is always hashed.

describe('file stamps', function () {
  this.timeout(60_000);

  it('gives no stamp to a file changed within the racy window', () => {
    const now = 1_000_000;
    assert.equal(stampOf({ mtimeMs: now - 500, ctimeMs: now - 500, size: 3 }, now), undefined);
    assert.equal(stampOf({ mtimeMs: now - 10_000, ctimeMs: now - 100, size: 3 }, now), undefined);
    assert.deepEqual(stampOf({ mtimeMs: now - 10_000, ctimeMs: now - 9_000, size: 3 }, now), [now - 10_000, now - 9_000, 3]);
  });

  it('matches only the same times and size', () => {
    const st = { mtimeMs: 10, ctimeMs: 20, size: 30 };
    assert.ok(sameStamp([10, 20, 30], st));
    assert.ok(!sameStamp([10, 21, 30], st));
    assert.ok(!sameStamp([11, 20, 30], st));
    assert.ok(!sameStamp([10, 20, 31], st));
    assert.ok(!sameStamp(undefined, st));
  });

  describe('on reopening a workspace', () => {
    let ws: ReturnType<typeof copyFixture>;
    let cacheDir: string;
    const racy = stampPolicy.racyMs;
    beforeEach(() => {
      // Files were just copied; let their stamps count so the trusted path is the one tested.
      stampPolicy.racyMs = -1;
      ws = copyFixture('link-py');
      cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-stamps-'));
    });
    afterEach(() => {
      stampPolicy.racyMs = racy;
      ws.cleanup();
      rmSync(cacheDir, { recursive: true, force: true });
    });

    async function build() {
      const index = new WorkspaceIndex(ws.root, { cache: cacheDir, workers: 0 });
      try {
        const summary = await index.build();
        return { summary, tax: index.facts('src/shop/services/tax.py')!.symbols.map((s) => s.qname) };
      } finally {
        await index.dispose();
      }
    }

    it('sees a change that kept the modification time (the change time moves)', async () => {
      const first = await build();
      const path = join(ws.root, 'src/shop/services/tax.py');
      const { atime, mtime, size } = statSync(path);
      // Same size, same modification time, different content: only the change time tells.
      const text = readFileSync(path, 'utf8');
      const renamed = text.replace(/def (\w)/, (_m, c: string) => `def ${c === 'z' ? 'y' : 'z'}`);
      assert.notEqual(renamed, text);
      writeFileSync(path, renamed);
      utimesSync(path, atime, mtime);
      assert.equal(statSync(path).size, size);
      const again = await build();
      assert.equal(again.summary.parsed, 1);
      assert.notDeepEqual(again.tax, first.tax);
    });

    it('does not re-parse a file rewritten with the same content', async () => {
      await build();
      const path = join(ws.root, 'src/shop/services/tax.py');
      writeFileSync(path, readFileSync(path));
      const again = await build();
      assert.equal(again.summary.parsed, 0);
      assert.equal(again.summary.linked, 0);
    });
  });
});
