import { posix } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { fileId } from '../graph/ids';
import type { Range, SymbolFact } from '../model';
import { dirOf } from '../resolve/relPath';
import { addEdit, buildResult } from './buildResult';
import type { RefactorWorkspace, SourceFile } from './refactorWorkspace';
import { NAME_TYPES, ScopeOracle } from './scopes';
import { spot } from './symbolSites';
import { offsetAt, positionAt, rangeBetween } from '../textPositions';
import { RefactorError, type RefactorResult, type RiskySpot, type TextEdit } from './types';

// Move a module-level Python function or class to another module. The definition (with its
// decorators and leading comments) moves as it is; the imports it uses are copied (relative
// ones re-based on the new module), names it uses from its old module are imported from there,
// every `from old import name` is pointed at the new module (split when it imported other names
// too), `old.name` through a module import becomes an imported `name`, and the old module
// imports it back if it still uses it.

export async function movePythonSymbol(ws: RefactorWorkspace, path: string, symbol: SymbolFact, to: string): Promise<RefactorResult> {
  if (!to.endsWith('.py')) throw new RefactorError(`${to} is not a Python file`);
  const src = ws.source(path)!;
  const root = (await ws.tree(path))!;
  const existing = ws.source(to);
  if (!existing) ws.expectAbsent(to);
  if (existing && ws.facts(to)?.symbols.some((s) => s.parent === undefined && s.name === symbol.name)) throw new RefactorError(`${to} already declares ${symbol.name}`);
  const decl = topLevel(root, src, symbol.selection);
  if (!decl || !['function_definition', 'class_definition', 'decorated_definition'].includes(decl.type)) throw new RefactorError(`only module-level functions and classes move; ${symbol.qname} is not one`);

  const perFile = new Map<string, TextEdit[]>();
  const risky: RiskySpot[] = [];
  const name = symbol.name;
  const created = new Map<string, string>();
  const pkgDirs = new Set(newPackageDirs(ws, to));
  for (const d of pkgDirs) {
    ws.expectAbsent(`${d}/__init__.py`);
    created.set(`${d}/__init__.py`, '');
  }
  let start = decl.startIndex;
  for (let p = decl.previousNamedSibling; p && p.type === 'comment' && p.endPosition.row >= positionAt(src.starts, start)[0] - 1; p = p.previousNamedSibling) start = p.startIndex;
  start = src.starts[positionAt(src.starts, start)[0]];
  const moved = src.text.slice(start, decl.endIndex);

  // Names the moved code takes from its old module.
  const moduleNames = topLevelNames(root, decl);
  const used = namesUsed(decl, new Set(moduleNames.keys()));
  const header: string[] = [];
  const fromOld: string[] = [];
  for (const n of [...used].sort()) {
    const stmt = moduleNames.get(n)!;
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
      const line = rebaseImport(src.text.slice(stmt.startIndex, stmt.endIndex), stmt, path, to);
      if (!header.includes(line)) header.push(line);
    } else fromOld.push(n);
  }
  if (fromOld.length) {
    header.push(`from ${moduleSpec(ws, to, path, pkgDirs)} import ${fromOld.join(', ')}`);
    risky.push(spot(src, symbol.selection, 'other', `${to} now imports ${fromOld.join(', ')} from ${path}; check for an import cycle`));
  }

  // Remove it, with the blank lines after it, so the old module keeps its spacing.
  let end = decl.endIndex;
  while (end < src.text.length && /\s/.test(src.text[end])) end++;
  if (end === src.text.length) {
    while (start > 0 && /\s/.test(src.text[start - 1])) start--;
    if (start > 0) start++;
  }
  addEdit(perFile, path, { range: rangeAt(src, start, end), newText: '' });
  if (stillUsed(root, decl, name)) {
    const at = afterImports(root);
    addEdit(perFile, path, { range: rangeAt(src, at, at), newText: `from ${moduleSpec(ws, path, to, pkgDirs)} import ${name}\n${at === 0 ? '\n\n' : ''}` });
    if (fromOld.length) risky.push(spot(src, symbol.selection, 'other', `${path} and ${to} now import each other`));
  }

  // Importers.
  const g = ws.graph;
  const sid = `s:${path}#${symbol.qname}`;
  const importers = new Set<string>();
  g.forEachInNeighbor(fileId(path), (n) => {
    const f = g.getNodeAttribute(n, 'file');
    if (f && g.getNodeAttribute(n, 'kind') === 'file' && f !== path) importers.add(f);
  });
  g.forEachInEdge(sid, (_e, _a, s) => {
    const f = g.getNodeAttribute(s, 'file');
    if (f && f !== path) importers.add(f);
  });
  for (const file of [...importers].sort()) {
    const isrc = ws.source(file);
    const iroot = await ws.tree(file);
    const facts = ws.facts(file);
    if (!isrc || !iroot || !facts) continue;
    const ctx = ws.linkContext(file);
    const added = new Set<string>();
    for (const imp of facts.imports) {
      const res = ctx.resolveImport(file, imp);
      if (res.kind !== 'file' || res.path !== path) continue;
      const mine = imp.bindings.filter((b) => b.imported === name);
      if (!mine.length) continue;
      const stmt = statementAt(iroot, isrc, imp.range);
      const moduleNode = stmt?.childForFieldName('module_name');
      if (!stmt || !moduleNode) continue;
      const spec = specLike(ws, file, to, imp.specifier, pkgDirs);
      if (file === to) {
        addEdit(perFile, file, { range: rangeAt(isrc, stmt.startIndex, lineEnd(isrc, stmt.endIndex)), newText: '' });
        continue;
      }
      if (imp.bindings.length === mine.length) {
        addEdit(perFile, file, { range: rangeAt(isrc, moduleNode.startIndex, moduleNode.endIndex), newText: spec });
        continue;
      }
      const items = stmt.namedChildren.filter((c) => c.id !== moduleNode.id && (c.type === 'dotted_name' || c.type === 'aliased_import'));
      const mineNodes = items.filter((c) => (c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text) === name);
      for (const m of mineNodes) addEdit(perFile, file, { range: rangeAt(isrc, ...itemSpan(isrc, m)), newText: '' });
      const at = lineEnd(isrc, stmt.endIndex);
      addEdit(perFile, file, { range: rangeAt(isrc, at, at), newText: `from ${spec} import ${mineNodes.map((m) => m.text).join(', ')}\n` });
    }
    // `old.name` through a module import: the name is imported from its new module instead.
    const sites: Range[] = [];
    g.forEachInEdge(sid, (_e, a, s) => {
      if (g.getNodeAttribute(s, 'file') !== file || a.resolution === 'name') return;
      for (const r of a.sites ?? []) {
        const text = isrc.text.slice(offsetAt(isrc.starts, r[0], r[1]), offsetAt(isrc.starts, r[2], r[3]));
        if (text !== name && text.endsWith(`.${name}`)) sites.push(r);
      }
    });
    if (sites.length && file !== to) {
      if (facts.symbols.some((x) => x.parent === undefined && x.name === name) || facts.imports.some((i) => i.bindings.some((b) => b.local === name))) {
        risky.push(spot(isrc, sites[0], 'other', `${file} uses ${name} through its module and already binds ${name}; update it by hand`));
        continue;
      }
      for (const r of sites) addEdit(perFile, file, { range: r, newText: name });
      if (!added.has(name)) {
        const at = afterImports(iroot);
        addEdit(perFile, file, { range: rangeAt(isrc, at, at), newText: `from ${moduleSpec(ws, file, to, pkgDirs)} import ${name}\n` });
        added.add(name);
      }
    }
  }

  const block = `${header.length ? header.join('\n') + '\n\n\n' : ''}${moved}\n`;
  if (!existing) created.set(to, block);
  else {
    const troot = await ws.tree(to);
    const at = troot ? afterImports(troot) : 0;
    if (header.length) addEdit(perFile, to, { range: rangeAt(existing, at, at), newText: header.join('\n') + '\n' });
    const tail = existing.text.endsWith('\n') ? '\n\n' : '\n\n\n';
    addEdit(perFile, to, { range: rangeAt(existing, existing.text.length, existing.text.length), newText: `${tail}${moved}\n` });
  }
  return buildResult(ws, 'move', `move ${name} from ${path} to ${to}`, perFile, risky, created);
}

