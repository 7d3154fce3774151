import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffLines, unifiedDiff } from '../../../server/src/core/refactor/unifiedDiff';

// The patch must be accepted by the tools people apply patches with, and applying it must give
// exactly the new content.

function withRepo<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-diff-'));
  try {
    execFileSync('git', ['init', '-q', dir]);
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function roundTrip(before: string | null, after: string): void {
  const patch = unifiedDiff('a.txt', before, after);
  withRepo((dir) => {
    if (before !== null) writeFileSync(join(dir, 'a.txt'), before);
    writeFileSync(join(dir, 'p.diff'), patch);
    execFileSync('git', ['apply', '--check', 'p.diff'], { cwd: dir });
    execFileSync('patch', ['-p1', '--dry-run', '-s', '-i', 'p.diff'], { cwd: dir });
    execFileSync('git', ['apply', 'p.diff'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'a.txt'), 'utf8'), after);
  });
}

describe('unified diff', () => {
  it('writes hunks with three lines of context and exact headers', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].join('\n') + '\n';
    const after = before.replace('e\n', 'E\n');
    assert.equal(
      unifiedDiff('x/y.ts', before, after),
      'diff --git a/x/y.ts b/x/y.ts\n--- a/x/y.ts\n+++ b/x/y.ts\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n',
    );
  });

  it('separates distant changes into hunks and merges near ones', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i}`);
    const after = [...lines];
    after[2] = 'two';
    after[30] = 'thirty';
    after[34] = 'thirty-four';
    const patch = unifiedDiff('f', lines.join('\n') + '\n', after.join('\n') + '\n');
    assert.deepEqual(patch.match(/^@@.*@@$/gm), ['@@ -1,6 +1,6 @@', '@@ -28,11 +28,11 @@']);
  });

  it('says nothing for equal texts', () => {
    assert.equal(unifiedDiff('f', 'same\n', 'same\n'), '');
  });

  it('finds a shortest edit script', () => {
    const ops = diffLines(['a', 'b', 'c', 'a', 'b', 'b', 'a'], ['c', 'b', 'a', 'b', 'a', 'c']);
    assert.equal(ops.filter((o) => o.t !== ' ').length, 5);
  });

  it('round-trips through git apply and patch: missing final newline, new file, deletions', () => {
    roundTrip('one\ntwo\nthree', 'one\n2\nthree');
    roundTrip('one\ntwo\n', 'one\ntwo');
    roundTrip('one\ntwo', 'one\ntwo\n');
    roundTrip(null, 'export const x = 1;\n');
    roundTrip(null, '');
    roundTrip('a\nb\nc\nd\n', 'd\n');
    roundTrip('a\n', 'x\ny\na\nz\n');
  });

  it('round-trips random edits of a larger file', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let round = 0; round < 8; round++) {
      const before = Array.from({ length: 60 }, (_, i) => `row ${i % 9}`);
      const after = [...before];
      for (let k = 0; k < 6; k++) {
        const at = rand(after.length);
        const op = rand(3);
        if (op === 0) after.splice(at, 1);
        else if (op === 1) after.splice(at, 0, `new ${round}.${k}`);
        else after[at] = `changed ${round}.${k}`;
      }
      roundTrip(before.join('\n') + '\n', after.join('\n') + '\n');
    }
  });
});
