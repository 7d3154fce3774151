import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  countBufferLines,
  countLines,
  machineInfo,
  median,
  percentile,
  readProcessMemory,
  runInChild,
  timeIt,
} from '../../../bench/measure';
import { copyFixture, fixturePath } from '../../helpers/fixtures';

// Statistics, line counting, machine facts and the child-process runner the benchmark uses
// to get a per-phase peak RSS.

const child = fixturePath('bench-child/echoChild.ts');

describe('bench measure: statistics', () => {
  it('median of odd and even lists, NaN for none', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
  });

  it('percentile interpolates between ranks and covers the ends', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted on purpose
    assert.equal(percentile(xs, 0), 1);
    assert.equal(percentile(xs, 100), 20);
    assert.equal(percentile(xs, 50), 10.5);
    assert.ok(Math.abs(percentile(xs, 95) - 19.05) < 1e-9);
    assert.equal(percentile([7], 95), 7);
    assert.throws(() => percentile(xs, 101), /within 0\.\.100/);
  });

  it('timeIt returns the awaited result and a duration', async () => {
    const { result, ms } = await timeIt(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return 'done';
    });
    assert.equal(result, 'done');
    assert.ok(ms >= 0);
  });
});

describe('bench measure: counting lines', () => {
  it('counts a last line without a newline, and nothing for an empty buffer', () => {
    assert.equal(countBufferLines(Buffer.from('')), 0);
    assert.equal(countBufferLines(Buffer.from('a')), 1);
    assert.equal(countBufferLines(Buffer.from('a\n')), 1);
    assert.equal(countBufferLines(Buffer.from('a\nb')), 2);
    assert.equal(countBufferLines(Buffer.from('\n\n')), 2);
  });

  it('counts files and lines per extension, skipping node_modules and dist', () => {
    const { root, cleanup } = copyFixture('bench-lines');
    try {
      mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
      writeFileSync(join(root, 'node_modules', 'pkg', 'index.ts'), 'export {};\n');
      mkdirSync(join(root, 'dist'));
      writeFileSync(join(root, 'dist', 'a.js'), 'a\nb\nc\n');
      assert.deepEqual(countLines(root, ['.ts', '.tsx', '.js', '.py']), {
        files: 4,
        lines: 11,
        bytes: 229,
        byExtension: { '.ts': { files: 1, lines: 3 }, '.py': { files: 1, lines: 2 }, '.js': { files: 1, lines: 2 }, '.tsx': { files: 1, lines: 4 } },
      });
      assert.equal(countLines(root, ['.py']).lines, 2);
      assert.equal(countLines(root, ['.js'], []).lines, 5, 'with no skipped folders dist/a.js counts too');
    } finally {
      cleanup();
    }
  });

  it('gives zero for a folder that does not exist', () => {
    assert.deepEqual(countLines(join(fixturePath('bench-lines'), 'no-such-folder'), ['.ts']), { files: 0, lines: 0, bytes: 0, byExtension: {} });
  });
});

describe('bench measure: machine and process memory', () => {
  it('describes the machine', () => {
    const m = machineInfo();
    assert.ok(m.cores >= 1);
    assert.ok(m.totalMemoryMB > 0);
    assert.equal(m.node, process.version);
    assert.ok(m.cpuModel.length > 0);
    assert.ok(m.os.length > 0);
  });

  it('reads another process memory from /proc, undefined for a pid that does not exist', () => {
    if (process.platform === 'linux') {
      const mem = readProcessMemory(process.pid)!;
      assert.ok(mem.rssMB > 0 && mem.peakMB >= mem.rssMB);
    }
    assert.equal(readProcessMemory(2 ** 30), undefined);
  });
});

describe('bench measure: runInChild', function () {
  this.timeout(60_000);

  it("returns the child's result, runs it with --expose-gc and reports the child's own peak RSS", async () => {
    const small = await runInChild<{ args: string[]; hasGc: boolean; allocated: number }>(child, ['echo', '0']);
    assert.deepEqual(small.result, { args: ['echo', '0'], hasGc: true, allocated: 0 });
    assert.ok(small.ms > 0);
    assert.ok(small.maxRssMB > 10 && small.maxRssMB < 300, `idle child peak ${small.maxRssMB} MB`);
    const big = await runInChild<{ allocated: number }>(child, ['echo', '400']);
    assert.equal(big.result.allocated, 400 * 2 ** 20);
    assert.ok(big.maxRssMB >= 400, `child that touched 400 MB reports ${big.maxRssMB} MB`);
    assert.ok(big.maxRssMB - small.maxRssMB >= 350);
  });

  it('rejects with the child error, a silent exit or a timeout', async () => {
    await assert.rejects(runInChild(child, ['fail']), /asked to fail/);
    await assert.rejects(runInChild(child, ['silent']), /exited \(code 3\) without reporting a result/);
    await assert.rejects(runInChild(child, ['hang'], { timeoutMs: 3_000 }), /did not finish within 3000 ms/);
    await assert.rejects(runInChild(join(fixturePath('bench-child'), 'missing.js')), /missing\.js does not exist/);
  });
});
