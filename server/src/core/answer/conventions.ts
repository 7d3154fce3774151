import type { Graph } from '../graph/codeGraph';
import { fileId } from '../graph/ids';
import { compareIds } from '../query/findSymbols';
import { hitOf } from './hits';
import type { RetrievalIndex } from './retrievalIndex';
import type { Framework, RouteInfo } from './routes';
import type { SearchContext } from './search';
import { round } from './search';
import { terms } from './tokenize';
import type { AnswerHit } from './types';

// "How do I add a new API endpoint following our conventions?": the repository's own route
// pattern, its closest existing example, and the files a new endpoint touches — where it is
// registered, where its handler lives, what validates its input, which tests cover its siblings,
// and where the router is mounted.

const NAMES: Record<Framework, string> = {
  express: 'Express',
  koa: 'Koa',
  fastify: 'Fastify',
  nestjs: 'NestJS',
  nextjs: 'Next.js',
  flask: 'Flask',
  fastapi: 'FastAPI',
  django: 'Django',
  http: 'HTTP',
};
const GENERIC = new Set(['api', 'endpoint', 'rout', 'view', 'handler', 'new', 'add', 'convent', 'http', 'rest', 'url', 'page', 'controller', 'one', 'anoth']);
const VALIDATION = /valid|schema|dto|serializ|forms?\b|forms?\.|guard|sanitiz/i;
const PY_LANG = /\b(python|django|flask|fastapi|py)\b/i;
const TS_LANG = /\b(typescript|javascript|ts|js|node|express|koa|fastify|nest(js)?|next(\.?js)?)\b/i;

export function conventionAnswer(
  ctx: SearchContext,
  routes: RouteInfo[],
  subject: string,
  k: number,
  whereFallback: (subject: string) => AnswerHit[],
): { hits: AnswerHit[]; note?: string } {
  const g = ctx.graph;
  if (!/\b(endpoint|route|api|view|handler|controller|url|page|resource)s?\b/i.test(subject) && !routes.some((r) => subject.toLowerCase().includes(r.framework))) {
    return { hits: whereFallback(subject), note: `Examples of “${subject}” in the code:` };
  }
  let pool = routes.filter((r) => r.method !== 'USE' && r.handler);
  if (PY_LANG.test(subject)) pool = pool.filter((r) => r.file.endsWith('.py'));
  else if (TS_LANG.test(subject)) pool = pool.filter((r) => !r.file.endsWith('.py'));
  const wanted = new Set(subject.match(/\b(express|koa|fastify|nestjs|nextjs|flask|fastapi|django)\b/gi)?.map((s) => s.toLowerCase()) ?? []);
  if (wanted.size) pool = pool.filter((r) => wanted.has(r.framework));
  if (!pool.length) return { hits: [], note: 'No route registrations (Express/Koa/Fastify/NestJS/Next.js, Flask/FastAPI/Django) found in the workspace.' };

  // The dominant framework is the convention; the example is the route most like the subject.
  const byFw = new Map<Framework, RouteInfo[]>();
  for (const r of pool) byFw.set(r.framework, [...(byFw.get(r.framework) ?? []), r]);
  const fws = [...byFw].sort((a, b) => b[1].length - a[1].length || compareIds(a[0], b[0]));
  const [fw, fwRoutes] = fws[0];
  const words = new Set(terms(subject).filter((t) => !GENERIC.has(t)));
  const example = [...fwRoutes].sort((a, b) => fit(ctx, b, words) - fit(ctx, a, words) || compareIds(a.file, b.file) || a.line - b.line)[0];

  const hits: AnswerHit[] = [];
  const add = (h: AnswerHit) => {
    if (!hits.some((x) => x.id === h.id)) hits.push(h);
  };
  const regFiles = [...new Set(fwRoutes.map((r) => r.file))].sort();
  add({
    id: `route:${example.file}:${example.line}`,
    name: `${example.method} ${example.path}`,
    qname: `${example.method} ${example.path}`,
    kind: 'route',
    file: example.file,
    line: example.line,
    character: 0,
    score: 1,
    reason: `registration: the closest existing ${NAMES[fw]} route; register the new one next to it`,
  });
  const handler = example.handler!;
  add(hitOf(g, handler, 0.95, `handler: write the new one like \`${g.getNodeAttribute(handler, 'name')}\`${g.getNodeAttribute(handler, 'file') !== example.file ? ' (handlers live apart from registrations)' : ''}`));
  for (const m of mountsOf(g, ctx.index, routes, example)) add({ ...m, score: 0.9 });
  for (const v of validationOf(g, example).slice(0, 2)) add(hitOf(g, v.id, 0.85, `validation: ${v.why}`));
  for (const t of testsOf(g, ctx.index, example).slice(0, 2)) add(hitOf(g, t.id, 0.8, `tests: ${t.why}`));
  const shown = hits.slice(0, Math.max(k, 5)).map((h, i) => ({ ...h, score: round(h.score - i * 1e-3) }));
  const other = fws.slice(1).map(([f, rs]) => `${NAMES[f]} (${rs.length})`);
  const note =
    `This repository registers routes with **${NAMES[fw]}**: ${fwRoutes.length} route${fwRoutes.length === 1 ? '' : 's'} in ${regFiles.length} file${regFiles.length === 1 ? '' : 's'}` +
    `${other.length ? `; also ${other.join(', ')}` : ''}. Closest example: \`${example.method} ${example.path}\` in \`${example.file}:${example.line + 1}\`. ` +
    `A new endpoint touches:`;
  return { hits: shown, note };
}