function rangeAt(src: SourceFile, a: number, b: number): Range {
  return rangeBetween(src.starts, a, b);
}

function lineEnd(src: SourceFile, offset: number): number {
  const nl = src.text.indexOf('\n', offset);
  return nl < 0 ? src.text.length : nl + 1;
}

function topLevel(root: Node, src: SourceFile, selection: Range): Node | undefined {
  const at = offsetAt(src.starts, selection[0], selection[1]);
  for (let n: Node | null = root.descendantForIndex(at, at + 1); n; n = n.parent) if (n.parent?.type === 'module') return n;
  return undefined;
}

function statementAt(root: Node, src: SourceFile, r: Range): Node | undefined {
  const a = offsetAt(src.starts, r[0], r[1]);
  for (let n: Node | null = root.descendantForIndex(a, a + 1); n; n = n.parent) if (n.type === 'import_from_statement') return n;
  return undefined;
}

function afterImports(root: Node): number {
  let at = 0;
  for (const c of root.namedChildren) {
    if (c.type === 'import_statement' || c.type === 'import_from_statement' || c.type === 'future_import_statement') at = c.endIndex + 1;
    else if (c.type === 'comment' || (c.type === 'expression_statement' && c.namedChildren[0]?.type === 'string' && at === 0)) continue;
    else break;
  }
  return at;
}

