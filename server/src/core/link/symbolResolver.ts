import type { FileFacts, ImportFact, ImportBinding, RefPath, SymbolFact, SymbolKind } from '../model';
import type { ExternalSpace } from '../graph/ids';
import type { Resolution } from '../graph/types';
import { tableOf, type FileTable } from './fileTable';
import { JS_GLOBALS, PYTHON_BUILTINS } from './globals';
import type { LinkContext } from './linkContext';

// Turns names and member paths into graph targets the way the language would bind them:
// lexical scope first, then module scope, then imports (following re-exports across files),
// then members of classes (with inheritance), namespaces and external packages.

export type Target =
  | { t: 'symbol'; path: string; qname: string; kind: SymbolKind }
  | { t: 'module'; path: string }
  | { t: 'external'; space: ExternalSpace; module: string; member?: string };

export interface Resolved {
  target: Target;
  resolution: Resolution;
  confidence: number;
}

const MAX_DEPTH = 24;
const CLASS_KINDS: ReadonlySet<SymbolKind> = new Set(['class', 'interface']);

export class SymbolResolver {
  constructor(private readonly ctx: LinkContext) {}

  // ---- exports -------------------------------------------------------------------------

  /** What `name` exported from `path` is, following re-exports and CommonJS assignments. */
  resolveExport(path: string, name: string, depth = 0): Target | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const facts = this.ctx.facts(path);
    if (!facts) return undefined;
    if (name === '*') return { t: 'module', path };
    const table = tableOf(facts);
    if (this.ctx.family(path) === 'python') return this.resolvePythonExport(path, facts, table, name, depth);

