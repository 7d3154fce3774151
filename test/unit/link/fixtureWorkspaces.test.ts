import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { fixturePath } from '../../helpers/fixtures';
import { edgeLines, readExpected } from '../../helpers/graphText';

// Each fixture workspace lists, in expected-edges.txt, every calls/imports/extends/implements
// edge it must produce. The test demands exactly that set: nothing missing, nothing extra.

const KINDS = new Set(['calls', 'imports', 'extends', 'implements']);

for (const name of ['link-ts', 'link-py']) {
  describe(`linking the ${name} fixture`, () => {
    let index: WorkspaceIndex;
    before(async () => {
      index = new WorkspaceIndex(fixturePath(name), { workers: 0, cache: false });
      await index.build();
    });
    after(() => index.dispose());

    it('produces exactly the expected edges', () => {
      const expected = readExpected(readFileSync(join(fixturePath(name), 'expected-edges.txt'), 'utf8'));
      const actual = edgeLines(index.graph.graph, KINDS);
      const missing = expected.filter((e) => !actual.includes(e));
      const extra = actual.filter((a) => !expected.includes(a));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    });
  });
}
