import type { Node } from 'web-tree-sitter';
import { fileId, symbolId } from '../graph/ids';
import type { ImportFact, Range, SymbolFact } from '../model';
import type { Target } from '../link/symbolResolver';
import type { RefactorWorkspace, SourceFile } from './refactorWorkspace';
import { NAME_TYPES, ScopeOracle, type Family } from './scopes';
import { lexicalSpans, spanAt } from './lexicalSpans';
import { hierarchyMembers, memberLinks, overloadNames } from './memberHierarchy';
import { lineText, offsetAt, rangeBetween, textAt } from '../textPositions';
import { RefactorError, type RiskySpot } from './types';
import { checkpoint } from './checkpoint';

// Every token that names one symbol across the workspace, found from the graph: the files
// that can see the symbol are its definition file, the files with an edge to it and the
// importers of every module that exports it (following re-exports). Inside those files the
// tokens are the import specifiers that resolve to it, the member sites of resolved edges
// (`ns.a`, `this.a`, `self.a`, `m.a`) and the unshadowed identifiers of a name bound to it.
// What the graph cannot prove (strings, comments, `obj[name]`, guessed calls) is reported.

export type SiteRole = 'definition' | 'import' | 'reexport' | 'reference' | 'member';

export interface SymbolSite {
  path: string;
  range: Range;
  role: SiteRole;
  /** `{ a }` object shorthand: renaming must keep the key (`{ a: b }`). */
  shorthand?: boolean;
  /** A named re-export that keeps its public name (`export { b as a } from`), see keepExportNames. */
  keepsExportName?: boolean;
  lineText: string;
}

export interface SymbolSites {
  id: string;
  name: string;
  definition: { path: string; symbol: SymbolFact };
  sites: SymbolSite[];
  risky: RiskySpot[];
  /** Files where the symbol's name is bound at module level (a conflict check for renames). */
  bindingFiles: string[];
}

const MEMBER_KINDS = new Set(['method', 'getter', 'setter', 'constructor']);
const USE_EDGES = new Set(['calls', 'references', 'extends', 'implements']);

export function familyOf(src: SourceFile): Family {
  return src.module.family;
}

export function symbolOf(ws: RefactorWorkspace, id: string): { path: string; symbol: SymbolFact } {
  if (!ws.graph.hasNode(id)) throw new RefactorError(`no symbol ${id} in the graph`);
  const a = ws.graph.getNodeAttributes(id);
  if (!a.file || a.kind === 'file' || a.kind === 'package' || a.kind.startsWith('external')) throw new RefactorError(`${a.qname} is not defined in this workspace`);
  const sym = ws.facts(a.file)?.symbols.find((s) => s.qname === a.qname);
  if (!sym) throw new RefactorError(`${a.qname} is not in the facts of ${a.file}`);
  return { path: a.file, symbol: sym };
}

function sameSymbol(t: Target | undefined, path: string, qname: string): boolean {
  return !!t && t.t === 'symbol' && t.path === path && t.qname === qname;
}

export interface SiteOptions {
  signal?: AbortSignal;
  onFile?: (done: number, total: number) => void;
  /**
   * TypeScript's own convention: a named re-export keeps the name it exports (`export { b as a }
   * from`), so modules importing through it are left alone. Default: the rename follows
   * re-exports to every importer.
   */
  keepExportNames?: boolean;
  /** Internal: a related member of the same hierarchy, whose own relatives are already included. */
  noHierarchy?: boolean;
}