    const local = table.exports.get(name);
    if (local !== undefined) {
      const r = this.resolveLocalName(path, facts, table, local, depth);
      if (r) return r;
    }
    const re = table.reexports.get(name);
    if (re) return this.resolveImported(path, re.imp, re.binding.imported, depth);
    const whole = table.exports.get('=');
    if (whole !== undefined) {
      // `module.exports = X`: a default import is X itself, a named one is a member of X.
      const base = this.resolveLocalName(path, facts, table, whole, depth);
      if (name === 'default') return base;
      if (base) return this.member(base, name, depth);
    }
    if (name !== 'default') {
      for (const imp of table.reexportAll) {
        const r = this.resolveImported(path, imp, name, depth);
        if (r) return r;
      }
    }
    return undefined;
  }

  private resolvePythonExport(path: string, facts: FileFacts, table: FileTable, name: string, depth: number): Target | undefined {
    const r = this.resolveLocalName(path, facts, table, name, depth);
    if (r) return r;
    for (const imp of facts.imports) {
      if (!imp.bindings.some((b) => b.local === '*')) continue;
      const m = this.resolveImported(path, imp, name, depth);
      if (m) return m;
    }
    if (path.endsWith('__init__.py') || path.endsWith('__init__.pyi')) {
      const sub = this.ctx.resolvePythonSubmodule(path, path, name);
      if (sub) return { t: 'module', path: sub };
    }
    return undefined;
  }

  /** A module-level name of `path`: a symbol, an import binding or a module-level alias. */
  private resolveLocalName(path: string, facts: FileFacts, table: FileTable, local: string, depth: number): Target | undefined {
    const sym = table.byQname.get(local) ?? table.topLevel.get(local);
    const alias = table.bindings.get('')?.get(local);
    // `alias = other.fn` is a variable too; what callers reach through it is `other.fn`.
    if (alias && alias.via === 'alias' && (!sym || sym.kind === 'variable')) {
      const r = this.resolveModulePath(path, facts, table, alias.target, depth + 1);
      if (r) return r;
    }
    if (sym) return symbolTarget(path, sym);
    const bound = table.imports.get(local);
    if (bound) return this.resolveImported(path, bound.imp, bound.binding.imported, depth + 1, bound.binding);
    return undefined;
  }

  /** The thing `imported` names in the module `imp` refers to. */
  resolveImported(fromPath: string, imp: ImportFact, imported: string, depth = 0, binding?: ImportBinding): Target | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const res = this.ctx.resolveImport(fromPath, imp);
    const python = this.ctx.family(fromPath) === 'python';
    switch (res.kind) {
      case 'file': {
        if (imported === '*') {
          // `import a.b.c` binds `a`; the binding refers to the top package, not to a.b.c.
          if (python && binding && imp.specifier !== binding.local && imp.specifier.startsWith(binding.local + '.')) return undefined;
          return { t: 'module', path: res.path };
        }
        if (imported === 'default' && this.ctx.family(res.path) === 'js') {
          return this.resolveExport(res.path, 'default', depth + 1) ?? this.cjsWhole(res.path, depth);
        }
        const r = this.resolveExport(res.path, imported, depth + 1);
        if (r) return r;
        if (python) {
          const sub = this.ctx.resolvePythonSubmodule(fromPath, res.path, imported);
          if (sub) return { t: 'module', path: sub };
        }
        return undefined;
      }
      case 'external':
      case 'builtin': {
        const space: ExternalSpace =
          res.kind === 'external' ? (python ? 'pypi' : 'npm') : python ? 'python' : 'node';
        const module = res.kind === 'external' ? res.package + (res.subpath ? `/${res.subpath}` : '') : res.module;
        if (imported === '*' || imported === 'default') {
          if (python && binding && imp.specifier.startsWith(binding.local + '.') && binding.local !== imp.specifier) {
            return { t: 'external', space, module: binding.local };
          }
          return { t: 'external', space, module };
        }
        return { t: 'external', space, module, member: imported };
      }
      default:
        return undefined;
    }
  }

  private cjsWhole(path: string, depth: number): Target | undefined {
    const facts = this.ctx.facts(path);
    if (!facts) return undefined;
    const table = tableOf(facts);
    const whole = table.exports.get('=');
    if (whole !== undefined) return this.resolveLocalName(path, facts, table, whole, depth + 1);
    // A CommonJS module without `module.exports =` is its exports object.
    return facts.exports.length > 0 ? { t: 'module', path } : undefined;
  }

  // ---- members -------------------------------------------------------------------------

  /** `target.name`: a class member (inherited too), a namespace export, an external member. */
  member(target: Target, name: string, depth = 0, seen = new Set<string>()): Target | undefined {
    if (depth > MAX_DEPTH) return undefined;
    switch (target.t) {
      case 'module':
        return this.resolveExport(target.path, name, depth + 1);
      case 'external':
        return { ...target, member: target.member ? `${target.member}.${name}` : name };
      case 'symbol': {
        const facts = this.ctx.facts(target.path);
        if (!facts) return undefined;
        const table = tableOf(facts);
        const own = table.byQname.get(`${target.qname}.${name}`);
        if (own) return symbolTarget(target.path, own);
        if (!CLASS_KINDS.has(target.kind)) return undefined;
        const key = `${target.path}#${target.qname}`;
        if (seen.has(key)) return undefined;
        seen.add(key);
        for (const base of this.baseClasses(target, depth)) {
          const m = this.member(base, name, depth + 1, seen);
          if (m) return m;
        }
        return undefined;
      }
    }
  }

  /** Resolved `extends` targets of a class (then `implements`, for interface members). */
  baseClasses(cls: Extract<Target, { t: 'symbol' }>, depth = 0): Target[] {
    const facts = this.ctx.facts(cls.path);
    if (!facts) return [];
    const table = tableOf(facts);
    const out: Target[] = [];
    const heritage = table.heritage.get(cls.qname) ?? [];
    for (const kind of ['extends', 'implements'] as const) {
      for (const h of heritage) {
        if (h.kind !== kind) continue;
        const scope = table.byQname.get(cls.qname)?.parent ?? null;
        const r = this.resolveInScope(cls.path, facts, table, scope, h.target, depth + 1);
        if (r && r.target.t !== 'module') out.push(r.target);
      }
    }
    return out;
  }

  // ---- paths in scope ------------------------------------------------------------------

  /** A member path as it appears in `scope` of `path`; undefined when it cannot be bound. */
  resolveInScope(path: string, facts: FileFacts, table: FileTable, scope: string | null, ref: RefPath, depth = 0): Resolved | undefined {
    if (depth > MAX_DEPTH || ref.length === 0) return undefined;
    const python = this.ctx.family(path) === 'python';
    const [head, ...rest] = ref;

    if (head === '?') return undefined;
    if (head === 'this' || ((head === 'self' || head === 'cls') && python)) {
      const cls = this.enclosingClass(path, table, scope);
      if (!cls) return undefined;
      if (rest.length === 0) return undefined;
      const direct = this.member(cls, rest[0], depth + 1);
      if (direct && rest.length === 1) return { target: direct, resolution: 'this', confidence: 0.9 };
      if (rest.length >= 2) {
        // `this.repo.save()`: the field's type comes from what the class assigned to it.
        const field = this.fieldBinding(cls, `${head}.${rest[0]}`, python);
        if (field) {
          const typed = this.chain(field, rest.slice(1), depth);
          if (typed) return { target: typed, resolution: 'instantiation', confidence: 0.8 };
        }
        if (direct) {
          const t = this.chain(direct, rest.slice(1), depth);
          if (t) return { target: t, resolution: 'this', confidence: 0.8 };
        }
      }
      return undefined;
    }
    if (head === 'super') {
      const cls = this.enclosingClass(path, table, scope);
      if (!cls) return undefined;
      const [base] = this.baseClasses(cls, depth);
      if (!base) return undefined;
      if (rest.length === 0) {
        const ctor = this.member(base, python ? '__init__' : 'constructor', depth + 1);
        return { target: ctor ?? base, resolution: 'this', confidence: 0.9 };
      }
      const t = this.chain(base, rest, depth);
      return t ? { target: t, resolution: 'this', confidence: 0.9 } : undefined;
    }

    // Lexical scopes, innermost first. Class bodies do not form a lexical scope for their
    // members (neither in JS nor in Python), so a bare name never binds to a method.
    for (let s: string | undefined = scope ?? undefined; s !== undefined; s = table.byQname.get(s)?.parent) {
      const sym = table.byQname.get(s);
      const local = table.bindings.get(s)?.get(head);
      if (local) return this.fromBinding(path, facts, table, s, local.target, local.via, rest, depth);
      if (sym && CLASS_KINDS.has(sym.kind)) continue;
      const nested = table.byQname.get(`${s}.${head}`);
      if (nested) {
        const t = this.chain(symbolTarget(path, nested), rest, depth);
        if (t) return { target: t, resolution: 'scope', confidence: 1 };
      }
    }
    const top = table.topLevel.get(head);
    const moduleBinding = table.bindings.get('')?.get(head);
    // A module-level variable bound to an instance or an alias is reached through what it holds.
    if (moduleBinding && (!top || top.kind === 'variable')) {
      const r = this.fromBinding(path, facts, table, null, moduleBinding.target, moduleBinding.via, rest, depth);
      if (r || !top) return r;
    }
    if (top) {
      const t = this.chain(symbolTarget(path, top), rest, depth);
      return t ? { target: t, resolution: 'scope', confidence: 1 } : undefined;
    }
    if (python) {
      const dotted = this.resolveDottedImport(path, table, ref, depth);
      if (dotted) return dotted;
    }
    const bound = table.imports.get(head);
    if (bound) {
      const base = this.resolveImported(path, bound.imp, bound.binding.imported, depth + 1, bound.binding);
      if (!base) return undefined;
      const t = this.chain(base, rest, depth);
      return t ? { target: t, resolution: 'import', confidence: 1 } : undefined;
    }
    if (python) {
      // `from x import *` brings every public name of x into scope.
      for (const imp of facts.imports) {
        if (imp.kind !== 'python' || !imp.bindings.some((b) => b.local === '*')) continue;
        const base = this.resolveImported(path, imp, head, depth + 1);
        if (base) {
          const t = this.chain(base, rest, depth);
          if (t) return { target: t, resolution: 'import', confidence: 0.9 };
        }
      }
    }
    const globals = python ? PYTHON_BUILTINS : JS_GLOBALS;
    if (globals.has(head)) {
      const space: ExternalSpace = python ? 'py-builtin' : 'js-global';
      const module = python ? 'builtins' : 'globalThis';
      const member = ref.join('.');
      return { target: { t: 'external', space, module, member }, resolution: 'import', confidence: 1 };
    }
    return undefined;
  }

  /** `import a.b.c` then `a.b.c.f()`: match the longest imported dotted prefix. */
  private resolveDottedImport(path: string, table: FileTable, ref: RefPath, depth: number): Resolved | undefined {
    const candidates = table.dottedImports.get(ref[0]);
    if (!candidates) return undefined;
    for (let n = ref.length; n >= 2; n--) {
      const spec = ref.slice(0, n).join('.');
      const imp = candidates.find((i) => i.specifier === spec);
      if (!imp) continue;
      const base = this.resolveImported(path, imp, '*', depth + 1);
      if (!base) return undefined;
      const t = this.chain(base, ref.slice(n), depth);
      return t ? { target: t, resolution: 'import', confidence: 1 } : undefined;
    }
    return undefined;
  }

  private fromBinding(
    path: string,
    facts: FileFacts,
    table: FileTable,
    scope: string | null,
    target: RefPath,
    via: 'new' | 'alias',
    rest: RefPath,
    depth: number,
  ): Resolved | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const parentScope = scope === null ? null : (table.byQname.get(scope)?.parent ?? null);
    // Resolve the right-hand side where it was written, skipping the binding itself.
    const bound = this.resolveInScope(path, facts, table, via === 'alias' ? parentScope : scope, target, depth + 1);
    if (!bound) return undefined;
    if (via === 'alias') {
      const t = this.chain(bound.target, rest, depth);
      return t ? { target: t, resolution: bound.resolution, confidence: bound.confidence } : undefined;
    }
    // An instance: only its members are callable targets.
    if (rest.length === 0) return undefined;
    if (bound.target.t === 'symbol' && !CLASS_KINDS.has(bound.target.kind)) return undefined;
    const t = this.chain(bound.target, rest, depth);
    return t ? { target: t, resolution: 'instantiation', confidence: 0.8 } : undefined;
  }

  private resolveModulePath(path: string, facts: FileFacts, table: FileTable, ref: RefPath, depth: number): Target | undefined {
    return this.resolveInScope(path, facts, table, null, ref, depth + 1)?.target;
  }

  private chain(base: Target, rest: RefPath, depth: number): Target | undefined {
    let t: Target | undefined = base;
    for (const name of rest) {
      if (!t) return undefined;
      t = this.member(t, name, depth + 1);
    }
    return t;
  }

  private enclosingClass(path: string, table: FileTable, scope: string | null): Extract<Target, { t: 'symbol' }> | undefined {
    for (let s: string | undefined = scope ?? undefined; s !== undefined; ) {
      const sym = table.byQname.get(s);
      if (!sym) return undefined;
      if (CLASS_KINDS.has(sym.kind)) return symbolTarget(path, sym) as Extract<Target, { t: 'symbol' }>;
      s = sym.parent;
    }
    return undefined;
  }

  /** The class instantiated into `this.x` / `self.x`, searching the class and its bases. */
  private fieldBinding(cls: Extract<Target, { t: 'symbol' }>, name: string, python: boolean, seen = new Set<string>()): Target | undefined {
    const key = `${cls.path}#${cls.qname}`;
    if (seen.has(key)) return undefined;
    seen.add(key);
    const facts = this.ctx.facts(cls.path);
    if (!facts) return undefined;
    const table = tableOf(facts);
    const alt = python ? name.replace(/^cls\./, 'self.') : name;
    const b = table.bindings.get(cls.qname)?.get(alt);
    if (b) {
      const r = this.resolveInScope(cls.path, facts, table, table.byQname.get(cls.qname)?.parent ?? null, b.target, 1);
      if (r && (r.target.t !== 'symbol' || CLASS_KINDS.has(r.target.kind))) return r.target;
      return undefined;
    }
    for (const base of this.baseClasses(cls)) {
      if (base.t !== 'symbol') continue;
      const t = this.fieldBinding(base, name, python, seen);
      if (t) return t;
    }
    return undefined;
  }
}

export function symbolTarget(path: string, s: SymbolFact): Target {
  return { t: 'symbol', path, qname: s.qname, kind: s.kind };
}
