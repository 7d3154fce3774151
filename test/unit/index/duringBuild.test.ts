import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateMonorepo } from '../../../bench/generateMonorepo';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';

// A request for a file must not wait for the whole index: while a build of a sizeable
// workspace runs, a document opened in the editor is parsed at once and answers from its own
// facts; the graph catches up when the build is done.

describe('requests during a build', function () {
  this.timeout(60_000);
  let root: string;
  let small: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'sparkgraph-during-build-'));
    rmSync(root, { recursive: true });
    small = (await generateMonorepo(root, { lines: 40_000 })).smallFile;
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('answer from an opened document before the build finishes', async () => {
    const index = new WorkspaceIndex(root, { workers: 0, cache: false });
    const events: string[] = [];
    const building = index.build().then(() => events.push('built'));
    const opened = index.openDocument(small, readFileSync(join(root, small), 'utf8'));
    await index.whenCurrent();
    while (!index.facts(small) && events.length === 0) await new Promise((r) => setImmediate(r));
    events.push('document facts');
    await Promise.all([building, opened]);
    assert.deepEqual(events, ['document facts', 'built']);
    assert.ok(index.facts(small)!.symbols.length > 0);
    await index.dispose();
  });
});
