import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeGraph, Graph } from '../graph/codeGraph';
import { fileId } from '../graph/ids';
import type { NodeAttrs } from '../graph/types';
import type { FileFacts } from '../model';
import { collectGarbage } from '../index/collectGarbage';
import { callees, callers, callersThroughAlias, shortestChains, type CallLink } from '../query/callGraph';
import { compareIds } from '../query/findSymbols';
import { isTestFile } from '../query/entryChains';
import { resolveSymbolQuery } from '../query/resolveSymbolQuery';
import { configReads } from './configKeys';
import { conventionAnswer } from './conventions';
import { classify, looksLikeSymbol, type Intent } from './intent';
import { renderMarkdown } from './markdown';
import { pageRank, type Centrality } from './pageRank';
import { parseQuery } from './query';
import { forgetIdentifierTerms } from './tokenize';
import { graphReason, joinReason, lexicalReason } from './reasons';
import { RetrievalIndex } from './retrievalIndex';
import { findRoutes, type RouteInfo } from './routes';
import { lexicalScores, round, searchWhere, type SearchContext } from './search';
import type { Answer, AnswerHit, AskOptions, IntentName } from './types';
import { hitOf } from './hits';

// The answer engine: a plain-language question in, ranked locations with a reason each out,
// plus the same answer as markdown. Everything it derives from the index (documents, centrality,
// routes) is built on the first question and kept until the graph changes; documents are
// re-tokenized per changed file only.

const CALLABLE = new Set(['function', 'method', 'constructor', 'getter', 'setter', 'class']);

export interface AnswerSource {
  root: string;
  graph: CodeGraph;
  allFacts(): Iterable<[string, FileFacts]>;
  /** Current text of a file (an open editor buffer or the file on disk); undefined if unreadable. */
  readText(path: string): string | undefined;
}

export interface EngineOptions {
  /** Link target for a location; default `file://…#L<line>`. */
  linkFor?: (file: string, line: number) => string;
}

export class AnswerEngine {
  private readonly retrieval: RetrievalIndex;
  private derived?: { version: number; routes: RouteInfo[]; routesByHandler: Map<string, RouteInfo[]> };
  /** Centrality depends on the graph's shape alone (~0.25 s on a 500k-line workspace). */
  private centrality?: { structureVersion: number; scores: Centrality };
  private readonly linkFor: (file: string, line: number) => string;
  private synced = -1;
  private preparing?: Promise<void>;

  constructor(
    private readonly source: AnswerSource,
    options: EngineOptions = {},
  ) {
    this.retrieval = new RetrievalIndex((p) => source.readText(p));
    this.linkFor = options.linkFor ?? ((file, line) => `${pathToFileURL(join(source.root, file)).toString()}#L${line + 1}`);
  }

  /** Bring derived data up to date with the index (cheap when nothing changed). */
  prepare(): SearchContext & { routes: RouteInfo[] } {
    const g = this.source.graph;
    // Every change of a file's facts goes through the graph, so an unchanged graph version
    // means there is nothing to re-tokenize.
    if (this.synced !== g.version) {
      const version = g.version;
      const { changed } = this.retrieval.sync(this.source.allFacts());
      this.synced = version;
      // Tokenizing many files leaves a lot of garbage on a large heap; collecting it now keeps
      // the next answers from paying for it.
      if (changed > 200) {
        forgetIdentifierTerms();
        collectGarbage();
      }
    }
    return this.derivedContext();
  }

  /**
   * The same preparation without holding the thread for seconds: files are tokenized in small
   * batches with other work let through between them (the language server keeps answering).
   */
  prepareAsync(yieldNow: () => Promise<void>): Promise<void> {
    this.preparing ??= (async () => {
      try {
        const g = this.source.graph;
        // Twice at most: while a build is running the version keeps moving, and a question
        // must not wait for the build (what is left is synced when the question is answered).
        for (let pass = 0; pass < 2 && this.synced !== g.version; pass++) {
          const version = g.version;
          const { changed } = await this.retrieval.syncAsync(this.source.allFacts(), yieldNow);
          this.synced = version;
          if (changed > 200) {
            forgetIdentifierTerms();
            collectGarbage(true);
          }
        }
      } finally {
        this.preparing = undefined;
      }
    })();
    return this.preparing;
  }

