import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatInt, formatMs, formatRate, renderBenchmarksMd, writeBenchmarksMd, type BenchReport } from '../../../bench/report';

// BENCHMARKS.md rendering: statistics, targets with met/missed marks, and sections that are
// simply absent when the data is.

const machine = { cpuModel: 'Test CPU 3000', cores: 2, totalMemoryMB: 8192, node: 'v20.0.0', os: 'Linux 6.0 x64' };

const full: BenchReport = {
  date: '2026-01-02T03:04:05.000Z',
  machine,
  runs: 3,
  notes: ['django skipped: python3-django is not installed'],
  workspaces: [
    {
      name: 'generated monorepo',
      source: 'generated, seed 1',
      files: 2800,
      lines: 500_000,
      tsLines: 325_000,
      pyLines: 175_000,
      cold: { runsMs: [4_000, 5_000, 4_500], peakRssMB: 420.4, cpuMs: [7_000, 9_900, 8_100] },
      parseFloor: { ms: 2_500, lines: 500_000, bytes: 16_000_000 },
      warm: { runsMs: [900, 1_100, 800] },
      incremental: {
        small: { file: 'packages/core/src/utils/ids.ts', fileLines: 38, samplesMs: [1, 2, 3, 4, 15] },
        large: { file: 'packages/core/src/engine/pipeline.ts', fileLines: 4_995, samplesMs: [40, 60] },
      },
      lsp: { readyMs: 6_200, hoverMs: [1, 2, 3], referencesMs: [10, 20], callHierarchyMs: [5], serverRssMB: 350 },
    },
    { name: 'effect', source: 'effect@4.1.0 (npm tarball)', files: 572, lines: 523_445, tsLines: 523_445, pyLines: 0 },
  ],
};

