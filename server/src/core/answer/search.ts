import type { Graph } from '../graph/codeGraph';
import { compareIds } from '../query/findSymbols';
import type { Centrality } from './pageRank';
import type { ParsedQuery } from './query';
import { F, FIELDS, isGeneratedPath, type Doc, type FileDocs, type RetrievalIndex } from './retrievalIndex';
import type { RouteInfo } from './routes';
import { terms } from './tokenize';

// "Where is X handled?": BM25F over the symbol and file documents, then the graph's view —
// centrality, route handlers, call proximity to other strong matches, definitions over
// incidental mentions, tests and generated code set back unless asked for — and a reason per hit.

const K1 = 1.2;
/** Field weights and length normalisation (BM25F). */
const WEIGHT: Record<(typeof FIELDS)[number], number> = {
  name: 4,
  container: 1.2,
  path: 1.4,
  doc: 1.6,
  signature: 0.7,
  strings: 1.1,
  comments: 0.8,
  calls: 0.6,
  imports: 0.8,
  body: 0,
};
const B: Record<(typeof FIELDS)[number], number> = {
  name: 0.3,
  container: 0.3,
  path: 0.3,
  doc: 0.75,
  signature: 0.6,
  strings: 0.75,
  comments: 0.75,
  calls: 0.75,
  imports: 0.6,
  body: 0.75,
};
const W = FIELDS.map((f) => WEIGHT[f]);
const BF = FIELDS.map((f) => B[f]);

export interface SearchContext {
  graph: Graph;
  index: RetrievalIndex;
  centrality: Centrality;
  routesByHandler: Map<string, RouteInfo[]>;
}

export interface Ranked {
  doc: Doc;
  fd: FileDocs;
  score: number;
  /** concept word → bitmask of fields it matched in (bit per FIELDS index); synonyms flagged in `viaSynonym`. */
  matched: Map<string, number>;
  viaSynonym: Set<string>;
  notes: string[];
}

/** Lexical scores only: the BM25F part (also used to pick symbols named in other intents). */
export function lexicalScores(index: RetrievalIndex, q: ParsedQuery): Map<Doc, Ranked> {
  const out = new Map<Doc, Ranked>();
  const n = index.docCount;
  if (n === 0) return out;
  const avg = FIELDS.map((_f, i) => index.avgLen(i));
  const own = new Set(q.concepts.map((c) => c.stem));
  for (const c of q.concepts) {
    let df = index.docFreq(c.stem);
    if (df === 0) for (const [s] of c.stems) df = Math.max(df, index.docFreq(s));
    if (df === 0) continue;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const acc = new Map<Doc, { tf: number; fd: FileDocs; fields: number; synFields: number }>();
    for (const [s, weight] of c.stems) {
      // A word the question says itself counts for itself, not also as another word's synonym.
      if (weight < 1 && own.has(s)) continue;
      for (const path of index.filesWith(s)) {
        const fd = index.file(path)!;
        const triples = fd.postings.get(s)!;
        for (let i = 0; i < triples.length; i += 3) {
          const d = fd.docs[triples[i]];
          const f = triples[i + 1];
          if (W[f] === 0) continue;
          const tf = triples[i + 2];
          const norm = tf / (1 - BF[f] + (BF[f] * d.lens[f]) / avg[f]);
          let a = acc.get(d);
          if (!a) acc.set(d, (a = { tf: 0, fd, fields: 0, synFields: 0 }));
          a.tf += weight * W[f] * norm;
          if (weight === 1) a.fields |= 1 << f;
          else a.synFields |= 1 << f;
        }
      }
    }
    for (const [d, a] of acc) {
      let r = out.get(d);
      if (!r) out.set(d, (r = { doc: d, fd: a.fd, score: 0, matched: new Map(), viaSynonym: new Set(), notes: [] }));
      r.score += (idf * a.tf) / (K1 + a.tf);
      // Reasons name the fields where the word itself matched; synonyms only when it did not.
      r.matched.set(c.word, a.fields || a.synFields);
      if (!a.fields) r.viaSynonym.add(c.word);
    }
  }
  // Coordination: a place that matches more of the question's concepts is a better answer.
  const total = q.concepts.length || 1;
  for (const r of out.values()) r.score *= 0.4 + 0.6 * (r.matched.size / total);
  return out;
}

