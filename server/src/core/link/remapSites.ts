import type { EdgeSpec } from '../graph/types';
import type { FileFacts, Range } from '../model';
import { compareRanges } from './linkFile';

// Typing inside a function body moves code without changing what it uses. When a file's
// declarations (its surface) and its uses (calls, references, heritage, imports — everything
// except their positions) are the same as at its last link, every resolution is the same too:
// the previous edges stay right once their call sites are moved to the new positions.

const key = (r: Range) => `${r[0]},${r[1]},${r[2]},${r[3]}`;

/** Old-position → new-position for every use, or undefined when the uses themselves differ. */
export function useMoves(before: FileFacts, after: FileFacts): Map<string, Range> | undefined {
  const a = before;
  const b = after;
  if (a.calls.length !== b.calls.length || a.references.length !== b.references.length || a.heritage.length !== b.heritage.length || a.imports.length !== b.imports.length) return undefined;
  const moves = new Map<string, Range>();
  // Only positions that changed are recorded: typing within a line moves a handful of uses.
  const move = (from: Range, to: Range): boolean => {
    if (from[0] === to[0] && from[1] === to[1] && from[2] === to[2] && from[3] === to[3]) return true;
    const k = key(from);
    const prev = moves.get(k);
    if (prev && compareRanges(prev, to) !== 0) return false;
    moves.set(k, to);
    return true;
  };
  for (let i = 0; i < a.calls.length; i++) {
    const x = a.calls[i];
    const y = b.calls[i];
    if (x.caller !== y.caller || x.isNew !== y.isNew || !samePath(x.callee, y.callee) || !move(x.range, y.range)) return undefined;
  }
  for (let i = 0; i < a.references.length; i++) {
    const x = a.references[i];
    const y = b.references[i];
    if (x.from !== y.from || !samePath(x.path, y.path) || !move(x.range, y.range)) return undefined;
  }
  for (let i = 0; i < a.heritage.length; i++) if (!move(a.heritage[i].range, b.heritage[i].range)) return undefined;
  for (let i = 0; i < a.imports.length; i++) if (!move(a.imports[i].range, b.imports[i].range)) return undefined;
  return moves;
}

/** The edges with their sites moved; `changed` lists the indexes of edges whose sites moved. */
export function moveSites(edges: readonly EdgeSpec[], moves: ReadonlyMap<string, Range>): { edges: EdgeSpec[]; changed: number[] } {
  const changed: number[] = [];
  if (moves.size === 0) return { edges: [...edges], changed };
  const out = edges.map((e, i) => {
    if (!e.sites || !e.sites.some((r) => moves.has(key(r)))) return e;
    changed.push(i);
    return { ...e, sites: e.sites.map((r) => moves.get(key(r)) ?? r).sort(compareRanges) };
  });
  return { edges: out, changed };
}

function samePath(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