export async function findSymbolSites(ws: RefactorWorkspace, id: string, options: SiteOptions = {}): Promise<SymbolSites> {
  const { signal, onFile } = options;
  const { path: defPath, symbol } = symbolOf(ws, id);
  const name = symbol.name;
  const g = ws.graph;
  const parent = symbol.parent !== undefined ? ws.facts(defPath)?.symbols.find((s) => s.qname === symbol.parent) : undefined;
  const isMember = MEMBER_KINDS.has(symbol.kind) || (parent !== undefined && (parent.kind === 'class' || parent.kind === 'interface'));
  const sites: SymbolSite[] = [];
  const risky: RiskySpot[] = [];
  /** path → names bound to the symbol at module level in that file */
  const bound = new Map<string, Set<string>>();
  const bind = (p: string, n: string) => (bound.get(p) ?? bound.set(p, new Set()).get(p)!).add(n);

  // ---- which files can see it --------------------------------------------------------------
  const candidates = new Set<string>([defPath]);
  /** Modules exporting the symbol under its name: the definition's and those re-exporting it. */
  const exposing = new Set<string>([defPath]);
  /** Every file importing the defining module or a module that re-exports the symbol. */
  const importers = new Set<string>();
  /** Modules whose named re-export keeps the old public name (keepExportNames). */
  const keptBarrels = new Set<string>();
  const memberSites = new Map<string, Range[]>();
  g.forEachInEdge(id, (_e, a, source) => {
    if (!USE_EDGES.has(a.kind)) return;
    const file = g.getNodeAttribute(source, 'file');
    if (!file) return;
    candidates.add(file);
    for (const r of a.sites ?? []) {
      if (a.resolution === 'name') {
        const src = ws.source(file);
        if (src) risky.push(spot(src, r, 'guessed-call', `the graph only guessed from the name that this call means ${symbol.qname}; left unchanged`));
      } else (memberSites.get(file) ?? memberSites.set(file, []).get(file)!).push(r);
    }
  });
  if (!isMember && symbol.parent === undefined) {
    const exposers = [defPath];
    const seen = exposing;
    while (exposers.length) {
      const m = exposers.pop()!;
      const fid = fileId(m);
      if (!g.hasNode(fid)) continue;
      for (const src of new Set(g.inNeighbors(fid))) {
        const file = g.getNodeAttribute(src, 'file');
        if (!file || g.getNodeAttribute(src, 'kind') !== 'file') continue;
        importers.add(file);
        // Only files that import this very name (or re-export everything) can hold its tokens;
        // `ns.name` uses reach the candidates through the symbol's own edges.
        const imports = ws.facts(file)?.imports ?? [];
        if (!imports.some((i) => i.kind === 'reexport-all' || i.bindings.some((b) => b.imported === name))) continue;
        candidates.add(file);
        const namedReexport = options.keepExportNames && ws.facts(file)?.imports.some((i) => i.kind === 'reexport' && i.bindings.some((b) => b.imported === name && b.local === name));
        if (namedReexport) keptBarrels.add(file);
        if (!seen.has(file) && !namedReexport && (reexportsFrom(ws, file, imports, name, seen) || sameSymbol(ws.resolver(file).resolveExport(file, name), defPath, symbol.qname))) {
          seen.add(file);
          exposers.push(file);
        }
      }
    }
  }

  // ---- tokens inside each file ---------------------------------------------------------------
  const files = [...candidates].sort();
  let done = 0;
  for (const path of files) {
    await checkpoint(signal);
    onFile?.(done++, files.length);
    const src = ws.source(path);
    const root = await ws.tree(path);
    if (!src || !root) continue;
    const facts = ws.facts(path);
    const family = familyOf(src);

    if (path === defPath) {
      sites.push(site(src, symbol.selection, 'definition'));
      if (isMember) {
        for (const r of overloadNames(root, src, symbol)) sites.push(site(src, r, 'definition'));
        const cls = parent?.name;
        if (cls && family === 'js') for (const [a, b] of memberLinks(src, cls, name)) sites.push(site(src, rangeFromOffsets(src, a, b), 'reference'));
        // `this.name = …` / `self.name = …` inside the class: writes the graph does not record as uses.
        if (parent) for (const [a, b] of selfMemberUses(src, parent.range, name)) sites.push(site(src, rangeFromOffsets(src, a, b), 'member'));
      }
      if (symbol.parent === undefined) bind(path, name);
      else if (!isMember) {
        // A function nested in a function: its name binds in the enclosing scope only.
        const oracle = new ScopeOracle(family);
        const nameNode = nodeAtRange(root, symbol.selection);
        const scope = nameNode ? oracle.declaringScope(nameNode) : undefined;
        if (scope) {
          for (const n of scanNames(root, src, family, new Set([name]))) {
            if (n.startIndex < scope.startIndex || n.endIndex > scope.endIndex || oracle.shadowed(n, name, scope)) continue;
            sites.push(site(src, rangeOf(n), 'reference'));
          }
        }
      }
    }

    // Import and re-export specifiers that resolve to the symbol.
    if (facts && !isMember) {
      const resolver = ws.resolver(path);
      for (const imp of facts.imports) {
        for (const b of imp.bindings) {
          if (b.imported !== name) continue;
          // Straight from a module known to export it, or however the resolver follows it; the
          // first also covers `export const a = b` aliases, which the resolver looks through.
          const from = resolvedPath(ws, path, imp);
          if (!(from !== undefined && exposing.has(from)) && !sameSymbol(resolver.resolveImported(path, imp, name), defPath, symbol.qname)) continue;
          if (keptBarrels.size && keptBarrels.has(resolvedPath(ws, path, imp) ?? '')) continue;
          const tok = importedToken(root, src, imp.range, name, family);
          if (!tok) {
            risky.push(spot(src, imp.range, 'other', `an import of ${name} whose name token could not be located; left unchanged`));
            continue;
          }
          const reexport = imp.kind === 'reexport';
          const keeps = reexport && options.keepExportNames && b.local === name;
          sites.push({ ...site(src, tok.range, reexport ? 'reexport' : 'import'), ...(keeps ? { keepsExportName: true } : {}) });
          if (!reexport && b.local === name) bind(path, name);
        }
      }
    }

    // Member and qualified sites of resolved edges: the name is the last token of the site.
    for (const r of memberSites.get(path) ?? []) {
      const text = textAt(src.text, src.starts, r);
      if (!text.endsWith(name) || (text.length > name.length && /[\w$]/.test(text.charAt(text.length - name.length - 1)))) continue;
      const end = offsetAt(src.starts, r[2], r[3]);
      const start = end - name.length;
      const tokRange = rangeFromOffsets(src, start, end);
      if (text.length === name.length) {
        // A bare name means the symbol only where the file binds it (an unaliased import or the
        // definition); the graph does not see parameters and locals that shadow it.
        if (!bound.get(path)?.has(name)) continue;
        const n = nodeAtRange(root, tokRange);
        if (n && new ScopeOracle(family).shadowed(n, name)) continue;
        sites.push({ ...site(src, tokRange, 'reference'), ...(n?.type === 'shorthand_property_identifier' ? { shorthand: true } : {}) });
      } else {
        // `ns.a` through a namespace import of a module that keeps exporting the old name.
        const qualifier = text.slice(0, text.length - name.length).replace(/\??\.\s*$/, '').trim();
        if (keptBarrels.size && facts?.imports.some((i) => i.bindings.some((b) => b.imported === '*' && b.local === qualifier) && keptBarrels.has(resolvedPath(ws, path, i) ?? ''))) continue;
        sites.push(site(src, tokRange, 'member'));
      }
    }

    // Identifiers of names bound to the symbol, unless an inner scope re-declares them.
    const names = bound.get(path);
    if (names?.size) {
      const oracle = new ScopeOracle(family);
      for (const n of scanNames(root, src, family, names)) {
        if (oracle.shadowed(n, n.text)) continue;
        sites.push({ ...site(src, rangeOf(n), 'reference'), ...(n.type === 'shorthand_property_identifier' ? { shorthand: true } : {}) });
      }
    }
  }

  // Python `__all__` entries are names, not prose: a module that binds the symbol lists it there.
  for (const [path, names] of bound) {
    const src = ws.source(path);
    const root = await ws.tree(path);
    if (!src || !root || familyOf(src) !== 'python' || !names.has(name)) continue;
    for (const r of dunderAllEntries(root, name)) sites.push(site(src, r, 'reference'));
  }

  // JSDoc `{@link name}` resolves like code where the file binds the name (as TypeScript's rename does).
  for (const [path, names] of bound) {
    const src = ws.source(path);
    const root = await ws.tree(path);
    if (!src || !root || familyOf(src) !== 'js' || !names.has(name)) continue;
    for (const r of jsdocLinks(root, src, name)) sites.push(site(src, r, 'reference'));
  }

  // ---- what the graph cannot see ---------------------------------------------------------------
  // Only where the symbol's module is in reach: a dynamic access (`m['name']`, `getattr(m, 'name')`)
  // needs the module or its object, so files that cannot import it cannot reach it either.
  if (isMember || symbol.parent !== undefined) {
    const fid = fileId(defPath);
    if (g.hasNode(fid)) for (const n of g.inNeighbors(fid)) if (g.getNodeAttribute(n, 'kind') === 'file') importers.add(g.getNodeAttribute(n, 'file')!);
  }
  const siteKeys = new Set(sites.map((s) => `${s.path}:${s.range.join(',')}`));
  for (const path of [...new Set([...candidates, ...importers])].sort()) {
    await checkpoint(signal);
    const src = ws.source(path);
    if (!src || !src.text.includes(name)) continue;
    const inFile = sites.filter((x) => x.path === path);
    // Where every occurrence of the name is a site already there is nothing to report, and
    // no need to scan the file for strings and comments.
    const siteStarts = new Set(inFile.map((x) => offsetAt(src.starts, x.range[0], x.range[1])));
    if (wordOffsets(src.text, name).every((o) => siteStarts.has(o))) continue;
    for (const r of mentions(src, name, isMember)) {
      if (siteKeys.has(`${path}:${r.range.join(',')}`) || inFile.some((x) => contains(r.range, x.range))) continue;
      risky.push(r);
    }
  }

  // The members this one overrides or implements, and those overriding it.
  if (isMember && !options.noHierarchy) {
    for (const rel of hierarchyMembers(ws, defPath, symbol)) {
      const more = await findSymbolSites(ws, rel, { ...options, noHierarchy: true });
      sites.push(...more.sites);
      const known = new Set(risky.map((r) => `${r.path}:${r.range.join(',')}`));
      risky.push(...more.risky.filter((r) => !known.has(`${r.path}:${r.range.join(',')}`)));
    }
  }

  const unique = new Map<string, SymbolSite>();
  for (const s of sites) {
    // Every site must read exactly the old name; anything else is a bug, never an edit.
    if (textAt(ws.source(s.path)!.text, ws.source(s.path)!.starts, s.range) !== name) continue;
    const key = `${s.path}:${s.range.join(',')}`;
    // The first role found wins: the definition is recorded before the scan finds it again.
    if (!unique.has(key)) unique.set(key, s);
  }
  // A spot another member of the hierarchy resolved is a site, not a risk.
  const finalKeys = new Set(unique.keys());
  const stillRisky = risky.filter((r) => !finalKeys.has(`${r.path}:${r.range.join(',')}`));
  risky.length = 0;
  risky.push(...stillRisky);
  const ordered = [...unique.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range[0] - b.range[0] || a.range[1] - b.range[1]));
  risky.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range[0] - b.range[0] || a.range[1] - b.range[1]));
  return { id: symbolId(defPath, symbol.qname), name, definition: { path: defPath, symbol }, sites: ordered, risky, bindingFiles: [...bound.keys()].sort() };
}

