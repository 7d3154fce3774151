import { createHash } from 'node:crypto';
import type { Graph } from '../graph/codeGraph';
import type { EdgeAttrs, NodeAttrs } from '../graph/types';
import { callees, callers, type CallLink } from '../query/callGraph';
import { compareIds } from '../query/findSymbols';

// What a language model is shown for a question: not whole files but the graph's view of the
// ranked places — each hit as a compact code view (signature plus the lines that matter, with
// file:line headers and line numbers the model can cite), then the functions around them
// (callees, callers) and what their files import, added greedily while the token budget lasts.
// Everything is ordered by rank and node id, so the same graph and hits give the same bytes.

export const CHARS_PER_TOKEN = 4;

export function estimateTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}

/** One indexed workspace: its graph and a way to read a file's current text (open buffer or disk). */
export interface ContextWorkspace {
  graph: Graph;
  readText(path: string): string | undefined;
}

export interface ContextHit {
  workspace: ContextWorkspace;
  qname: string;
  /** Root-relative path. */
  file: string;
  /** 0-based line of the hit. */
  line: number;
}

export interface ModelContext {
  text: string;
  /** sha256 of `text`, hex. */
  hash: string;
  tokens: number;
  /** Node ids shown, in order. */
  shown: string[];
}

export interface ContextOptions {
  /** Words of the question: lines containing them are preferred when a body is cut. */
  question?: string;
  /** Most body lines shown for a hit (default 30) and for a neighbour (default 12). */
  hitLines?: number;
  neighbourLines?: number;
  /** Most callers and callees considered per hit (default 4 each). */
  neighboursPerHit?: number;
}

/** Shorter than any header (`### path:line kind name (role)`). */
const MIN_VIEW_CHARS = 24;

const CODE_KINDS = new Set(['function', 'method', 'constructor', 'getter', 'setter', 'class', 'interface', 'variable', 'type', 'enum', 'module']);

interface Candidate {
  ws: ContextWorkspace;
  id: string;
  role: string;
  maxLines: number;
  /** Lines (0-based) to prefer when the body must be cut: call sites that tie it to its neighbours. */
  focus: number[];
  primary: boolean;
}

/** The graph node a hit names: its symbol by qname, else the innermost symbol at its line, else its file. */
export function nodeForHit(graph: Graph, hit: { qname: string; file: string; line: number }): string | undefined {
  const exact = `s:${hit.file}#${hit.qname}`;
  if (graph.hasNode(exact)) return exact;
  const fid = `f:${hit.file}`;
  if (!graph.hasNode(fid)) return undefined;
  let best: string | undefined;
  let bestSpan = Infinity;
  const stack = [fid];
  while (stack.length) {
    const id = stack.pop()!;
    graph.forEachOutEdge(id, (_e, a, _s, target, _sa, t) => {
      if (a.kind !== 'contains' || !t.range) return;
      stack.push(target);
      const [sl, , el] = t.range;
      if (hit.line < sl || hit.line > el) return;
      const span = el - sl;
      if (span < bestSpan || (span === bestSpan && best !== undefined && compareIds(target, best) < 0)) {
        best = target;
        bestSpan = span;
      }
    });
  }
  return best ?? fid;
}