/** Module-level names of the old module (imports, definitions, assignments) → their statement. */
function topLevelNames(root: Node, except: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const stmt of root.namedChildren) {
    if (stmt.id === except.id) continue;
    if (stmt.type === 'import_statement' || stmt.type === 'import_from_statement') {
      const moduleNode = stmt.childForFieldName('module_name');
      for (const c of stmt.namedChildren) {
        if (c.id === moduleNode?.id) continue;
        if (c.type === 'aliased_import') out.set(c.childForFieldName('alias')!.text, stmt);
        else if (c.type === 'dotted_name') out.set(stmt.type === 'import_statement' ? c.namedChildren[0].text : c.text, stmt);
      }
      continue;
    }
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def && (def.type === 'function_definition' || def.type === 'class_definition')) {
      out.set(def.childForFieldName('name')!.text, stmt);
      continue;
    }
    const a = stmt.type === 'expression_statement' ? stmt.namedChildren[0] : undefined;
    if (a?.type === 'assignment') {
      const left = a.childForFieldName('left');
      if (left?.type === 'identifier') out.set(left.text, stmt);
    }
  }
  return out;
}

function namesUsed(node: Node, names: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const oracle = new ScopeOracle('python');
  const walk = (n: Node) => {
    if (NAME_TYPES.python.has(n.type) && names.has(n.text)) {
      const p = n.parent;
      const attribute = p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id;
      const keyword = p?.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id;
      if (!attribute && !keyword && !oracle.shadowed(n, n.text)) out.add(n.text);
    }
    for (const c of n.namedChildren) walk(c);
  };
  walk(node);
  return out;
}

function stillUsed(root: Node, decl: Node, name: string): boolean {
  const oracle = new ScopeOracle('python');
  let used = false;
  const walk = (n: Node) => {
    if (used || n.id === decl.id || n.type === 'import_from_statement' || n.type === 'import_statement') return;
    if (n.type === 'identifier' && n.text === name && !oracle.shadowed(n, name)) {
      const p = n.parent;
      if (!(p?.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id)) used = true;
    }
    for (const c of n.namedChildren) walk(c);
  };
  walk(root);
  return used;
}