describe('bench report', () => {
  it('formats numbers the same on every machine', () => {
    assert.equal(formatInt(1_234_567), '1,234,567');
    assert.equal(formatInt(999), '999');
    assert.equal(formatInt(Number.NaN), '—');
    assert.equal(formatMs(2_345), '2.35 s');
    assert.equal(formatMs(123.4), '123 ms');
    assert.equal(formatMs(12.34), '12.3 ms');
    assert.equal(formatMs(1.234), '1.23 ms');
    assert.equal(formatRate(123_456), '123k lines/s');
    assert.equal(formatRate(2_500_000), '2.50M lines/s');
    assert.equal(formatRate(950), '950 lines/s');
  });

  it('renders machine, summary, per-workspace metrics with targets and marks, and how to reproduce', () => {
    const md = renderBenchmarksMd(full);
    const lines = md.split('\n');
    const has = (line: string) => assert.ok(lines.includes(line), `missing line:\n${line}\n--- in ---\n${md}`);
    has('# SparkGraph benchmarks');
    has('Measured 2026-01-02T03:04:05.000Z with `npm run bench` (3 runs per cold/warm measurement).');
    has('| Test CPU 3000 | 2 | 8,192 MB | v20.0.0 | Linux 6.0 x64 |');
    has(
      '| generated monorepo | 2,800 | 500,000 (325,000 TS/JS · 175,000 Py) | 4.50 s ✅ | 111k lines/s | 1.80× | 420 MB ❌ | 900 ms ✅ | 12.8 ms ✅ | 59.0 ms ❌ |',
    );
    has('| effect | 572 | 523,445 (523,445 TS/JS · 0 Py) | — | — | — | — | — | — | — |');
    has('- django skipped: python3-django is not installed');
    has('Source: generated, seed 1.');
    has('| Cold index (median of 3) | 4.50 s (min 4.00 s, max 5.00 s, n=3) | ≤ 6 s | ✅ met |');
    has('| Throughput (cold) | 111k lines/s |  |  |');
    // Median CPU 8.1 s over the median 4.5 s cold index; the machine has 2 cores.
    has('| CPU time of a cold index (all threads, median) | 8.10 s (1.8 cores busy on average; on 2 cores it cannot take less than 4.05 s) |  |  |');
    has('| Parse floor (tree-sitter only, 1 thread) | 2.50 s (200k lines/s) |  |  |');
    has('| Cold index ÷ parse floor | 1.80× |  |  |');
    has('| Peak RSS while indexing | 420 MB | ≤ 400 MB | ❌ missed |');
    has('| Warm start (median of 3) | 900 ms (min 800 ms, max 1.10 s, n=3) | ≤ 1 s | ✅ met |');
    has('| Single-line edit, small file (`packages/core/src/utils/ids.ts`, 38 lines) | p50 3.00 ms · p95 12.8 ms (n=5) | p95 ≤ 15 ms | ✅ met |');
    has('| Single-line edit, large file (`packages/core/src/engine/pipeline.ts`, 4,995 lines) | p50 50.0 ms · p95 59.0 ms (n=2) | p95 ≤ 50 ms | ❌ missed |');
    has('| LSP: initialize → index ready | 6.20 s |  |  |');
    has('| LSP: hover | p50 2.00 ms · p95 2.90 ms (n=3) | p95 ≤ 50 ms | ✅ met |');
    has('| LSP: references | p50 15.0 ms · p95 19.5 ms (n=2) | p95 ≤ 50 ms | ✅ met |');
    has('| LSP: call hierarchy | p50 5.00 ms · p95 5.00 ms (n=1) | p95 ≤ 50 ms | ✅ met |');
    has('| LSP: server RSS once indexed | 350 MB | ≤ 400 MB | ✅ met |');
    has('## How to reproduce');
    for (const cmd of ['npm run bench ', 'npm run bench -- --corpus effect', 'npm run bench -- /path/to/folder', '--runs 5', '--lines 200000']) {
      assert.ok(md.includes(cmd), `reproduce section lacks ${cmd}`);
    }
  });

  it('leaves out what was not measured instead of printing empty rows', () => {
    const md = renderBenchmarksMd({
      date: '2026-01-02',
      machine,
      runs: 1,
      workspaces: [{ name: 'only cold', files: 10, lines: 1_000, tsLines: 1_000, pyLines: 0, cold: { runsMs: [500] } }],
    });
    assert.ok(md.includes('Measured 2026-01-02 with `npm run bench` (1 run per cold/warm measurement).'));
    assert.ok(md.includes('| Cold index (median of 1) | 500 ms | ≤ 6 s | ✅ met |'), 'a single run prints no min/max');
    for (const absent of ['| Parse floor', '| Peak RSS while', '| Warm start', '| Single-line edit', '| LSP:', 'Source:']) {
      assert.ok(!md.includes(absent), `unexpected ${absent}`);
    }
    assert.ok(md.includes('| only cold | 10 | 1,000 (1,000 TS/JS · 0 Py) | 500 ms ✅ | 2k lines/s | — | — | — | — | — |'));
  });

  it('counts a value exactly at its target as met, and says so when there is nothing at all', () => {
    const md = renderBenchmarksMd({
      ...full,
      workspaces: [{ name: 'edge', files: 1, lines: 1, tsLines: 1, pyLines: 0, cold: { runsMs: [6_000], peakRssMB: 400 } }],
    });
    assert.ok(md.includes('| Cold index (median of 1) | 6.00 s | ≤ 6 s | ✅ met |'));
    assert.ok(md.includes('| Peak RSS while indexing | 400 MB | ≤ 400 MB | ✅ met |'));
    const empty = renderBenchmarksMd({ ...full, notes: undefined, workspaces: [{ name: 'bare', files: 0, lines: 0, tsLines: 0, pyLines: 0 }] });
    assert.ok(empty.includes('No measurements for this workspace (runs requested: 3).'));
    assert.ok(renderBenchmarksMd({ ...full, workspaces: [] }).includes('No workspaces were measured.'));
  });

  it('writes the rendered markdown to the given path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-bench-report-'));
    try {
      const path = join(dir, 'BENCHMARKS.md');
      await writeBenchmarksMd(path, full);
      assert.equal(readFileSync(path, 'utf8'), renderBenchmarksMd(full));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