export function buildModelContext(hits: readonly ContextHit[], tokenBudget: number, options: ContextOptions = {}): ModelContext {
  const budgetChars = Math.max(0, Math.floor(tokenBudget)) * CHARS_PER_TOKEN;
  const hitLines = options.hitLines ?? 30;
  const neighbourLines = options.neighbourLines ?? 12;
  const perHit = options.neighboursPerHit ?? 4;
  const terms = questionTerms(options.question ?? '');
  const texts = new Map<ContextWorkspace, Map<string, string[] | undefined>>();
  const linesOf = (ws: ContextWorkspace, path: string): string[] | undefined => {
    let files = texts.get(ws);
    if (!files) texts.set(ws, (files = new Map()));
    if (!files.has(path)) files.set(path, ws.readText(path)?.split(/\r?\n/));
    return files.get(path);
  };

  // A hub (a helper called from thousands of places) is costly to list: list each node once.
  const links = new Map<string, { out: CallLink[]; in: CallLink[] }>();
  const linksOf = (ws: ContextWorkspace, id: string) => {
    const key = keyOf(hits, ws, id);
    let l = links.get(key);
    if (!l) links.set(key, (l = { out: callees(ws.graph, id), in: callers(ws.graph, id) }));
    return l;
  };

  const primaries: Candidate[] = [];
  const seenPrimary = new Set<string>();
  hits.forEach((hit, i) => {
    const id = nodeForHit(hit.workspace.graph, hit);
    if (!id) return;
    const key = keyOf(hits, hit.workspace, id);
    if (seenPrimary.has(key)) return;
    seenPrimary.add(key);
    // Out-edges carry their call sites inside the hit: the lines that tie it to its callees.
    const focus = linksOf(hit.workspace, id).out.flatMap((l) => sitesOf(l.edge));
    primaries.push({ ws: hit.workspace, id, role: `answer #${i + 1}`, maxLines: hitLines, focus, primary: true });
  });

  const neighbours: Candidate[] = [];
  for (const p of primaries) {
    const g = p.ws.graph;
    const name = g.getNodeAttribute(p.id, 'name');
    const around = linksOf(p.ws, p.id);
    for (const c of around.out.filter((l) => isCode(l.attrs)).slice(0, perHit)) {
      neighbours.push({ ws: p.ws, id: c.id, role: `called by ${name}`, maxLines: neighbourLines, focus: [], primary: false });
    }
    for (const c of around.in.filter((l) => isCode(l.attrs) || l.attrs.kind === 'file').slice(0, perHit)) {
      neighbours.push({ ws: p.ws, id: c.id, role: `calls ${name}`, maxLines: neighbourLines, focus: sitesOf(c.edge), primary: false });
    }
  }

  const parts: string[] = [];
  const shown: string[] = [];
  const shownKeys = new Set<string>();
  const importsShown = new Set<string>();
  let used = 0;
  const fits = (s: string) => used + (parts.length ? 2 : 0) + s.length <= budgetChars;
  const push = (s: string) => {
    used += (parts.length ? 2 : 0) + s.length;
    parts.push(s);
  };

  for (const c of [...primaries, ...neighbours]) {
    // No header fits in what is left: stop rather than read more files for nothing.
    if (budgetChars - used < MIN_VIEW_CHARS) break;
    const key = keyOf(hits, c.ws, c.id);
    if (shownKeys.has(key)) continue;
    const attrs = c.ws.graph.getNodeAttributes(c.id);
    if (!attrs.file) continue;
    const lines = linesOf(c.ws, attrs.file);
    const relations = c.primary ? relationLines(linksOf(c.ws, c.id)) : [];
    // Largest view that fits: everything, then the signature alone, then the header alone.
    let view: string | undefined;
    for (const render of [
      () => renderView(attrs, c.role, relations, lines, c.maxLines, c.focus, terms, true),
      () => renderView(attrs, c.role, [], lines, 0, c.focus.slice(0, 1), terms, false),
      () => renderView(attrs, c.role, [], undefined, 0, c.focus.slice(0, 1), terms, false, true),
    ]) {
      const v = render();
      if (fits(v)) {
        view = v;
        break;
      }
    }
    if (view === undefined) continue;
    push(view);
    shown.push(c.id);
    shownKeys.add(key);
    const fileKey = keyOf(hits, c.ws, `f:${attrs.file}`);
    if (c.primary && !importsShown.has(fileKey)) {
      importsShown.add(fileKey);
      const imports = importLine(c.ws.graph, attrs.file);
      if (imports && fits(imports)) push(imports);
    }
  }

  const text = parts.join('\n\n');
  return { text, hash: createHash('sha256').update(text).digest('hex'), tokens: estimateTokens(text), shown };
}

function keyOf(hits: readonly ContextHit[], ws: ContextWorkspace, id: string): string {
  return `${hits.findIndex((h) => h.workspace === ws)}\0${id}`;
}

function isCode(attrs: NodeAttrs): boolean {
  return !!attrs.file && CODE_KINDS.has(attrs.kind);
}

function sitesOf(edge: EdgeAttrs): number[] {
  return (edge.sites ?? []).map((r) => r[0]);
}

/** "calls: …" and "called by: …" with file:line of each, so the model sees the structure even for neighbours left out. */
function relationLines(links: { out: CallLink[]; in: CallLink[] }): string[] {
  const fmt = (l: CallLink) => {
    const a = l.attrs;
    const line = l.edge.sites?.[0]?.[0];
    // A file "calls" from its top-level code: the call site says where.
    const where = a.kind === 'file' ? `top-level code, ${a.file}:${(line ?? 0) + 1}` : a.file && a.range ? `${a.file}:${(a.selection ?? a.range)[0] + 1}` : '';
    const notes = [where, l.edge.resolution === 'name' ? 'guessed' : ''].filter(Boolean).join(', ');
    return notes ? `${a.qname} (${notes})` : a.qname;
  };
  const out: string[] = [];
  const called = links.out;
  const calling = links.in;
  if (called.length) out.push(`calls: ${called.slice(0, 8).map(fmt).join(', ')}${called.length > 8 ? `, +${called.length - 8} more` : ''}`);
  if (calling.length) out.push(`called by: ${calling.slice(0, 8).map(fmt).join(', ')}${calling.length > 8 ? `, +${calling.length - 8} more` : ''}`);
  return out;
}

