import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

// `tsc --noEmit -p root` with this repository's TypeScript; the diagnostics as a set of lines,
// so "still type-checks" can mean "no diagnostic that was not there before".

export function tscDiagnostics(root: string): { ok: boolean; diagnostics: string[]; ms: number } {
  const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
  const t = performance.now();
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', root], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const ms = performance.now() - t;
  const diagnostics = (r.stdout + r.stderr).split('\n').filter((l) => /error TS\d+/.test(l)).map((l) => l.replace(/\(\d+,\d+\)/, ''));
  return { ok: r.status === 0, diagnostics, ms };
}

/** Diagnostics in `after` that `before` did not have (positions ignored: edits shift lines). */
export function newDiagnostics(before: readonly string[], after: readonly string[]): string[] {
  const left = new Map<string, number>();
  for (const d of before) left.set(d, (left.get(d) ?? 0) + 1);
  const out: string[] = [];
  for (const d of after) {
    const n = left.get(d) ?? 0;
    if (n > 0) left.set(d, n - 1);
    else out.push(d);
  }
  return out;
}