  private derivedContext(): SearchContext & { routes: RouteInfo[] } {
    const g = this.source.graph;
    if (!this.derived || this.derived.version !== g.version) {
      const routes = findRoutes(g.graph, this.retrieval);
      const routesByHandler = new Map<string, RouteInfo[]>();
      for (const r of routes) {
        if (!r.handler) continue;
        const list = routesByHandler.get(r.handler) ?? [];
        list.push(r);
        routesByHandler.set(r.handler, list);
      }
      this.derived = { version: g.version, routes, routesByHandler };
    }
    if (this.centrality?.structureVersion !== g.structureVersion) this.centrality = { structureVersion: g.structureVersion, scores: pageRank(g.graph) };
    const d = this.derived;
    return { graph: g.graph, index: this.retrieval, centrality: this.centrality.scores, routesByHandler: d.routesByHandler, routes: d.routes };
  }

  ask(question: string, options: AskOptions = {}): Answer {
    const k = Math.max(1, Math.min(options.k ?? 10, 100));
    const q = question.trim();
    if (!q) return this.finish(q, 'where', [], 'Ask a question about the code, for example “where is the login handled?”.');
    const ctx = this.prepare();
    const intent = classify(q);
    const answer = intent.kind === 'explain' ? { intent: 'explain' as const, ...this.explain(ctx, intent.target, options.context, k) } : this.dispatch(ctx, q, intent, k);
    // A recognised form that names nothing known is answered as a "where" question.
    if (answer.hits.length === 0 && intent.kind !== 'where') {
      const fallback = this.where(ctx, subjectOf(intent), k);
      if (fallback.hits.length) return this.finish(q, 'where', fallback.hits, `${answer.note}\n\nPlaces that match the words instead:`);
    }
    return this.finish(q, answer.intent, answer.hits, answer.note);
  }

  private finish(question: string, intent: IntentName, hits: AnswerHit[], note?: string): Answer {
    const answer: Answer = { question, intent, hits, markdown: renderMarkdown(question, intent, hits, note, this.linkFor) };
    if (note) answer.note = note;
    return answer;
  }

  private dispatch(ctx: ReturnType<AnswerEngine['prepare']>, q: string, intent: Intent, k: number): { intent: IntentName; hits: AnswerHit[]; note?: string } {
    switch (intent.kind) {
      case 'where':
        return { intent: 'where', ...this.where(ctx, q, k) };
      case 'callers':
      case 'callees':
        return { intent: intent.kind, ...this.calls(ctx, intent.kind, intent.target, k) };
      case 'chain':
        return { intent: 'chain', ...this.chain(ctx, intent.from, intent.to, k) };
      case 'deps':
        return { intent: 'deps', ...this.deps(ctx, intent.target, k) };
      case 'config':
        return { intent: 'config', ...configReads(ctx, intent.key.replace(/^(?:key|variable|var|name|setting)\s+/i, ''), k, (p) => this.source.readText(p)) };
      case 'convention':
        return { intent: 'convention', ...conventionAnswer(ctx, ctx.routes, intent.subject, k, (sub) => this.where(ctx, sub, k).hits) };
      case 'explain':
        return { intent: 'explain', ...this.explain(ctx, intent.target, undefined, k) };
    }
  }

