import type { Range } from '../../model';
import type { ManifestProblem } from '../types';

// One problem per broken manifest, placed where the reader stopped so an editor can underline it.

export function problemAt(manifest: string, message: string, line: number, column: number, text: string): ManifestProblem {
  const lines = text.split('\n');
  const l = Math.max(0, Math.min(line, lines.length - 1));
  const lineText = (lines[l] ?? '').replace(/\r$/, '');
  const c = Math.max(0, Math.min(column, lineText.length));
  const end = lineText.length > c ? lineText.length : c;
  const range: Range = [l, c, l, end];
  return { manifest, message, range };
}

/** Line/column of a JSON.parse failure: V8 says `at position N` or `(line L column C)`. */
export function jsonErrorPosition(error: Error, text: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(error.message);
  if (lc) return { line: Number(lc[1]) - 1, column: Number(lc[2]) - 1 };
  const pos = /position (\d+)/.exec(error.message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) };
}

/** 0-based line of the first line matching `re`, for placing a declaration. */
export function lineMatching(text: string, re: RegExp, from = 0): number | undefined {
  const lines = text.split('\n');
  for (let i = from; i < lines.length; i++) if (re.test(lines[i])) return i;
  return undefined;
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