/** `file` re-exports `name` (by name or with `export *`, or a Python import) from a module already known to export it. */
function reexportsFrom(ws: RefactorWorkspace, file: string, imports: readonly ImportFact[], name: string, exposing: ReadonlySet<string>): boolean {
  for (const imp of imports) {
    const passes = imp.kind === 'reexport-all' || ((imp.kind === 'reexport' || imp.kind === 'python') && imp.bindings.some((b) => b.imported === name && b.local === name));
    if (!passes) continue;
    const from = resolvedPath(ws, file, imp);
    if (from !== undefined && exposing.has(from)) return true;
  }
  return false;
}

function resolvedPath(ws: RefactorWorkspace, from: string, imp: ImportFact): string | undefined {
  const r = ws.linkContext(from).resolveImport(from, imp);
  return r.kind === 'file' ? r.path : undefined;
}

function rangeOf(n: Node): Range {
  return [n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column];
}

function rangeFromOffsets(src: SourceFile, start: number, end: number): Range {
  return rangeBetween(src.starts, start, end);
}

function site(src: SourceFile, range: Range, role: SiteRole): SymbolSite {
  return { path: src.path, range, role, lineText: lineText(src.text, src.starts, range[0]) };
}

export function spot(src: SourceFile, range: Range, kind: RiskySpot['kind'], message: string): RiskySpot {
  return { path: src.path, range, kind, message, lineText: lineText(src.text, src.starts, range[0]).trim() };
}