  /** The code asked about (a name, or the declaration at the editor's position), who calls it and what it calls. */
  private explain(ctx: SearchContext, target: string, at: AskOptions['context'], k: number): { hits: AnswerHit[]; note?: string } {
    const g = ctx.graph;
    let id: string | undefined;
    if (at) {
      const fd = ctx.index.file(at.file);
      let span = Infinity;
      for (const d of fd?.docs ?? []) {
        if (d.kind === 'file' || d.startLine > at.line || d.endLine < at.line) continue;
        if (d.endLine - d.startLine < span) {
          span = d.endLine - d.startLine;
          id = d.id;
        }
      }
    }
    if (!id && target.trim()) id = this.resolve(ctx, target)[0];
    if (!id || !g.hasNode(id)) return { hits: [], note: target.trim() ? `No symbol matches “${target.trim()}”.` : 'Nothing to explain: name a symbol or select code in the editor.' };
    const a = g.getNodeAttributes(id);
    const hits: AnswerHit[] = [hitOf(g, id, 1, joinReason(['the code asked about', a.doc ? `doc: ${a.doc.split('\n')[0].slice(0, 120)}` : undefined, graphReason(g, id)]))];
    // Callers, and files that register it (a handler or middleware passed to a router); tests last.
    const incoming: CallLink[] = callers(g, id).filter((l) => l.attrs.file);
    g.forEachInEdge(id, (_e, edge, source, _t, sa) => {
      if (edge.kind === 'references' && sa.kind === 'file' && !incoming.some((l) => l.id === source)) incoming.push({ id: source, attrs: sa, edge });
    });
    incoming.sort((x, y) => Number(isTestFile(x.attrs.file)) - Number(isTestFile(y.attrs.file)) || (x.edge.resolution === 'name' ? 1 : 0) - (y.edge.resolution === 'name' ? 1 : 0) || compareIds(x.id, y.id));
    const outgoing = callees(g, id).filter((l) => l.attrs.file && l.attrs.file !== a.file);
    const half = Math.max(1, Math.floor((k - 1) / 2));
    for (const l of incoming.slice(0, half)) hits.push(linkHit(g, l, 'callers', a));
    for (const l of outgoing.slice(0, k - hits.length)) hits.push(linkHit(g, l, 'callees', a));
    const ranked = dedupe(hits).map((h, i) => ({ ...h, score: round(1 - i / (hits.length + 1)) }));
    const note = `\`${a.qname}\` (${a.kind}) in \`${a.file}\`${a.signature ? `: \`${a.signature.replace(/`/g, "'")}\`` : ''} — called from ${incoming.length} place${incoming.length === 1 ? '' : 's'}, calls ${outgoing.length} function${outgoing.length === 1 ? '' : 's'} in other files.`;
    return { hits: ranked.slice(0, k), note };
  }

  private where(ctx: SearchContext, q: string, k: number): { hits: AnswerHit[]; note?: string } {
    const parsed = parseQuery(q);
    if (parsed.concepts.length === 0) return { hits: [], note: 'The question has no words to search for.' };
    const ranked = searchWhere(ctx, parsed, k);
    const hits = ranked.map((r) =>
      hitOf(ctx.graph, r.doc.id, r.score, joinReason([...r.notes, ...lexicalReason(r), graphReason(ctx.graph, r.doc.id)]), { file: r.doc.file, line: r.doc.line, character: r.doc.character, name: r.doc.name, qname: r.doc.qname, kind: r.doc.kind }),
    );
    return { hits, note: hits.length ? undefined : 'Nothing in the code matches the words of the question.' };
  }

  /** The nodes a phrase names: an exact symbol (`Repo.save`, `src/a.ts:fn`), else the best lexical match. */
  resolve(ctx: SearchContext, phrase: string, callable = true): string[] {
    const text = phrase.trim().replace(/^(the|a|an)\s+/i, '').replace(/\(\)$/, '');
    if (looksLikeSymbol(text)) {
      // Exact names first, straight from the retrieval index (no scan of the whole graph).
      const dotted = text.includes('.') && !text.includes('/') ? text : undefined;
      const byName = ctx.index.named(dotted ? text.slice(text.lastIndexOf('.') + 1) : text).filter((d) => !dotted || d.qname === dotted || d.qname.endsWith(`.${dotted}`));
      const callableFirst = [...byName.filter((d) => CALLABLE.has(d.kind)), ...byName.filter((d) => !CALLABLE.has(d.kind))];
      if (callableFirst.length && !text.includes(':')) return callableFirst.map((d) => d.id).slice(0, 5);
      const { matches } = resolveSymbolQuery(ctx.graph, text);
      const inFiles = matches.filter((m) => m.attrs.file);
      if (inFiles.length) return inFiles.map((m) => m.id).slice(0, 5);
      if (matches.length) return matches.map((m) => m.id).slice(0, 5);
    }
    const scores = lexicalScores(ctx.index, parseQuery(text), 200).filter((r) => (callable ? r.doc.kind !== 'file' && r.doc.kind !== 'variable' && r.doc.kind !== 'interface' && r.doc.kind !== 'type' : true) && !r.fd.isTest);
    return scores.length ? [scores[0].doc.id] : [];
  }

  private calls(ctx: SearchContext, dir: 'callers' | 'callees', target: string, k: number): { hits: AnswerHit[]; note?: string } {
    const ids = this.resolve(ctx, target);
    if (!ids.length) return { hits: [], note: `No symbol matches “${target}”.` };
    const g = ctx.graph;
    const hits: AnswerHit[] = [];
    const names = ids.map((id) => `\`${g.getNodeAttribute(id, 'qname')}\``).join(', ');
    const aliased: string[] = [];
    for (const id of ids) {
      const { links, alias } = dir === 'callers' ? callersThroughAlias(g, id) : { links: callees(g, id), alias: undefined };
      if (alias) {
        aliased.push(`\`${g.getNodeAttribute(id, 'qname')}\` is an alias of \`${g.getNodeAttribute(alias, 'qname')}\` in ${g.getNodeAttribute(alias, 'file')}`);
      }
      for (const l of links) {
        if (!l.attrs.file && dir === 'callers') continue;
        hits.push(linkHit(g, l, dir, g.getNodeAttributes(id)));
      }
    }
    const unique = dedupe(hits).slice(0, k);
    const what = dir === 'callers' ? 'Callers of' : 'Calls made by';
    const via = aliased.length ? ` (${aliased.join('; ')}, which calls reach)` : '';
    return { hits: unique, note: unique.length ? `${what} ${names}${via}:` : `${names} has no ${dir === 'callers' ? 'callers' : 'calls'} in the graph.` };
  }

  private chain(ctx: SearchContext, from: string, to: string, k: number): { hits: AnswerHit[]; note?: string } {
    const a = this.resolve(ctx, from);
    const b = this.resolve(ctx, to);
    if (!a.length || !b.length) return { hits: [], note: `No symbol matches “${!a.length ? from : to}”.` };
    const g = ctx.graph;
    let result = shortestChains(g, a, b, { maxLength: 8, maxChains: 3, timeBudgetMs: 60 });
    let reversed = false;
    if (!result.chains.length) {
      result = shortestChains(g, b, a, { maxLength: 8, maxChains: 3, timeBudgetMs: 60 });
      reversed = result.chains.length > 0;
    }
    const label = (ids: string[]) => ids.map((id) => `\`${g.getNodeAttribute(id, 'qname')}\``).join(' / ');
    if (!result.chains.length) return { hits: [], note: `No call chain between ${label(a)} and ${label(b)} within 8 calls.` };
    const hits: AnswerHit[] = [];
    const chain = result.chains[0];
    chain.forEach((step, i) => {
      const next = chain[i + 1];
      const why = next ? `step ${i + 1}: calls \`${next.attrs.name}\`${next.via?.resolution === 'name' ? ' (name-only guess)' : ''}` : `step ${i + 1}: the end of the chain`;
      hits.push(hitOf(g, step.id, round(1 - i / (chain.length + 1)), why));
    });
    const more = result.chains.length > 1 ? ` (${result.chains.length} shortest chains found; the first is listed)` : '';
    const note = `${reversed ? `${label(a)} does not reach ${label(b)}, but the other way round it does` : `How ${label(a)} reaches ${label(b)}`}: ${chain.length - 1} call${chain.length === 2 ? '' : 's'}${more}.`;
    return { hits: hits.slice(0, Math.max(k, chain.length)), note };
  }

  private deps(ctx: SearchContext, target: string, k: number): { hits: AnswerHit[]; note?: string } {
    const g = ctx.graph;
    const file = findFile(ctx, target);
    if (!file) {
      // A symbol: what it calls.
      return this.calls(ctx, 'callees', target, k);
    }
    const fid = fileId(file);
    const internal: AnswerHit[] = [];
    const external = new Set<string>();
    g.forEachOutEdge(fid, (_e, a, _s, t, _sa, ta) => {
      if (a.kind !== 'imports') return;
      const line = a.sites?.[0]?.[0] ?? 0;
      if (ta.kind === 'file' && ta.file) {
        const names = (a.names ?? []).filter((n) => n !== '*').slice(0, 6);
        internal.push(hitOf(g, t, 1, `imported at line ${line + 1}${names.length ? `: ${names.join(', ')}` : ''}`));
      } else external.add(ta.qname);
    });
    internal.sort((x, y) => compareIds(x.file, y.file));
    internal.forEach((h, i) => (h.score = round(1 - i / (internal.length + 1))));
    const ext = [...external].sort();
    const note = `\`${file}\` imports ${internal.length} file${internal.length === 1 ? '' : 's'} of the workspace${ext.length ? ` and ${ext.length} external module${ext.length === 1 ? '' : 's'}: ${ext.map((e) => `\`${e}\``).join(', ')}` : ''}.`;
    return { hits: internal.slice(0, k), note: internal.length || ext.length ? note : `\`${file}\` imports nothing.` };
  }
}

