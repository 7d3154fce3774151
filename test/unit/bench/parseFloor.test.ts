import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { floorLanguageFor, grammarOnlyModule, measureParseFloor, sourceFilesIn } from '../../../bench/parseFloor';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';
import { fixturePath } from '../../helpers/fixtures';

// The parse floor: tree-sitter alone over a file list, with reading and grammar loading
// kept off the clock, sharing the engine's tree-sitter runtime.

const root = fixturePath('bench-lines');

describe('bench parse floor', function () {
  this.timeout(60_000);

  it('maps file extensions to grammars', () => {
    assert.equal(floorLanguageFor('a/b.ts'), 'typescript');
    assert.equal(floorLanguageFor('a/b.MTS'), 'typescript');
    assert.equal(floorLanguageFor('a/b.tsx'), 'tsx');
    assert.equal(floorLanguageFor('a/b.cjs'), 'javascript');
    assert.equal(floorLanguageFor('a/b.jsx'), 'javascript');
    assert.equal(floorLanguageFor('a/b.py'), 'python');
    assert.equal(floorLanguageFor('a/notes.md'), undefined);
  });

  it('lists the source files of a folder with their grammar, in a stable order', () => {
    const files = sourceFilesIn(root).map((f) => ({ rel: relative(root, f.abs).split('\\').join('/'), language: f.language }));
    assert.deepEqual(files, [
      { rel: 'a.ts', language: 'typescript' },
      { rel: 'b.py', language: 'python' },
      { rel: 'd.js', language: 'javascript' },
      { rel: 'sub/c.tsx', language: 'tsx' },
    ]);
  });

  it('parses every file and reports the lines and bytes it covered; unreadable files are listed, not fatal', async () => {
    const missing = join(root, 'gone.ts');
    const floor = await measureParseFloor([...sourceFilesIn(root), { abs: missing, language: 'typescript' }]);
    assert.equal(floor.files, 4);
    assert.equal(floor.lines, 11);
    assert.equal(floor.bytes, 229);
    assert.deepEqual(floor.unreadable, [missing]);
    assert.ok(floor.ms >= 0);
    const empty = await measureParseFloor([]);
    assert.deepEqual({ ...empty, ms: 0 }, { ms: 0, lines: 0, bytes: 0, files: 0, unreadable: [] });
  });

  it('leaves the shared tree-sitter runtime usable by the engine afterwards', async () => {
    await measureParseFloor(sourceFilesIn(root));
    const host = new TreeSitterHost();
    const good = await host.parse(grammarOnlyModule('python'), 'def f(x):\n    return x\n');
    assert.equal(good.tree.rootNode.hasError, false);
    assert.equal(good.tree.rootNode.firstChild?.type, 'function_definition');
    good.tree.delete();
    const bad = await host.parse(grammarOnlyModule('typescript'), 'function (');
    assert.equal(bad.tree.rootNode.hasError, true);
    bad.tree.delete();
  });
});
