import type { Graph } from '../graph/codeGraph';
import { compareIds } from '../query/findSymbols';
import type { Centrality } from './pageRank';
import type { ParsedQuery } from './query';
import { RANKING } from './ranking';
import { FIELDS, isGeneratedPath, type Doc, type FileDocs, type RetrievalIndex } from './retrievalIndex';
import type { RouteInfo } from './routes';
import { terms } from './tokenize';

// "Where is X handled?": BM25F over the symbol and file documents, then the graph's view —
// centrality, route handlers, call proximity to other strong matches, definitions over
// incidental mentions, tests and generated code set back unless asked for — and a reason per hit.

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
};
const B: Record<(typeof FIELDS)[number], number> = {
  name: 0.3,
  container: 0.3,
  path: 0.3,
  doc: 0.5,
  signature: 0.6,
  strings: 0.75,
  comments: 0.75,
  calls: 0.75,
  imports: 0.6,
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

/** Per-slot scratch space for scoring, grown with the index and reused by every question. */
class Scratch {
  total = new Float64Array(0);
  matched = new Uint8Array(0);
  best = new Float64Array(0);
  bestFields = new Int32Array(0);
  bestSyn = new Uint8Array(0);
  tf = new Float64Array(0);
  fields = new Int32Array(0);
  /** Per slot and concept: fields matched (bit 31 marks a synonym match). */
  conceptFields = new Int32Array(0);

  ensure(slots: number): void {
    if (this.total.length >= slots) return;
    const n = Math.max(slots, Math.ceil(this.total.length * 1.5), 1024);
    this.total = new Float64Array(n);
    this.matched = new Uint8Array(n);
    this.best = new Float64Array(n);
    this.bestFields = new Int32Array(n);
    this.bestSyn = new Uint8Array(n);
    this.tf = new Float64Array(n);
    this.fields = new Int32Array(n);
    this.conceptFields = new Int32Array(n * MAX_CONCEPTS);
  }
}

const MAX_CONCEPTS = 16;
const SYN_BIT = 1 << 30;
const scratch = new WeakMap<RetrievalIndex, Scratch>();

/**
 * The BM25F part: the best `limit` documents for the question's concepts, best first. Each
 * concept scores a document by its own word or by its best synonym (at reduced weight, with the
 * synonym's own idf), whichever is larger. Common words only score documents that rarer words
 * of the question already found, which keeps answers fast on large workspaces.
 */
export function lexicalScores(index: RetrievalIndex, q: ParsedQuery, limit = 800): Ranked[] {
  const n = index.docCount;
  if (n === 0) return [];
  let sc = scratch.get(index);
  if (!sc) scratch.set(index, (sc = new Scratch()));
  sc.ensure(index.slotCount);
  const { total, matched, best, bestFields, bestSyn, tf, fields, conceptFields } = sc;
  const avg = FIELDS.map((_f, i) => index.avgLen(i));
  const own = new Set(q.concepts.map((c) => c.stem));
  const maxSynonymDf = Math.max(50, n * 0.03);
  const commonDf = Math.max(200, n * 0.08);
  const idf = (df: number) => Math.log(1 + (n - df + 0.5) / (df + 0.5));
  const concepts = q.concepts.slice(0, MAX_CONCEPTS).map((c, ci) => ({ c, ci, df: index.docFreq(c.stem) }));
  // Rare words first, so common ones can be restricted to what the rare ones found.
  const order = [...concepts].sort((a, b) => (a.df || Infinity) - (b.df || Infinity) || a.ci - b.ci);
  const touched: number[] = [];
  for (const { c, ci, df: ownDf } of order) {
    const restrict = touched.length > 0 && ownDf > commonDf;
    const conceptTouched: number[] = [];
    for (const [s, weight] of c.stems) {
      if (weight < 1 && own.has(s)) continue; // said in the question itself: counted for itself
      const df = index.docFreq(s);
      if (df === 0 || (weight < 1 && df > maxSynonymDf)) continue;
      const w = idf(df) * weight;
      const stemTouched: number[] = [];
      for (const path of index.filesWith(s)) {
        const fd = index.file(path)!;
        const k = fd.terms.get(s)!;
        const data = fd.data;
        const end = fd.spans[2 * k + 1];
        for (let i = fd.spans[2 * k]; i < end; i += 3) {
          const f = data[i + 1];
          if (W[f] === 0) continue;
          const d = fd.docs[data[i]];
          const slot = d.slot;
          if (restrict && matched[slot] === 0) continue;
          if (tf[slot] === 0) stemTouched.push(slot);
          tf[slot] += (W[f] * data[i + 2]) / (1 - BF[f] + (BF[f] * d.lens[f]) / avg[f]);
          fields[slot] |= 1 << f;
        }
      }
      for (const slot of stemTouched) {
        const t = tf[slot];
        const score = (w * t) / (RANKING.k1 + t);
        if (best[slot] === 0) conceptTouched.push(slot);
        if (score > best[slot]) {
          best[slot] = score;
          bestFields[slot] = fields[slot];
          bestSyn[slot] = weight < 1 ? 1 : 0;
        }
        tf[slot] = 0;
        fields[slot] = 0;
      }
    }
    for (const slot of conceptTouched) {
      if (matched[slot] === 0) touched.push(slot);
      total[slot] += best[slot];
      matched[slot]++;
      conceptFields[slot * MAX_CONCEPTS + ci] = bestFields[slot] | (bestSyn[slot] ? SYN_BIT : 0);
      best[slot] = 0;
      bestFields[slot] = 0;
      bestSyn[slot] = 0;
    }
  }
  // Coordination: a place that matches more of the question's concepts is a better answer.
  const count = concepts.length || 1;
  const scores = new Float64Array(touched.length);
  for (let i = 0; i < touched.length; i++) {
    const slot = touched[i];
    scores[i] = total[slot] * (0.4 + 0.6 * (matched[slot] / count));
  }
  let threshold = -Infinity;
  if (touched.length > limit) threshold = Float64Array.from(scores).sort()[touched.length - limit];
  const out: Ranked[] = [];
  for (let i = 0; i < touched.length; i++) {
    const slot = touched[i];
    if (scores[i] >= threshold) {
      const doc = index.bySlot[slot]!;
      const r: Ranked = { doc, fd: index.fileBySlot[slot]!, score: scores[i], matched: new Map(), viaSynonym: new Set(), notes: [] };
      for (const { c, ci } of concepts) {
        const bits = conceptFields[slot * MAX_CONCEPTS + ci];
        if (!bits) continue;
        r.matched.set(c.word, bits & ~SYN_BIT);
        if (bits & SYN_BIT) r.viaSynonym.add(c.word);
      }
      out.push(r);
    }
    total[slot] = 0;
    matched[slot] = 0;
    for (let ci = 0; ci < MAX_CONCEPTS; ci++) conceptFields[slot * MAX_CONCEPTS + ci] = 0;
  }
  out.sort(byScore);
  return out.slice(0, limit);
}

const CANDIDATES = 400;

export function searchWhere(ctx: SearchContext, q: ParsedQuery, k: number): Ranked[] {
  const all = lexicalScores(ctx.index, q);
  const named = new Set(q.identifiers.flatMap((i) => [i, i.split('.').pop()!]));
  // A file that is about the question (several strong matches) lends its places a little: the
  // best few scores of each file, the place's own excluded.
  const fileTop = new Map<string, number[]>();
  for (const r of all) {
    const top = fileTop.get(r.doc.file);
    if (!top) fileTop.set(r.doc.file, [r.score]);
    else if (top.length < 4) top.push(r.score);
  }
  const list = all.slice(0, CANDIDATES * 2);
  for (const r of list) {
    const top = fileTop.get(r.doc.file)!;
    const others = top.reduce((a, b) => a + b, 0) - (top.includes(r.score) ? r.score : 0);
    r.score += RANKING.fileShare * others;
  }
  list.sort(byScore);
  list.length = Math.min(list.length, CANDIDATES);
  const concepts = new Set(q.concepts.map((c) => c.stem));
  for (const r of list) {
    const d = r.doc;
    let m = 1;
    if (named.has(d.name) || named.has(d.qname)) {
      m *= RANKING.namedInQuestion;
      r.notes.push(`named in the question`);
    } else if (d.kind !== 'file') {
      // The question describes the name completely: "verify token" ↔ verifyToken.
      const parts = terms(d.name).filter((t) => t.length > 1);
      if (parts.length && parts.every((t) => concepts.has(t) || q.concepts.some((c) => c.stems.some(([s]) => s === t)))) m *= RANKING.describedName;
    }
    m *= kindFactor(d, q.kindHint);
    if (r.fd.isTest) m *= q.wantsTests ? 1.6 : RANKING.testFactor;
    if (isGeneratedPath(d.file)) m *= RANKING.generatedFactor;
    const pr = ctx.centrality.score.get(d.id) ?? 0;
    m *= 1 + RANKING.centrality * Math.log1p(pr);
    const routes = ctx.routesByHandler.get(d.id);
    if (routes?.length) {
      m *= RANKING.routeHandler;
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
      if (other && other !== seed) bonus.set(other, Math.max(bonus.get(other) ?? 0, RANKING.proximity * seed.score));
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
      return d.exported ? 0.95 : 0.5;
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

