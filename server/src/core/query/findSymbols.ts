import type { Graph } from '../graph/codeGraph';
import type { NodeAttrs } from '../graph/types';

// Name lookup for people: exact names beat prefixes beat camel-case initials beat substrings,
// and a dotted query (`Repo.save`, `express.Router`) matches qualified names by suffix.

export interface SymbolMatch {
  id: string;
  attrs: NodeAttrs;
  score: number;
}

const SEARCHABLE = new Set(['class', 'interface', 'enum', 'type', 'function', 'method', 'constructor', 'getter', 'setter', 'variable', 'external-symbol', 'external-module', 'package', 'file']);

export function findSymbols(graph: Graph, query: string, limit = 50, kinds?: ReadonlySet<string>): SymbolMatch[] {
  const q = query.trim();
  if (!q) return [];
  const out: SymbolMatch[] = [];
  graph.forEachNode((id, attrs) => {
    if (!SEARCHABLE.has(attrs.kind) || (kinds && !kinds.has(attrs.kind))) return;
    const score = matchScore(q, attrs);
    if (score > 0) out.push({ id, attrs, score });
  });
  out.sort((a, b) => b.score - a.score || kindRank(a.attrs) - kindRank(b.attrs) || compareIds(a.id, b.id));
  return out.slice(0, limit);
}

export function matchScore(query: string, attrs: NodeAttrs): number {
  const name = attrs.name;
  const qname = attrs.qname;
  const q = query.toLowerCase();
  if (query.includes('.') || query.includes('/')) {
    if (qname === query) return 100;
    if (qname.endsWith(`.${query}`) || qname.endsWith(`/${query}`)) return 90;
    if (qname.toLowerCase().endsWith(q)) return 70;
    if (attrs.file && `${attrs.file}:${qname}` === query) return 100;
    return qname.toLowerCase().includes(q) ? 30 : 0;
  }
  if (name === query) return 100;
  const n = name.toLowerCase();
  if (n === q) return 95;
  if (name.startsWith(query)) return 80;
  if (n.startsWith(q)) return 75;
  if (initials(name).startsWith(q)) return 60;
  if (n.includes(q)) return 40;
  return fuzzy(n, q) ? 10 : 0;
}

function initials(name: string): string {
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    const prev = name[i - 1];
    if (i === 0 || (c >= 'A' && c <= 'Z' && !(prev >= 'A' && prev <= 'Z')) || prev === '_') out += c.toLowerCase();
  }
  return out;
}

function fuzzy(hay: string, needle: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length && needle.length >= 3;
}

function kindRank(a: NodeAttrs): number {
  if (a.kind === 'file') return 3;
  if (a.kind.startsWith('external') || a.kind === 'package') return 2;
  return a.exported ? 0 : 1;
}

export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