/** The words a recognised question is about, for answering it as a "where" question. */
function subjectOf(intent: Intent): string {
  switch (intent.kind) {
    case 'where':
      return intent.text;
    case 'callers':
    case 'callees':
    case 'deps':
      return intent.target;
    case 'chain':
      return `${intent.from} ${intent.to}`;
    case 'config':
      return intent.key;
    case 'convention':
      return intent.subject;
    case 'explain':
      return intent.target;
  }
}

function findFile(ctx: SearchContext, target: string): string | undefined {
  const t = target.trim().replace(/^(the\s+)?(file\s+)?/i, '').replace(/\s+file$/i, '').replace(/^\.\//, '');
  if (!/[/.]/.test(t) || /\s/.test(t)) return undefined;
  const files: string[] = [];
  for (const fd of ctx.index.allFiles()) files.push(fd.path);
  files.sort();
  const exact = files.find((f) => f === t);
  if (exact) return exact;
  const suffix = files.filter((f) => f.endsWith(`/${t}`));
  if (suffix.length) return suffix[0];
  const stemOnly = files.filter((f) => f.replace(/\.[^./]+$/, '').endsWith(t.replace(/\.[^./]+$/, '')));
  return stemOnly[0];
}

function linkHit(g: Graph, l: CallLink, dir: 'callers' | 'callees', target: NodeAttrs): AnswerHit {
  const site = l.edge.sites?.[0];
  const how = l.edge.resolution === 'name' ? 'name-only guess' : `via ${l.edge.resolution ?? 'import'}`;
  const verb = l.edge.kind === 'references' ? 'uses' : 'calls';
  const why = dir === 'callers' ? `${verb} \`${target.name}\`${site ? ` at line ${site[0] + 1}` : ''} (${how})` : `called by \`${target.name}\`${site ? ` at line ${site[0] + 1}` : ''} (${how})`;
  const h = hitOf(g, l.id, l.edge.resolution === 'name' ? 0.5 : 1, why);
  if (dir === 'callers' && site && l.attrs.file) {
    h.line = site[0];
    h.character = site[1];
  }
  return h;
}

function dedupe(hits: AnswerHit[]): AnswerHit[] {
  const seen = new Set<string>();
  const out: AnswerHit[] = [];
  for (const h of hits) {
    if (seen.has(h.id)) continue;
    seen.add(h.id);
    out.push(h);
  }
  return out;
}
