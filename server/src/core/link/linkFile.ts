import type { FileFacts, Range, RefPath } from '../model';
import { externalMemberId, externalModuleId, fileId, packageId, symbolId } from '../graph/ids';
import { type EdgeKind, type EdgeSpec, type NodeAttrs, type Resolution } from '../graph/types';
import { tableOf, type FileTable } from './fileTable';
import type { LinkContext } from './linkContext';
import { SymbolResolver, type Target } from './symbolResolver';

// Produces every edge one file owns: its imports, the calls, heritage and references made
// from its code, and its membership in a package. Output depends only on the workspace state
// the context exposes, so re-linking a file after any change gives what a fresh index would.

/** Name-only guesses beyond this many candidates say nothing useful and are not recorded. */
export const MAX_NAME_GUESSES = 3;
const GUESS_KINDS = new Set(['function', 'method', 'constructor', 'class', 'getter', 'setter']);

export interface LinkStats {
  calls: number;
  resolvedCalls: number;
  guessedCalls: number;
  unresolvedCalls: number;
  imports: number;
  unresolvedImports: number;
}

export interface LinkResult {
  edges: EdgeSpec[];
  stats: LinkStats;
}

export function linkFile(path: string, facts: FileFacts, ctx: LinkContext): LinkResult {
  const resolver = new SymbolResolver(ctx);
  const table = tableOf(facts);
  const fid = fileId(path);
  // One spec per (kind, resolution, source, target), found through the endpoints' interned
  // ids rather than a key string built for every call site; `out` keeps first-seen order.
  const bySource = new Map<string, Map<string, EdgeSpec[]>>();
  const out: EdgeSpec[] = [];
  const stats: LinkStats = { calls: 0, resolvedCalls: 0, guessedCalls: 0, unresolvedCalls: 0, imports: 0, unresolvedImports: 0 };
  const python = ctx.family(path) === 'python';

  const sourceOf = (scope: string | null): string =>
    scope !== null && table.byQname.has(scope) ? symbolId(path, scope) : fid;

  const add = (kind: EdgeKind, source: string, target: Target, site: Range | undefined, resolution?: Resolution, confidence?: number, names?: string[]) => {
    const { id, shared } = nodeFor(target);
    let byTarget = bySource.get(source);
    if (!byTarget) bySource.set(source, (byTarget = new Map()));
    let specs = byTarget.get(id);
    if (!specs) byTarget.set(id, (specs = []));
    let e = specs.find((x) => x.kind === kind && x.resolution === resolution);
    if (!e) {
      e = { kind, source, target: id };
      if (resolution) e.resolution = resolution;
      if (confidence !== undefined) e.confidence = confidence;
      if (shared) e.shared = shared;
      specs.push(e);
      out.push(e);
    } else if (confidence !== undefined) {
      e.confidence = Math.max(e.confidence ?? 0, confidence);
    }
    if (site) (e.sites ??= []).push(site);
    if (names) e.names = [...new Set([...(e.names ?? []), ...names])].sort();
  };

  for (const imp of facts.imports) {
    stats.imports++;
    const res = ctx.resolveImport(path, imp);
    const names = imp.bindings.map((b) => b.imported);
    if (res.kind === 'file') {
      add('imports', fid, { t: 'module', path: res.path }, imp.range, undefined, undefined, names);
      // `from pkg import sub` imports the submodule file too.
      if (python) {
        for (const b of imp.bindings) {
          if (b.imported === '*') continue;
          const t = resolver.resolveImported(path, imp, b.imported);
          if (t?.t === 'module' && t.path !== res.path) add('imports', fid, t, imp.range, undefined, undefined, [b.imported]);
        }
      }
    }
    else if (res.kind === 'external' || res.kind === 'builtin') {
      const target = resolver.resolveImported(path, imp, '*');
      if (target) add('imports', fid, target, imp.range, undefined, undefined, names);
    } else stats.unresolvedImports++;
  }

  for (const call of facts.calls) {
    stats.calls++;
    const r = resolver.resolveInScope(path, facts, table, call.caller, call.callee);
    const source = sourceOf(call.caller);
    if (r && r.target.t !== 'module') {
      let resolution = r.resolution;
      let target = r.target;
      if (target.t === 'symbol' && (target.kind === 'class') && (call.isNew || python)) {
        resolution = 'instantiation';
      } else if (call.isNew && target.t === 'symbol' && target.kind === 'constructor') {
        resolution = 'instantiation';
      }
      add('calls', source, target, call.range, resolution, r.confidence);
      stats.resolvedCalls++;
      continue;
    }
    if (r) {
      stats.unresolvedCalls++;
      continue;
    }
    const guesses = guessable(call.callee, table) ? nameGuesses(call.callee, ctx) : [];
    if (guesses.length === 0) {
      stats.unresolvedCalls++;
      continue;
    }
    stats.guessedCalls++;
    const confidence = Math.round((0.5 / guesses.length) * 100) / 100;
    for (const g of guesses) add('calls', source, g, call.range, 'name', confidence);
  }

  for (const h of facts.heritage) {
    const scope = table.byQname.get(h.symbol)?.parent ?? null;
    const r = resolver.resolveInScope(path, facts, table, scope, h.target);
    if (!r || r.target.t === 'module') continue;
    const source = table.byQname.has(h.symbol) ? symbolId(path, h.symbol) : fid;
    add(h.kind, source, r.target, h.range, r.resolution, r.confidence);
  }

  for (const ref of facts.references) {
    const r = resolver.resolveInScope(path, facts, table, ref.from, ref.path);
    if (!r) continue;
    add('references', sourceOf(ref.from), r.target, ref.range, r.resolution, r.confidence);
  }

  const pkg = ctx.packageOf(path);
  if (pkg) {
    const id = packageId(pkg.dir);
    const attrs: NodeAttrs = { kind: 'package', name: pkg.name, qname: pkg.name, file: pkg.dir };
    out.push({ kind: 'contains', source: id, target: fid, shared: { id, attrs } });
  }

  for (const e of out) if (e.sites) e.sites.sort(compareRanges);
  return { edges: out, stats };
}