function nodeAtRange(root: Node, r: Range): Node | null {
  return root.descendantForPosition({ row: r[0], column: r[1] }, { row: r[2], column: r[3] });
}

/** The token naming `name` on the imported side of an import or re-export statement. */
function importedToken(root: Node, src: SourceFile, stmtRange: Range, name: string, family: Family): { range: Range } | undefined {
  let stmt = nodeAtRange(root, stmtRange);
  if (!stmt) return undefined;
  const start = offsetAt(src.starts, stmtRange[0], stmtRange[1]);
  const end = offsetAt(src.starts, stmtRange[2], stmtRange[3]);
  while (stmt.parent && (stmt.startIndex > start || stmt.endIndex < end)) stmt = stmt.parent;
  let found: { range: Range } | undefined;
  visit(stmt, (n) => {
    if (found) return false;
    if (family === 'js') {
      if (n.type === 'import_specifier' || n.type === 'export_specifier') {
        const nm = n.childForFieldName('name');
        if (nm?.text === name) found = { range: rangeOf(nm) };
        return false;
      }
      // `const { a } = require('./m')` / `const { a: x } = require('./m')`
      if (n.type === 'shorthand_property_identifier_pattern' && n.text === name) {
        // Renamed together with the local binding it creates, so no key is kept.
        found = { range: rangeOf(n) };
        return false;
      }
      if (n.type === 'pair_pattern') {
        const key = n.childForFieldName('key');
        if (key?.text === name) found = { range: rangeOf(key) };
        return false;
      }
      return true;
    }
    // Python: the imported name of `from m import a` / `from m import a as b`.
    if (n.type === 'import_from_statement') {
      const moduleName = n.childForFieldName('module_name');
      for (const c of n.namedChildren) {
        if (c.id === moduleName?.id) continue;
        const target = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (target?.type === 'dotted_name' && target.text === name) {
          found = { range: rangeOf(target) };
          return false;
        }
      }
      return false;
    }
    return true;
  });
  return found;
}

