import { createHash } from 'node:crypto';
import { lineStarts, offsetAt } from '../textPositions';
import { RefactorError, type TextEdit } from './types';

// Edits to whole texts; positions and offsets are in ../textPositions.

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
