import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs, { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IndexCache } from '../../../server/src/core/index/indexCache';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { copyFixture } from '../../helpers/fixtures';
import { canonicalGraph } from '../../helpers/graphText';

// The persistent index: reopening an unchanged workspace parses nothing, a changed file is
// re-parsed alone, and a damaged or outdated cache is discarded and rebuilt, never trusted.

describe('persistent index cache', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof copyFixture>;
  let cacheDir: string;

  beforeEach(() => {
    ws = copyFixture('link-py');
    cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-cache-test-'));
  });
  afterEach(() => {
    ws.cleanup();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  async function build(): Promise<{ summary: Awaited<ReturnType<WorkspaceIndex['build']>>; graph: string[] }> {
    const index = new WorkspaceIndex(ws.root, { cache: cacheDir, workers: 0 });
    try {
      const summary = await index.build();
      return { summary, graph: canonicalGraph(index.graph.graph) };
    } finally {
      await index.dispose();
    }
  }

  it('reopens an unchanged workspace without parsing and with the same graph', async () => {
    const cold = await build();
    assert.equal(cold.summary.parsed, 8);
    const warm = await build();
    assert.equal(warm.summary.parsed, 0);
    assert.equal(warm.summary.fromCache, 8);
    assert.deepEqual(warm.graph, cold.graph);
  });

  it('re-parses only a file whose content changed', async () => {
    await build();
    appendFileSync(join(ws.root, 'src/shop/services/tax.py'), '\n\ndef surcharge():\n    return rate()\n');
    const next = await build();
    assert.deepEqual([next.summary.parsed, next.summary.fromCache], [1, 7]);
    assert.ok(next.graph.some((l) => l.startsWith('E s:src/shop/services/tax.py#surcharge s:src/shop/services/tax.py#rate')));
  });

  const damages: [string, (file: string) => void, RegExp][] = [
    ['truncated', (f) => writeFileSync(f, readFileSync(f).subarray(0, 200)), /truncated/],
    [
      'corrupt',
      (f) => {
        const b = readFileSync(f);
        b[b.length - 10] ^= 0xff;
        writeFileSync(f, b);
      },
      /checksum mismatch/,
    ],
    [
      'older format',
      (f) => {
        const b = readFileSync(f);
        b.writeUInt32LE(0, 8);
        writeFileSync(f, b);
      },
      /format 0, expected/,
    ],
    ['not an index', (f) => writeFileSync(f, 'hello'), /not a SparkGraph index file/],
  ];
  for (const [name, damage, note] of damages) {
    it(`discards a ${name} cache, says so, and rebuilds the same graph`, async () => {
      const cold = await build();
      damage(new IndexCache(ws.root, cacheDir).file);
      const again = await build();
      assert.match(again.summary.cacheNote ?? '', note);
      assert.equal(again.summary.parsed, 8);
      assert.deepEqual(again.graph, cold.graph);
      const healed = await build();
      assert.equal(healed.summary.parsed, 0);
    });
  }
  it('rebuilds from a damaged cache it cannot remove (a read-only cache folder)', async () => {
    const cold = await build();
    const file = new IndexCache(ws.root, cacheDir).file;
    writeFileSync(file, 'hello');
    // Root ignores folder permissions, so the refusal is the file system's answer, stubbed.
    const realRm = fs.rmSync;
    fs.rmSync = () => {
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    };
    try {
      const again = await build();
      assert.match(again.summary.cacheNote ?? '', /not a SparkGraph index file/);
      assert.equal(again.summary.parsed, 8);
      assert.deepEqual(again.graph, cold.graph);
    } finally {
      fs.rmSync = realRm;
    }
  });

  /**
   * Rewrite the payload's lines and seal the file again, as a tool that knows the format would.
   * The link's binary blocks, after its last line, are kept as they are.
   */
  function rewritePayload(file: string, edit: (lines: string[]) => string[], keepBlocks = true): void {
    const b = readFileSync(file);
    const header = 8 + 4 + 4 + 20;
    let end = header;
    for (;;) {
      const next = b.indexOf(10, end);
      if (next < 0) break;
      const isLast = b.subarray(end, end + 11).toString() === '{"strings":';
      end = next + 1;
      if (isLast) break;
    }
    const lines = b.subarray(header, end - 1).toString('utf8').split('\n');
    const payload = Buffer.concat([Buffer.from(edit(lines).join('\n') + '\n'), keepBlocks ? b.subarray(end) : Buffer.alloc(0)]);
    const head = Buffer.from(b.subarray(0, header));
    head.writeUInt32LE(payload.length, 12);
    createHash('sha1').update(payload).digest().copy(head, 16);
    writeFileSync(file, Buffer.concat([head, payload]));
  }

  it('discards a sealed cache whose payload stops short of the files it announces', async () => {
    const cold = await build();
    rewritePayload(new IndexCache(ws.root, cacheDir).file, (lines) => lines.slice(0, 5), false);
    const again = await build();
    assert.match(again.summary.cacheNote ?? '', /payload ends early/);
    assert.equal(again.summary.parsed, 8);
    assert.deepEqual(again.graph, cold.graph);
  });

  it('keeps the cached facts but links again when the saved links are unreadable', async () => {
    const cold = await build();
    // 1 head line and 3 lines per file; what follows is the link section.
    rewritePayload(new IndexCache(ws.root, cacheDir).file, (lines) => [...lines.slice(0, 25), '{"fingerprint":', ...lines.slice(26)]);
    const again = await build();
    assert.equal(again.summary.parsed, 0);
    assert.equal(again.summary.linked, 8);
    assert.deepEqual(again.graph, cold.graph);
    const healed = await build();
    assert.equal(healed.summary.linked, 0);
  });

  it('links again only the file whose saved link does not add up', async () => {
    const cold = await build();
    let damaged = '';
    rewritePayload(new IndexCache(ws.root, cacheDir).file, (lines) =>
      lines.map((line, i) => {
        // The first file's link (after the 1 + 3 × 8 fact lines and the link head): its edges cut short by one number.
        if (i !== 26) return line;
        const [path, [stats, deps, firstWord, wordCount, firstConfidence]] = JSON.parse(line) as [string, [unknown, unknown, number, number, number]];
        assert.ok(wordCount > 0, `${path} has edges to cut`);
        damaged = path;
        return JSON.stringify([path, [stats, deps, firstWord, wordCount - 1, firstConfidence]]);
      }),
    );
    assert.ok(damaged);
    const again = await build();
    assert.equal(again.summary.parsed, 0);
    assert.equal(again.summary.linked, 1);
    assert.deepEqual(again.graph, cold.graph);
  });

  it('keeps the cached facts but links again when the link blocks are cut short', async () => {
    const cold = await build();
    const file = new IndexCache(ws.root, cacheDir).file;
    rewritePayload(file, (lines) => lines);
    const sealed = readFileSync(file);
    // Drop the last confidence (8 bytes) and seal again.
    const payload = sealed.subarray(8 + 4 + 4 + 20, sealed.length - 8);
    const head = Buffer.from(sealed.subarray(0, 8 + 4 + 4 + 20));
    head.writeUInt32LE(payload.length, 12);
    createHash('sha1').update(payload).digest().copy(head, 16);
    writeFileSync(file, Buffer.concat([head, payload]));
    const again = await build();
    assert.equal(again.summary.parsed, 0);
    assert.equal(again.summary.linked, 8);
    assert.deepEqual(again.graph, cold.graph);
  });
});
