import type { Graph } from '../graph/codeGraph';
import { isTestFile } from '../query/entryChains';
import { F } from './retrievalIndex';
import type { Ranked } from './search';

// One line per hit saying why it was chosen: what in it matched the question, and what the
// graph says about it ("name matches token, verify; doc mentions jwt; used by 6 callers in
// src/routes/").

const ORDER: [number, string][] = [
  [F.name, 'name matches'],
  [F.container, 'inside'],
  [F.doc, 'doc mentions'],
  [F.strings, 'strings mention'],
  [F.path, 'path matches'],
  [F.comments, 'comments mention'],
  [F.signature, 'signature mentions'],
  [F.calls, 'calls'],
  [F.imports, 'imports'],
];

export function lexicalReason(r: Ranked): string[] {
  const byField = new Map<number, string[]>();
  for (const [word, bits] of [...r.matched].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    // Each word is reported once, under the strongest field it matched in.
    const best = ORDER.find(([f]) => bits & (1 << f));
    if (!best) continue;
    const list = byField.get(best[0]) ?? [];
    list.push(r.viaSynonym.has(word) ? `${word}~` : word);
    byField.set(best[0], list);
  }
  const parts: string[] = [];
  for (const [f, label] of ORDER) {
    const words = byField.get(f);
    if (words) parts.push(`${label} ${words.join(', ')}`);
  }
  return parts;
}

/** "called from 6 places in src/routes" / "imported by 4 files" / "no callers (entry point)". */
export function graphReason(graph: Graph, id: string): string | undefined {
  if (!graph.hasNode(id)) return undefined;
  const kind = graph.getNodeAttribute(id, 'kind');
  if (kind === 'file') {
    const importers = new Set<string>();
    graph.forEachInEdge(id, (_e, a, s) => {
      if (a.kind === 'imports') importers.add(s);
    });
    return importers.size ? `imported by ${importers.size} file${importers.size === 1 ? '' : 's'}` : undefined;
  }
  const callerFiles = new Map<string, number>();
  let n = 0;
  const language = graph.getNodeAttribute(id, 'language');
  graph.forEachInEdge(id, (_e, a, s, _t, sa) => {
    if (a.kind !== 'calls' && !(a.kind === 'references' && sa.kind === 'file')) return;
    // A name-only guess across languages (Python's `session.query()` for a TS `query`) is noise.
    if (isTestFile(sa.file) || (a.resolution === 'name' && sa.language !== language)) return;
    n++;
    const dir = sa.file ? sa.file.slice(0, Math.max(0, sa.file.lastIndexOf('/'))) || '.' : '?';
    callerFiles.set(dir, (callerFiles.get(dir) ?? 0) + 1);
  });
  if (n === 0) return undefined;
  const dirs = [...callerFiles].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const where = dirs.length === 1 ? ` in ${dirs[0][0]}/` : ` (mostly ${dirs[0][0]}/)`;
  return `used by ${n} caller${n === 1 ? '' : 's'}${where}`;
}

export function joinReason(parts: (string | undefined)[]): string {
  const s = parts.filter((p): p is string => !!p).join('; ');
  return s.length > 220 ? `${s.slice(0, 217)}…` : s;
}