/** How well a route matches the subject's words (path, handler name, files). */
function fit(ctx: SearchContext, r: RouteInfo, words: Set<string>): number {
  let s = 0;
  const handlerName = r.handler && ctx.graph.hasNode(r.handler) ? ctx.graph.getNodeAttribute(r.handler, 'name') : '';
  const ts = new Set([...terms(r.path), ...terms(handlerName), ...terms(r.file)]);
  for (const w of words) if (ts.has(w)) s += 2;
  // A complete example (handler in its own module, middleware such as validation) teaches more.
  if (r.handler && ctx.graph.getNodeAttribute(r.handler, 'file') !== r.file) s += 0.5;
  if (r.middleware.length) s += 0.3;
  if (validationOf(ctx.graph, r, false).length) s += 0.4;
  return s;
}

function validationOf(g: Graph, r: RouteInfo, viaImports = true): { id: string; why: string }[] {
  const out: { id: string; why: string }[] = [];
  const seen = new Set<string>();
  const consider = (id: string, why: string) => {
    if (seen.has(id) || !g.hasNode(id)) return;
    const a = g.getNodeAttributes(id);
    if (!a.file || !(VALIDATION.test(a.name) || VALIDATION.test(a.file))) return;
    seen.add(id);
    out.push({ id, why });
  };
  for (const m of r.middleware) consider(m, `\`${g.getNodeAttribute(m, 'name')}\` runs before the handler in the example`);
  if (r.handler) {
    g.forEachOutEdge(r.handler, (_e, a, _s, t) => {
      if (a.kind === 'calls' || a.kind === 'references') consider(t, `the example's handler uses \`${g.getNodeAttribute(t, 'name')}\``);
    });
    // Django/DRF: forms and serializers the view names.
  }
  // Files the registration or handler imports whose names say validation (schemas, forms, DTOs).
  for (const file of [r.file, r.handler ? g.getNodeAttribute(r.handler, 'file') : undefined]) {
    if (!file || !viaImports) continue;
    g.forEachOutEdge(fileId(file), (_e, a, _s, t, _sa, ta) => {
      if (a.kind === 'imports' && ta.kind === 'file' && ta.file && VALIDATION.test(ta.file) && !seen.has(t)) {
        seen.add(t);
        out.push({ id: t, why: `\`${file}\` imports it` });
      }
    });
  }
  return out.slice(0, 3);
}

function testsOf(g: Graph, index: RetrievalIndex, r: RouteInfo): { id: string; why: string }[] {
  const targets = new Set([r.file, r.handler ? g.getNodeAttribute(r.handler, 'file') : undefined].filter((x): x is string => !!x));
  const out: { id: string; why: string }[] = [];
  for (const fd of index.allFiles()) {
    if (!fd.isTest) continue;
    let why: string | undefined;
    const fid = fileId(fd.path);
    if (g.hasNode(fid)) {
      g.forEachOutEdge(fid, (_e, a, _s, t) => {
        const path = t.startsWith('f:') ? t.slice(2) : undefined;
        if (!why && a.kind === 'imports' && path && targets.has(path)) why = `imports \`${path}\``;
      });
    }
    if (!why && r.path.length > 1) {
      for (const list of fd.lineStrings.values()) {
        if (list.some((s) => s === r.path || s.endsWith(r.path))) {
          why = `requests \`${r.path}\``;
          break;
        }
      }
    }
    if (why) out.push({ id: fid, why });
  }
  return out.sort((a, b) => compareIds(a.id, b.id)).slice(0, 3);
}

/** Where the example's router is mounted (`app.use('/api', router)`, Django `include(...)`). */
function mountsOf(g: Graph, index: RetrievalIndex, routes: RouteInfo[], r: RouteInfo): AnswerHit[] {
  const out: AnswerHit[] = [];
  const importers = new Set<string>();
  g.forEachInEdge(fileId(r.file), (_e, a, s) => {
    if (a.kind === 'imports' && s.startsWith('f:')) importers.add(s.slice(2));
  });
  for (const m of routes) {
    if (m.method !== 'USE' || !importers.has(m.file)) continue;
    // The mount names something defined in the example's file (its router or blueprint).
    if (m.handler && !m.handler.startsWith(`s:${r.file}#`)) continue;
    out.push({ id: `route:${m.file}:${m.line}`, name: `mount ${m.path}`, qname: `USE ${m.path}`, kind: 'route', file: m.file, line: m.line, character: 0, score: 0.8, reason: `mount: \`${r.file}\` is mounted here at \`${m.path}\`` });
  }
  if (!out.length && r.framework === 'django') {
    // `include('polls.urls')` names the urlconf as a dotted string, not an import.
    const dotted = r.file.replace(/\.py$/, '').split('/');
    for (const fd of [...index.allFiles()].sort((a, b) => compareIds(a.path, b.path))) {
      if (fd.path === r.file || !/(^|\/)urls\.py$/.test(fd.path)) continue;
      for (const [line, list] of fd.lineStrings) {
        const hit = list.find((s) => s.endsWith('.urls') && dotted.join('.').endsWith(s));
        if (hit) out.push({ id: `route:${fd.path}:${line}`, name: `include ${hit}`, qname: `include ${hit}`, kind: 'route', file: fd.path, line, character: 0, score: 0.8, reason: `mount: includes \`${hit}\`` });
      }
    }
  }
  return out.slice(0, 2);
}
