import { createHash } from 'node:crypto';
import type { Range } from '../model';
import { RefactorError, type TextEdit } from './types';

// Ranges are LSP-shaped (line, UTF-16 column), which is what JavaScript string indices are.

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

/** Apply non-overlapping edits; overlapping ones are a bug in the refactor and refused. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const starts = lineStarts(text);
  const sorted = edits
    .map((e) => ({ start: offsetAt(starts, e.range[0], e.range[1]), end: offsetAt(starts, e.range[2], e.range[3]), text: e.newText }))
    .sort((x, y) => x.start - y.start || x.end - y.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new RefactorError(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

/** Same edit set, each once: several graph edges can name the same token. */
export function dedupeEdits(edits: readonly TextEdit[]): TextEdit[] {
  const seen = new Map<string, TextEdit>();
  for (const e of edits) seen.set(`${e.range.join(',')}|${e.newText}`, e);
  return [...seen.values()].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