function visit(node: Node, f: (n: Node) => boolean): void {
  if (!f(node)) return;
  for (const c of node.namedChildren) visit(c, f);
}

const JS_IMPORT_OWNED = new Set(['import_statement', 'import_specifier', 'export_specifier', 'namespace_import', 'import_clause']);

/** Offsets where `name` occurs as a whole word in `text`. */
function wordOffsets(text: string, name: string): number[] {
  const out: number[] = [];
  const ident = /[\w$]/;
  for (let i = text.indexOf(name); i !== -1; i = text.indexOf(name, i + 1)) {
    if (i > 0 && ident.test(text[i - 1])) continue;
    if (i + name.length < text.length && ident.test(text[i + name.length])) continue;
    out.push(i);
  }
  return out;
}

const IMPORT_STATEMENTS: Record<Family, ReadonlySet<string>> = {
  js: new Set(['import_statement']),
  python: new Set(['import_statement', 'import_from_statement', 'future_import_statement']),
};

/**
 * Identifier tokens spelling one of `names` that are plain references (not members, keys,
 * imports). Found from the text's occurrences, not by walking the tree: a large file is
 * visited only where the name appears.
 */
function scanNames(root: Node, src: SourceFile, family: Family, names: ReadonlySet<string>): Node[] {
  const types = NAME_TYPES[family];
  const out: Node[] = [];
  for (const name of names) {
    for (const at of wordOffsets(src.text, name)) {
      const n = root.descendantForIndex(at, at + name.length);
      if (!n || n.startIndex !== at || n.endIndex !== at + name.length || !types.has(n.type)) continue;
      if (!plainReference(n, family) || insideImport(n, family)) continue;
      out.push(n);
    }
  }
  return out;
}

function insideImport(n: Node, family: Family): boolean {
  for (let a = n.parent; a; a = a.parent) {
    if (IMPORT_STATEMENTS[family].has(a.type)) return true;
    if (family === 'js' && a.type === 'export_statement' && a.childForFieldName('source')) return true;
    if (a.type === 'program' || a.type === 'module') return false;
  }
  return false;
}

function plainReference(n: Node, family: Family): boolean {
  const p = n.parent;
  if (!p) return true;
  if (family === 'js') {
    if (JS_IMPORT_OWNED.has(p.type)) return p.type === 'export_specifier' && p.childForFieldName('name')?.id === n.id;
    return true;
  }
  if (p.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id) return false;
  if (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id) return false;
  return true;
}

const WORD = (name: string) => new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$')}(?![\\w$])`);