function importLine(graph: Graph, file: string): string | undefined {
  const fid = `f:${file}`;
  if (!graph.hasNode(fid)) return undefined;
  const items: string[] = [];
  graph.forEachOutEdge(fid, (_e, a, _s, _t, _sa, t) => {
    if (a.kind !== 'imports') return;
    const names = (a.names ?? []).filter((n) => n !== '*');
    items.push(`${t.kind === 'file' ? t.file : t.qname}${names.length ? ` {${names.join(', ')}}` : ''}`);
  });
  if (!items.length) return undefined;
  items.sort();
  return `### ${file} imports\n${items.join('\n')}`;
}

function renderView(attrs: NodeAttrs, role: string, relations: string[], lines: string[] | undefined, maxLines: number, focus: number[], terms: string[], withDoc: boolean, headerOnly = false): string {
  const r = attrs.range ?? [0, 0, 0, 0];
  const start = r[0];
  const line = attrs.kind === 'file' ? (focus.length ? Math.min(...focus) : 0) : (attrs.selection ?? r)[0];
  const what = attrs.kind === 'file' ? 'top-level code' : `${attrs.kind} ${attrs.qname}`;
  const header = `### ${attrs.file}:${line + 1} ${what} (${role})`;
  const out = [header, ...relations];
  if (headerOnly) return header;
  if (attrs.doc && withDoc) out.push(`doc: ${oneLine(attrs.doc, 200)}`);
  if (!lines) {
    if (attrs.signature) out.push(oneLine(attrs.signature, 300));
    return out.join('\n');
  }
  const end = Math.min(r[2], lines.length - 1);
  const chosen = new Set<number>(attrs.kind === 'file' ? [] : signatureLines(lines, start, end));
  if (attrs.kind === 'file') {
    // Top-level code has no signature: show a few lines around each call site.
    for (const f of [...focus].sort((a, b) => a - b)) {
      for (let l = Math.max(0, f - 2); l <= Math.min(end, f + 2) && chosen.size < Math.max(maxLines, 1); l++) chosen.add(l);
    }
  } else if (maxLines > 0) {
    if (end - start + 1 <= maxLines) {
      for (let l = start; l <= end; l++) chosen.add(l);
    } else {
      const want: number[] = [];
      for (const l of focus) if (l > start && l <= end) want.push(l);
      for (let l = start; l <= end; l++) if (matches(lines[l], terms)) want.push(l);
      want.push(end);
      for (const l of want) {
        if (chosen.size >= maxLines) break;
        chosen.add(l);
      }
    }
  }
  const width = String(end + 1).length;
  let previous = -1;
  for (const l of [...chosen].sort((a, b) => a - b)) {
    if (previous >= 0 && l > previous + 1) out.push(`${' '.repeat(width)}| …`);
    out.push(`${String(l + 1).padStart(width)}| ${clip(lines[l] ?? '')}`);
    previous = l;
  }
  return out.join('\n');
}

/** The declaration's first lines, up to the one that opens its body. */
function signatureLines(lines: string[], start: number, end: number): number[] {
  const out: number[] = [];
  for (let l = start; l <= end && out.length < 4; l++) {
    out.push(l);
    if (/[{:]\s*$|=>\s*\{?\s*$|;\s*$/.test(lines[l] ?? '')) break;
  }
  return out;
}

const STOP = new Set(['the', 'and', 'for', 'where', 'what', 'which', 'who', 'how', 'does', 'this', 'that', 'with', 'from', 'into', 'are', 'handled', 'done', 'code', 'find', 'show', 'there', 'when', 'why', 'calls']);

function questionTerms(question: string): string[] {
  const words = question.toLowerCase().match(/[a-z0-9_]+/g) ?? [];
  return [...new Set(words.filter((w) => w.length >= 3 && !STOP.has(w)).map((w) => w.slice(0, 6)))].sort();
}

function matches(line: string | undefined, terms: string[]): boolean {
  if (!line || !terms.length) return false;
  const lower = line.toLowerCase();
  return terms.some((t) => lower.includes(t));
}

function clip(line: string): string {
  const trimmed = line.replace(/\s+$/, '');
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
}

function oneLine(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
