import type { Graph } from '../graph/codeGraph';
import { fileId, symbolId } from '../graph/ids';
import { compareIds } from '../query/findSymbols';
import type { FileDocs, RetrievalIndex } from './retrievalIndex';

// Where HTTP routes are registered, in whatever framework the repository uses: Express, Koa
// and Fastify calls (`router.post('/login', auth, handler)`), NestJS decorators
// (`@Get(':id')`), Next.js API files, Flask/FastAPI decorators (`@app.route('/x')`) and
// Django urlconfs (`path('x/', views.fn)`). Route handlers are entry points; the registrations
// are also the repository's own example of how to add one.

export type Framework = 'express' | 'koa' | 'fastify' | 'nestjs' | 'nextjs' | 'flask' | 'fastapi' | 'django' | 'http';

export interface RouteInfo {
  framework: Framework;
  /** GET, POST, …; `USE` for mounts and middleware, `ANY` when the method is not said. */
  method: string;
  path: string;
  file: string;
  /** 0-based line of the registration. */
  line: number;
  /** The node that registers the route (the file, or the function doing it). */
  registrar: string;
  handler?: string;
  /** Other functions named in the registration (middleware, guards, validators). */
  middleware: string[];
}

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'head', 'options', 'use', 'route', 'api_route', 'websocket']);
const RECEIVER = /^(app|application|api|router|routes?|server|fastify|instance|r|bp|blueprint|[a-z]*(router|routes|app|api|blueprint|bp))$/i;
const NEST = new Map([['Get', 'GET'], ['Post', 'POST'], ['Put', 'PUT'], ['Patch', 'PATCH'], ['Delete', 'DELETE'], ['All', 'ANY'], ['Head', 'HEAD'], ['Options', 'OPTIONS']]);
const DJANGO = new Set(['path', 're_path', 'url']);
const MOUNTS = new Set(['register_blueprint', 'include_router']);
const NEXT_API = /(^|\/)pages\/api\/|(^|\/)app\/(.+\/)?route\.[cm]?[jt]sx?$/;

export function frameworkOf(fd: FileDocs): Framework | undefined {
  for (const imp of fd.facts.imports) {
    const s = imp.specifier;
    if (s === 'express' || s.startsWith('express/')) return 'express';
    if (s === 'koa' || s === 'koa-router' || s === '@koa/router') return 'koa';
    if (s === 'fastify') return 'fastify';
    if (s.startsWith('@nestjs/')) return 'nestjs';
    if (s === 'flask' || s.startsWith('flask.')) return 'flask';
    if (s === 'fastapi' || s.startsWith('fastapi.')) return 'fastapi';
    if (s === 'django.urls' || s === 'django.conf.urls') return 'django';
  }
  if (NEXT_API.test(fd.path)) return 'nextjs';
  return undefined;
}

export function findRoutes(graph: Graph, index: RetrievalIndex): RouteInfo[] {
  const out: RouteInfo[] = [];
  for (const fd of index.allFiles()) routesOfFile(graph, fd, out);
  return out.sort((a, b) => compareIds(a.file, b.file) || a.line - b.line || compareIds(a.method, b.method));
}