const CANDIDATES = 400;

export function searchWhere(ctx: SearchContext, q: ParsedQuery, k: number): Ranked[] {
  const lexical = lexicalScores(ctx.index, q);
  const named = new Set(q.identifiers.flatMap((i) => [i, i.split('.').pop()!]));
  let list = [...lexical.values()];
  list.sort(byScore);
  list = list.slice(0, CANDIDATES);
  const concepts = new Set(q.concepts.map((c) => c.stem));
  for (const r of list) {
    const d = r.doc;
    let m = 1;
    if (named.has(d.name) || named.has(d.qname)) {
      m *= 3;
      r.notes.push(`named in the question`);
    } else if (d.kind !== 'file') {
      // The question describes the name completely: "verify token" ↔ verifyToken.
      const parts = terms(d.name).filter((t) => t.length > 1);
      if (parts.length && parts.every((t) => concepts.has(t) || q.concepts.some((c) => c.stems.some(([s]) => s === t)))) m *= 1.35;
    }
    m *= kindFactor(d, q.kindHint);
    if (r.fd.isTest) m *= q.wantsTests ? 1.6 : 0.3;
    if (isGeneratedPath(d.file)) m *= 0.3;
    const pr = ctx.centrality.score.get(d.id) ?? 0;
    m *= 1 + 0.12 * Math.log1p(pr);
    const routes = ctx.routesByHandler.get(d.id);
    if (routes?.length) {
      m *= 1.15;
      r.notes.push(`handles ${routes.slice(0, 2).map((x) => `${x.method} ${x.path}`).join(', ')}${routes.length > 2 ? ` and ${routes.length - 2} more` : ''}`);
    }
    r.score *= m;
  }
  list.sort(byScore);
  // Call proximity: strong matches lend a little weight to matches they call or are called by.
  const byId = new Map(list.map((r) => [r.doc.id, r]));
  const bonus = new Map<Ranked, number>();
  for (const seed of list.slice(0, 15)) {
    if (!ctx.graph.hasNode(seed.doc.id)) continue;
    ctx.graph.forEachEdge(seed.doc.id, (_e, a, s, t) => {
      if (a.kind !== 'calls' && a.kind !== 'references') return;
      const other = byId.get(s === seed.doc.id ? t : s);
      if (other && other !== seed) bonus.set(other, Math.max(bonus.get(other) ?? 0, 0.12 * seed.score));
    });
  }
  for (const [r, b] of bonus) r.score += b;
  list.sort(byScore);
  return diversify(list, k);
}

function kindFactor(d: Doc, hint: ParsedQuery['kindHint']): number {
  switch (d.kind) {
    case 'file':
      return 0.75;
    case 'variable':
      return d.exported ? 0.8 : 0.5;
    case 'constructor':
      return 0.6;
    case 'interface':
    case 'type':
      return hint === 'class' ? 0.9 : 0.7;
    case 'class':
      return hint === 'class' ? 1.3 : 1;
    case 'function':
    case 'method':
      return hint === 'function' ? 1.15 : 1;
    default:
      return 1;
  }
}

/** Spread hits over files: each further hit from a file already shown counts a little less. */
function diversify(list: Ranked[], k: number): Ranked[] {
  const perFile = new Map<string, number>();
  const picked: Ranked[] = [];
  const pool = list.slice(0, Math.max(k * 4, 40));
  while (picked.length < k && pool.length) {
    let bi = 0;
    let best = -Infinity;
    for (let i = 0; i < pool.length; i++) {
      const r = pool[i];
      const s = r.score * Math.pow(0.7, perFile.get(r.doc.file) ?? 0);
      if (s > best + 1e-12 || (Math.abs(s - best) <= 1e-12 && compareIds(r.doc.id, pool[bi].doc.id) < 0)) {
        best = s;
        bi = i;
      }
    }
    const r = pool.splice(bi, 1)[0];
    r.score = round(best);
    perFile.set(r.doc.file, (perFile.get(r.doc.file) ?? 0) + 1);
    picked.push(r);
  }
  return picked;
}

export function byScore(a: { score: number; doc: Doc }, b: { score: number; doc: Doc }): number {
  return b.score - a.score || compareIds(a.doc.id, b.doc.id);
}

export function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export const FIELD_BITS = F;
