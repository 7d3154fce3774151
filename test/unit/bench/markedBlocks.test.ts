import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { keepBlocks, markedBlocks, replaceBlock, writeBlock, writeKeepingBlocks } from '../../../bench/markedBlocks';

describe('BENCHMARKS.md marked blocks', () => {
  const doc = '# Title\n\nintro\n\n<!-- begin:where -->\n## Where\nold\n<!-- end:where -->\n\ntail\n';

  it('finds blocks with their names', () => {
    assert.deepEqual(markedBlocks(doc).map((b) => b.name), ['where']);
  });

  it('replaces a block in place and leaves the rest alone', () => {
    const out = replaceBlock(doc, 'where', '## Where\nnew $& text');
    assert.equal(out, '# Title\n\nintro\n\n<!-- begin:where -->\n## Where\nnew $& text\n<!-- end:where -->\n\ntail\n');
  });

  it('appends a block that is not there yet', () => {
    const out = replaceBlock('# T\n', 'deps', 'numbers');
    assert.equal(out, '# T\n\n<!-- begin:deps -->\nnumbers\n<!-- end:deps -->\n');
  });

  it('carries the blocks of the previous document into a regenerated one', () => {
    const out = keepBlocks(doc, '# Fresh\n');
    assert.equal(out, '# Fresh\n\n<!-- begin:where -->\n## Where\nold\n<!-- end:where -->\n');
    assert.equal(keepBlocks(doc, replaceBlock('# Fresh\n', 'where', 'x')).match(/begin:where/g)?.length, 1);
  });

  it('rejects names that would break the markers', () => {
    assert.throws(() => replaceBlock('', 'a b', 'x'), /invalid block name/);
  });

  it('writes files atomically and keeps other blocks across a full rewrite', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sg-blocks-'));
    const path = join(dir, 'BENCHMARKS.md');
    await writeBlock(path, 'deps', 'deps numbers');
    writeFileSync(path, readFileSync(path, 'utf8').replace('deps numbers', 'deps numbers v2'));
    await writeKeepingBlocks(path, '# Bench\n\ntable\n');
    assert.equal(readFileSync(path, 'utf8'), '# Bench\n\ntable\n\n<!-- begin:deps -->\ndeps numbers v2\n<!-- end:deps -->\n');
  });
});
