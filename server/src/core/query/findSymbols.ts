import type { Graph } from '../graph/codeGraph';
import type { NodeAttrs } from '../graph/types';
import { filesOfModule } from './moduleFiles';

// Name lookup for people: exact names beat prefixes beat camel-case initials beat substrings,
// a dotted query (`Repo.save`, `express.Router`) matches qualified names by suffix, and one
// that starts with a module (`Schedule.exp`, `services.tax.rate`) that module's symbols.

export interface SymbolMatch {
  id: string;
  attrs: NodeAttrs;
  score: number;
}

const SEARCHABLE = new Set(['class', 'interface', 'enum', 'type', 'function', 'method', 'constructor', 'getter', 'setter', 'variable', 'external-symbol', 'external-module', 'package', 'file']);

export function findSymbols(graph: Graph, query: string, limit = 50, kinds?: ReadonlySet<string>): SymbolMatch[] {
  const q = query.trim();
  if (!q) return [];
  const inModules = moduleQueries(graph, q);
  const out: SymbolMatch[] = [];
  graph.forEachNode((id, attrs) => {
    if (!SEARCHABLE.has(attrs.kind) || (kinds && !kinds.has(attrs.kind))) return;
    let score = matchScore(q, attrs);
    for (const m of inModules) if (attrs.file !== undefined && m.files.has(attrs.file)) score = Math.max(score, moduleMemberScore(m.rest, attrs));
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

/**
 * A dotted query read as module + member, at every dot whose left side names a module of the
 * workspace: `Schedule.exp` is `exp…` among the top-level symbols of Schedule.ts,
 * `services.tax.rate` is `rate` in services/tax.py, `Schedule.Driver.next` a method there.
 */
function moduleQueries(graph: Graph, q: string): { files: Set<string>; rest: string }[] {
  if (q.includes('/')) return [];
  const out: { files: Set<string>; rest: string }[] = [];
  for (let dot = q.indexOf('.'); dot > 0 && dot < q.length - 1; dot = q.indexOf('.', dot + 1)) {
    const files = filesOfModule(graph, q.slice(0, dot));
    if (files.length) out.push({ files: new Set(files), rest: q.slice(dot + 1) });
  }
  return out;
}

/** The score of a symbol the query names exactly as module + member (`Stream.drain`). */
export const MODULE_MEMBER_SCORE = 85;

/**
 * How well a symbol of a named module matches the rest of the query: below an exact match of
 * its own qualified name (90 and up), so `resolveSymbolQuery` still prefers those; only an
 * exact member scores MODULE_MEMBER_SCORE. A plain member name only matches top-level symbols,
 * as `Module.member` does in code.
 */
function moduleMemberScore(rest: string, attrs: NodeAttrs): number {
  if (!rest.includes('.') && attrs.qname !== attrs.name) return 0;
  return Math.floor((matchScore(rest, attrs) * MODULE_MEMBER_SCORE) / 100);
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
