import type { Range } from './model';

// Offsets and LSP-shaped positions (line, UTF-16 column) in a text — which is what JavaScript
// string indices are. Shared by refactors (edits), dependency checks (imports found by
// pattern) and anything else that turns string offsets into ranges.

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function offsetAt(starts: readonly number[], line: number, column: number): number {
  if (line >= starts.length) return starts[starts.length - 1];
  return starts[line] + column;
}

/** The (line, column) of an offset: the inverse of offsetAt. */
export function positionAt(starts: readonly number[], offset: number): [line: number, column: number] {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return [lo, offset - starts[lo]];
}

/** The range between two offsets. */
export function rangeBetween(starts: readonly number[], start: number, end: number): Range {
  return [...positionAt(starts, start), ...positionAt(starts, end)] as Range;
}

export function textAt(text: string, starts: readonly number[], r: Range): string {
  return text.slice(offsetAt(starts, r[0], r[1]), offsetAt(starts, r[2], r[3]));
}

export function lineText(text: string, starts: readonly number[], line: number): string {
  const end = line + 1 < starts.length ? starts[line + 1] - 1 : text.length;
  return text.slice(starts[line], end).replace(/\r$/, '');
}