function routesOfFile(graph: Graph, fd: FileDocs, out: RouteInfo[]): void {
  const fw = frameworkOf(fd);
  const facts = fd.facts;
  const isPy = facts.language === 'python';
  const isUrlconf = isPy && /(^|\/)urls\.py$/.test(fd.path);
  for (const call of facts.calls) {
    const line = call.range[0];
    const strings = fd.lineStrings.get(line) ?? [];
    const path = strings.find((s) => s.startsWith('/') || s === '*') ?? strings[0];
    const scope = call.caller === null ? fileId(fd.path) : symbolId(fd.path, call.caller);
    const last = call.callee[call.callee.length - 1];
    const receiver = call.callee[call.callee.length - 2];
    let method: string | undefined;
    let framework: Framework | undefined = fw;
    let handler: string | undefined;
    if (call.callee.length >= 2 && MOUNTS.has(last)) {
      // Flask blueprints and FastAPI routers are mounted under a prefix.
      method = 'USE';
      framework ??= last === 'include_router' ? 'fastapi' : 'flask';
    } else if (call.callee.length >= 2 && VERBS.has(last) && receiver && RECEIVER.test(receiver) && path !== undefined) {
      method = last === 'route' || last === 'api_route' ? 'ANY' : last === 'del' ? 'DELETE' : last.toUpperCase();
      if (isPy) {
        // A decorator: the decorated function's range starts at the decorator.
        handler = functionStartingAt(fd, line);
        framework ??= 'flask';
        if (last === 'route') method = methodsFrom(fd, line) ?? 'GET';
      } else framework ??= 'express';
    } else if (!isPy && call.callee.length === 1 && NEST.has(last) && fw === 'nestjs' && call.caller !== null) {
      method = NEST.get(last)!;
      framework = 'nestjs';
      handler = methodAfter(fd, line, call.caller);
    } else if (isPy && call.callee.length === 1 && DJANGO.has(last) && (isUrlconf || fw === 'django') && path !== undefined) {
      method = 'ANY';
      framework = 'django';
    }
    if (!method || !framework) continue;
    const named = namedOnLine(graph, scope, line);
    if (!handler) handler = named.pop();
    else if (named.length && named[named.length - 1] === handler) named.pop();
    const mountPath = method === 'USE' && isPy ? (strings.find((s) => s.startsWith('/')) ?? '') : path;
    out.push({ framework, method, path: mountPath ?? '', file: fd.path, line, registrar: scope, handler, middleware: named });
  }
  if (fw === 'nextjs') {
    for (const d of fd.docs) {
      if (d.kind !== 'file' && d.exported && /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|default|handler)$/.test(d.name)) {
        const route = '/' + fd.path.replace(/^.*?(pages\/|app\/)/, '').replace(/\/route\.[cm]?[jt]sx?$|\.[cm]?[jt]sx?$/, '');
        out.push({ framework: 'nextjs', method: /^[A-Z]+$/.test(d.name) ? d.name : 'ANY', path: route, file: fd.path, line: d.line, registrar: fileId(fd.path), handler: d.id, middleware: [] });
      }
    }
  }
}

/** Functions and classes a registration names, in column order (handler last). */
function namedOnLine(graph: Graph, scope: string, line: number): string[] {
  if (!graph.hasNode(scope)) return [];
  const found: { id: string; col: number }[] = [];
  graph.forEachOutEdge(scope, (_e, attrs, _s, target, _sa, ta) => {
    if ((attrs.kind !== 'references' && attrs.kind !== 'calls') || !ta.file) return;
    if (ta.kind !== 'function' && ta.kind !== 'method' && ta.kind !== 'class' && ta.kind !== 'variable') return;
    for (const r of attrs.sites ?? []) if (r[0] === line) found.push({ id: target, col: r[1] });
  });
  found.sort((a, b) => a.col - b.col || compareIds(a.id, b.id));
  const ids: string[] = [];
  for (const f of found) if (!ids.includes(f.id)) ids.push(f.id);
  return ids;
}

function functionStartingAt(fd: FileDocs, line: number): string | undefined {
  let best: { id: string; start: number } | undefined;
  for (const d of fd.docs) {
    if (d.kind === 'file' || d.kind === 'variable') continue;
    if (d.startLine <= line && d.line >= line && d.line - line < 12 && (!best || d.startLine > best.start)) best = { id: d.id, start: d.startLine };
  }
  return best?.id;
}

function methodAfter(fd: FileDocs, line: number, parent: string): string | undefined {
  let best: { id: string; start: number } | undefined;
  for (const d of fd.docs) {
    if (d.kind !== 'method' || !d.qname.startsWith(parent + '.')) continue;
    if (d.startLine > line && (!best || d.startLine < best.start)) best = { id: d.id, start: d.startLine };
  }
  return best?.id;
}

function methodsFrom(fd: FileDocs, line: number): string | undefined {
  const verbs = (fd.lineStrings.get(line) ?? []).filter((s) => /^(GET|POST|PUT|PATCH|DELETE)$/i.test(s));
  return verbs.length ? verbs.map((v) => v.toUpperCase()).join('|') : undefined;
}