/** A guess is only worth making for a call whose receiver we could not type, never for a name the file binds. */
function guessable(callee: RefPath, table: FileTable): boolean {
  const head = callee[0];
  if (callee.length === 1) return !table.imports.has(head) && !table.topLevel.has(head);
  return !table.imports.has(head) && !table.dottedImports.has(head);
}

function nameGuesses(callee: RefPath, ctx: LinkContext): Target[] {
  const name = callee[callee.length - 1];
  const refs = ctx.symbolsNamed(name);
  const out: Target[] = [];
  for (const ref of refs) {
    const facts = ctx.facts(ref.path);
    const sym = facts && tableOf(facts).byQname.get(ref.qname);
    if (!sym || !GUESS_KINDS.has(sym.kind)) continue;
    // A bare call `foo()` can only mean a function-like thing, never a method of some class.
    if (callee.length === 1 && (sym.kind === 'method' || sym.kind === 'getter' || sym.kind === 'setter' || sym.kind === 'constructor')) continue;
    if (callee.length > 1 && sym.parent === undefined && sym.kind !== 'function') continue;
    out.push({ t: 'symbol', path: ref.path, qname: ref.qname, kind: sym.kind });
    if (out.length > MAX_NAME_GUESSES) return [];
  }
  return out;
}

export function nodeFor(target: Target): { id: string; shared?: { id: string; attrs: NodeAttrs } } {
  switch (target.t) {
    case 'symbol':
      return { id: symbolId(target.path, target.qname) };
    case 'module':
      return { id: fileId(target.path) };
    case 'external': {
      if (target.member === undefined) {
        const id = externalModuleId(target.space, target.module);
        return { id, shared: { id, attrs: { kind: 'external-module', name: target.module, qname: target.module, space: target.space } } };
      }
      const id = externalMemberId(target.space, target.module, target.member);
      const last = target.member.slice(target.member.lastIndexOf('.') + 1);
      const qname = target.space === 'py-builtin' || target.space === 'js-global' ? target.member : `${target.module}.${target.member}`;
      return { id, shared: { id, attrs: { kind: 'external-symbol', name: last, qname, space: target.space } } };
    }
  }
}

export function compareRanges(a: Range, b: Range): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || a[3] - b[3];
}