/** Strings, comments and dynamic accesses mentioning the name: reported, never edited. */
function mentions(src: SourceFile, name: string, isMember: boolean): RiskySpot[] {
  const out: RiskySpot[] = [];
  const spans = lexicalSpans(src.text, familyOf(src));
  const seen = new Set<number>();
  for (const at of wordOffsets(src.text, name)) {
    const sp = spanAt(spans, at);
    if (sp) {
      if (seen.has(sp.start)) continue;
      seen.add(sp.start);
      const range = rangeFromOffsets(src, sp.start, sp.end);
      if (sp.kind === 'comment') out.push(spot(src, range, 'comment', `a comment mentions ${name}; left unchanged`));
      else {
        const kind = stringKind(src.text.slice(Math.max(0, sp.start - 60), sp.start));
        const message =
          kind === 'dynamic-access' ? `dynamic access by the string "${name}" (the graph cannot follow it); left unchanged` : kind === 'eval' ? `evaluated code mentions ${name}; left unchanged` : `a string mentions ${name}; left unchanged`;
        out.push(spot(src, range, kind, message));
      }
      continue;
    }
    // `obj.name` on a value the graph could not type: only interesting when renaming a member.
    if (isMember && /\.\s*$/.test(src.text.slice(Math.max(0, at - 8), at))) {
      out.push(spot(src, rangeFromOffsets(src, at, at + name.length), 'other', `.${name} on a value whose type the graph does not know; left unchanged`));
    }
  }
  return out;
}

/** What a string is used for, from the code just before it. */
function stringKind(before: string): RiskySpot['kind'] {
  if (/\[\s*$/.test(before)) return 'dynamic-access';
  if (/\b(getattr|setattr|hasattr|delattr)\s*\(\s*[^,()]*,\s*$/.test(before)) return 'dynamic-access';
  if (/\b(eval|exec|Function|compile)\s*\(\s*$/.test(before)) return 'eval';
  return 'string';
}

function dunderAllEntries(root: Node, name: string): Range[] {
  const out: Range[] = [];
  for (const stmt of root.namedChildren) {
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (!a || (a.type !== 'assignment' && a.type !== 'augmented_assignment') || a.childForFieldName('left')?.text !== '__all__') continue;
    const right = a.childForFieldName('right');
    if (!right || (right.type !== 'list' && right.type !== 'tuple')) continue;
    for (const item of right.namedChildren) {
      const content = item.type === 'string' ? item.namedChildren.find((c) => c.type === 'string_content') : undefined;
      if (content?.text === name && item.namedChildren.length === 3) out.push(rangeOf(content));
    }
  }
  return out;
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: number, b: number, c: number, d: number) => a < c || (a === c && b <= d);
  return before(outer[0], outer[1], inner[0], inner[1]) && before(inner[2], inner[3], outer[2], outer[3]);
}

/** `{@link name}`, `{@linkcode name}`, `{@linkplain name|text}` in comments: the name token. */
function jsdocLinks(root: Node, src: SourceFile, name: string): Range[] {
  const out: Range[] = [];
  const re = new RegExp(`\\{@link(?:code|plain)?\\s+(${name.replace(/[$]/g, '\\$')})(?![\\w$.#])`, 'g');
  if (!src.text.includes('@link')) return out;
  for (const m of src.text.matchAll(re)) {
    const start = m.index! + m[0].length - name.length;
    if (root.descendantForIndex(start, start + name.length)?.type !== 'comment') continue;
    out.push(rangeFromOffsets(src, start, start + name.length));
  }
  return out;
}

/** `this.name` / `self.name` in code (not strings or comments) within a class's range. */
function selfMemberUses(src: SourceFile, classRange: Range, name: string): [number, number][] {
  const from = offsetAt(src.starts, classRange[0], classRange[1]);
  const to = offsetAt(src.starts, classRange[2], classRange[3]);
  const receiver = familyOf(src) === 'python' ? 'self' : 'this';
  const re = new RegExp(`\\b${receiver}\\s*\\??\\.\\s*(${name.replace(/[$]/g, '\\$')})(?![\\w$])`, 'g');
  const body = src.text.slice(from, to);
  if (!body.includes(name)) return [];
  const spans = lexicalSpans(src.text, familyOf(src));
  const out: [number, number][] = [];
  for (const m of body.matchAll(re)) {
    const start = from + m.index! + m[0].length - name.length;
    if (!spanAt(spans, start)) out.push([start, start + name.length]);
  }
  return out;
}
