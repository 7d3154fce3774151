import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { copyFixture, positionOf } from '../../helpers/fixtures';
import { canonicalGraph } from '../../helpers/graphText';

// Edits typed into an open buffer, one after another, must leave the graph a fresh index of the
// same text would build — including when a later edit gives meaning to an earlier one.

describe('editor edits in sequence', function () {
  this.timeout(30_000);

  async function scratchWith(root: string, path: string, text: string): Promise<string[]> {
    const fresh = new WorkspaceIndex(root, { workers: 0, cache: false });
    try {
      await fresh.build();
      await fresh.openDocument(path, text);
      await fresh.whenCurrent();
      return canonicalGraph(fresh.graph.graph);
    } finally {
      await fresh.dispose();
    }
  }

  it('links a call typed before the function it calls is typed', async () => {
    const ws = copyFixture('link-ts');
    const index = new WorkspaceIndex(ws.root, { workers: 0, cache: false });
    try {
      await index.build();
      const path = 'src/app.ts';
      let text = readFileSync(join(ws.root, path), 'utf8');
      await index.openDocument(path, text);
      const at = positionOf(text, '  helper();');
      await index.changeDocument(path, [{ range: { start: at, end: at }, text: '  brandNew();\n' }]);
      text = text.slice(0, text.indexOf('  helper();')) + '  brandNew();\n' + text.slice(text.indexOf('  helper();'));
      const end = { line: text.split('\n').length - 1, character: 0 };
      await index.changeDocument(path, [{ range: { start: end, end }, text: 'function brandNew(): void {}\n' }]);
      text += 'function brandNew(): void {}\n';
      await index.whenCurrent();
      assert.ok(index.graph.graph.hasEdge('s:src/app.ts#main', 's:src/app.ts#brandNew'));
      assert.deepEqual(canonicalGraph(index.graph.graph), await scratchWith(ws.root, path, text));
      // And typing the definition away again leaves the call unresolved, as a fresh index would.
      const defLine = text.split('\n').length - 2;
      await index.changeDocument(path, [{ range: { start: { line: defLine, character: 0 }, end: { line: defLine + 1, character: 0 } }, text: '' }]);
      text = text.split('\n').filter((_, i) => i !== defLine).join('\n');
      await index.whenCurrent();
      assert.ok(!index.graph.graph.hasNode('s:src/app.ts#brandNew'));
      assert.deepEqual(canonicalGraph(index.graph.graph), await scratchWith(ws.root, path, text));
    } finally {
      await index.dispose();
      ws.cleanup();
    }
  });
});
