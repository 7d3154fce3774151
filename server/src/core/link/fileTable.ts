import type { FileFacts, HeritageFact, ImportBinding, ImportFact, LocalBindingFact, SymbolFact } from '../model';

// Lookup tables over one file's facts, built once per facts object and shared by every
// linker pass that consults the file.

export interface BoundImport {
  imp: ImportFact;
  binding: ImportBinding;
}

export interface FileTable {
  byQname: Map<string, SymbolFact>;
  /** Module-level symbols by name (first declaration wins, as the runtime would see the binding). */
  topLevel: Map<string, SymbolFact>;
  imports: Map<string, BoundImport>;
  /** Python `import a.b.c` binds `a`; these are the full specifiers behind each such name. */
  dottedImports: Map<string, ImportFact[]>;
  exports: Map<string, string>;
  reexports: Map<string, BoundImport>;
  reexportAll: ImportFact[];
  /** scope qname ('' = module) → name → binding. */
  bindings: Map<string, Map<string, LocalBindingFact>>;
  heritage: Map<string, HeritageFact[]>;
}

let tables = new WeakMap<FileFacts, FileTable>();

/**
 * Drop every table. They are rebuilt on demand; between bulk links (a build, a config change)
 * keeping one per file would hold tens of megabytes for nothing.
 */
export function releaseTables(): void {
  tables = new WeakMap();
}

export function tableOf(facts: FileFacts): FileTable {
  let t = tables.get(facts);
  if (!t) {
    t = buildTable(facts);
    tables.set(facts, t);
  }
  return t;
}

function buildTable(facts: FileFacts): FileTable {
  const t: FileTable = {
    byQname: new Map(),
    topLevel: new Map(),
    imports: new Map(),
    dottedImports: new Map(),
    exports: new Map(),
    reexports: new Map(),
    reexportAll: [],
    bindings: new Map(),
    heritage: new Map(),
  };
  for (const s of facts.symbols) {
    t.byQname.set(s.qname, s);
    if (s.parent === undefined && !t.topLevel.has(s.name)) t.topLevel.set(s.name, s);
  }
  for (const imp of facts.imports) {
    if (imp.kind === 'reexport-all') {
      t.reexportAll.push(imp);
      continue;
    }
    for (const binding of imp.bindings) {
      if (imp.kind === 'reexport') {
        if (!t.reexports.has(binding.local)) t.reexports.set(binding.local, { imp, binding });
        continue;
      }
      if (binding.local === '*') continue;
      if (imp.kind === 'python' && binding.imported === '*' && imp.specifier !== binding.local && imp.specifier.startsWith(binding.local + '.')) {
        const list = t.dottedImports.get(binding.local) ?? [];
        list.push(imp);
        t.dottedImports.set(binding.local, list);
        if (t.imports.has(binding.local)) continue;
      }
      // A later import of the same name shadows the earlier one at module level.
      t.imports.set(binding.local, { imp, binding });
    }
  }
  for (const e of facts.exports) if (!t.exports.has(e.name)) t.exports.set(e.name, e.local);
  for (const b of facts.bindings) {
    const scope = b.scope ?? '';
    let m = t.bindings.get(scope);
    if (!m) t.bindings.set(scope, (m = new Map()));
    if (!m.has(b.name)) m.set(b.name, b);
  }
  for (const h of facts.heritage) {
    const list = t.heritage.get(h.symbol) ?? [];
    list.push(h);
    t.heritage.set(h.symbol, list);
  }
  return t;
}

/** Pure import specifiers in Python star-imports: `from x import *`. */
export function starImports(facts: FileFacts): ImportFact[] {
  return facts.imports.filter((i) => i.kind === 'python' && i.bindings.some((b) => b.local === '*'));
}