/** The dotted module path of a file: its packages (folders with __init__.py) and its name. */
function moduleParts(ws: RefactorWorkspace, file: string, newPackages: ReadonlySet<string> = NO_DIRS): string[] {
  const parts = [posix.basename(file, '.py')];
  if (parts[0] === '__init__') parts.pop();
  for (let d = dirOf(file); d !== ''; d = dirOf(d)) {
    if (!isPackage(ws, d) && !newPackages.has(d)) break;
    parts.unshift(posix.basename(d));
  }
  return parts;
}

const NO_DIRS: ReadonlySet<string> = new Set();

function isPackage(ws: RefactorWorkspace, dir: string): boolean {
  return !!ws.facts(`${dir}/__init__.py`) || !!ws.source(`${dir}/__init__.py`);
}

/** Folders the move creates inside a package: they become packages too (with an empty __init__.py). */
function newPackageDirs(ws: RefactorWorkspace, to: string): string[] {
  const out: string[] = [];
  const known = new Set(ws.filePaths().map(dirOf));
  for (let d = dirOf(to); d !== ''; d = dirOf(d)) {
    if (isPackage(ws, d)) return out;
    if ([...known].some((k) => k === d || k.startsWith(d + '/'))) return [];
    out.push(d);
  }
  return [];
}

/** How `fromFile` names `toFile`: relative within one package tree, absolute otherwise. */
function moduleSpec(ws: RefactorWorkspace, fromFile: string, toFile: string, newPackages: ReadonlySet<string> = NO_DIRS): string {
  const a = moduleParts(ws, fromFile, newPackages);
  const b = moduleParts(ws, toFile, newPackages);
  const fromPkg = fromFile.endsWith('__init__.py') ? a : a.slice(0, -1);
  if (fromPkg.length && b.length && fromPkg[0] === b[0]) {
    let common = 0;
    while (common < fromPkg.length && common < b.length - 1 && fromPkg[common] === b[common]) common++;
    return '.'.repeat(fromPkg.length - common + 1) + b.slice(common).join('.');
  }
  return b.join('.');
}

/** The new module named in the style of the old specifier (relative stays relative). */
function specLike(ws: RefactorWorkspace, fromFile: string, toFile: string, old: string, newPackages: ReadonlySet<string>): string {
  return old.startsWith('.') ? moduleSpec(ws, fromFile, toFile, newPackages) : moduleParts(ws, toFile, newPackages).join('.');
}

/** An import statement of the old module as it must read in the new one. */
function rebaseImport(text: string, stmt: Node, from: string, to: string): string {
  const moduleNode = stmt.childForFieldName('module_name');
  if (stmt.type !== 'import_from_statement' || !moduleNode || !moduleNode.text.startsWith('.')) return text;
  if (dirOf(from) === dirOf(to)) return text;
  const dots = /^\.+/.exec(moduleNode.text)![0].length;
  const rest = moduleNode.text.slice(dots);
  let base = dirOf(from);
  for (let i = 1; i < dots; i++) base = dirOf(base);
  const targetDir = rest ? posix.join(base, ...rest.split('.')) : base;
  const rel = posix.relative(dirOf(to) || '.', targetDir || '.');
  const up = rel === '' ? 0 : rel.split('/').filter((p) => p === '..').length;
  const down = rel.split('/').filter((p) => p && p !== '..');
  const spec = '.'.repeat(up + 1) + down.join('.');
  const start = moduleNode.startIndex - stmt.startIndex;
  return text.slice(0, start) + spec + text.slice(start + moduleNode.text.length);
}

/** An imported name with the comma that separates it from its neighbour. */
function itemSpan(src: SourceFile, n: Node): [number, number] {
  const after = /^\s*,\s*/.exec(src.text.slice(n.endIndex));
  if (after) return [n.startIndex, n.endIndex + after[0].length];
  const before = /,\s*$/.exec(src.text.slice(0, n.startIndex));
  if (before) return [n.startIndex - before[0].length, n.endIndex];
  return [n.startIndex, n.endIndex];
}
