import { posix } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { fileId } from '../graph/ids';
import { languageForPath } from '../languages/registry';
import type { ImportFact, Range } from '../model';
import { dirOf } from '../resolve/relPath';
import { addEdit, buildResult } from './buildResult';
import type { RefactorWorkspace, SourceFile } from './refactorWorkspace';
import { NAME_TYPES, ScopeOracle } from './scopes';
import { movePythonSymbol } from './pyMove';
import { familyOf, spot, symbolOf } from './symbolSites';
import { applyEdits } from './textEdits';
import { offsetAt, rangeBetween } from '../textPositions';
import { RefactorError, type RefactorResult, type RiskySpot, type TextEdit } from './types';

// Move a top-level function or class (JS/TS) to another file. The declaration's text moves
// as it is (with its leading comments) and is exported; the imports it relies on are copied
// with their paths rewritten for the new place; what it uses from its old file is imported
// from there (and exported if it was not); every importer's statement is pointed at the new
// file (split when it imported other names too); the old file imports it back if it still
// uses it.

const MOVABLE = new Set(['function', 'class', 'variable', 'interface', 'type', 'enum']);

export async function moveSymbol(ws: RefactorWorkspace, id: string, target: string): Promise<RefactorResult> {
  const { path: from, symbol } = symbolOf(ws, id);
  if (symbol.parent !== undefined || !MOVABLE.has(symbol.kind)) throw new RefactorError(`only top-level functions, classes, types and variables move; ${symbol.qname} is a ${symbol.kind}${symbol.parent ? ` inside ${symbol.parent}` : ''}`);
  const src = ws.source(from)!;
  const to = posix.normalize(target.replace(/^\.\//, ''));
  if (to.startsWith('..') || to.startsWith('/')) throw new RefactorError(`${target} is outside the workspace`);
  if (to === from) throw new RefactorError(`${symbol.name} is already in ${from}`);
  if (familyOf(src) === 'python') return movePythonSymbol(ws, from, symbol, to);
  if (!languageForPath(to) || languageForPath(to)!.family !== 'js') throw new RefactorError(`${target} is not a TypeScript or JavaScript file`);
  const root = await ws.tree(from);
  if (!root) throw new RefactorError(`cannot parse ${from}`);

  const existing = ws.source(to);
  if (!existing) ws.expectAbsent(to);
  const targetFacts = existing ? ws.facts(to) : undefined;
  if (targetFacts?.symbols.some((x) => x.parent === undefined && x.name === symbol.name)) throw new RefactorError(`${to} already declares ${symbol.name}`);

  const perFile = new Map<string, TextEdit[]>();
  const risky: RiskySpot[] = [];
  const decl = topLevelStatement(root, src, symbol.selection);
  if (!decl) throw new RefactorError(`cannot find the declaration of ${symbol.name} in ${from}`);
  if (decl.type === 'lexical_declaration' || decl.type === 'variable_declaration' || (decl.type === 'export_statement' && decl.namedChildren.some((c) => (c.type === 'lexical_declaration' || c.type === 'variable_declaration') && c.namedChildren.filter((d) => d.type === 'variable_declarator').length > 1))) {
    const declarators = (decl.type === 'export_statement' ? decl.namedChildren.find((c) => c.type.endsWith('declaration'))! : decl).namedChildren.filter((d) => d.type === 'variable_declarator');
    if (declarators.length > 1) throw new RefactorError(`${symbol.name} is declared together with other variables; split the declaration first`);
  }
  const start = leadingCommentsStart(decl);
  let moved = src.text.slice(start, decl.endIndex);
  if (decl.type !== 'export_statement') moved = src.text.slice(start, decl.startIndex) + 'export ' + src.text.slice(decl.startIndex, decl.endIndex);
  if (decl.type === 'export_statement' && /^\s*export\s+default\b/.test(src.text.slice(decl.startIndex, decl.endIndex))) throw new RefactorError(`${symbol.name} is a default export; move it by hand`);

  // What the moved code uses from its old file: import bindings and other top-level names.
  const facts = ws.facts(from)!;
  const importsByLocal = new Map<string, { imp: ImportFact; imported: string }>();
  for (const imp of facts.imports) if (imp.kind === 'esm' || imp.kind === 'require') for (const b of imp.bindings) importsByLocal.set(b.local, { imp, imported: b.imported });
  // From the tree, not the facts: unexported constants are not symbols but still move-relevant.
  const topLevel = topLevelDeclarations(root);
  topLevel.delete(symbol.name);
  const oracle = new ScopeOracle('js');
  const usedInMoved = namesUsed(decl, new Set([...importsByLocal.keys(), ...topLevel.keys()]), oracle);

  const header: string[] = [];
  const targetBinds = new Set(targetFacts ? [...targetFacts.imports.flatMap((i) => i.bindings.map((b) => b.local)), ...targetFacts.symbols.filter((s) => s.parent === undefined).map((s) => s.name)] : []);
  // Imports copied from the old file, grouped by statement, paths rewritten.
  const copied = new Map<ImportFact, string[]>();
  for (const name of usedInMoved) {
    const b = importsByLocal.get(name);
    if (!b || targetBinds.has(name)) continue;
    (copied.get(b.imp) ?? copied.set(b.imp, []).get(b.imp)!).push(name);
  }
  for (const [imp, names] of copied) header.push(importLine(imp, names, rewriteSpecifier(imp.specifier, from, to)));
  // Names still defined in the old file.
  const fromOld = [...usedInMoved].filter((n) => topLevel.has(n) && !targetBinds.has(n)).sort();
  if (fromOld.length) {
    header.push(`import { ${fromOld.join(', ')} } from '${relativeSpecifier(to, from, undefined)}';`);
    for (const n of fromOld) {
      const stmt = topLevel.get(n)!;
      if (stmt.type !== 'export_statement') addEdit(perFile, from, { range: rangeAt(src, stmt.startIndex, stmt.startIndex), newText: 'export ' });
    }
    risky.push(spot(src, symbol.selection, 'other', `${to} now imports ${fromOld.join(', ')} from ${from}; check for an import cycle`));
  }

  // Remove from the old file (with the blank line that separated it).
  let end = decl.endIndex;
  while (end < src.text.length && (src.text[end] === ' ' || src.text[end] === '\t')) end++;
  if (src.text[end] === '\n') end++;
  let begin = start;
  if (src.text.slice(end).match(/^\s*\n/) || end === src.text.length) {
    // drop one preceding blank line too, so no double blank remains
    const m = /\n\n$/.exec(src.text.slice(0, begin));
    if (m) begin -= 1;
  }
  addEdit(perFile, from, { range: rangeAt(src, begin, end), newText: '' });

  // The old file imports it back when its remaining code still uses it.
  if (stillUsedOutside(root, decl, symbol.name, oracle)) addEdit(perFile, from, { range: rangeAt(src, afterImports(root), afterImports(root)), newText: `import { ${symbol.name} } from '${relativeSpecifier(from, to, firstRelativeStyle(facts.imports))}';\n` });

  // Every importer of the symbol from the old file.
  const g = ws.graph;
  const importers = new Set<string>();
  g.forEachInNeighbor(fileId(from), (n) => {
    const f = g.getNodeAttribute(n, 'file');
    if (f && g.getNodeAttribute(n, 'kind') === 'file') importers.add(f);
  });
  for (const path of [...importers].sort()) {
    const isrc = ws.source(path);
    const iroot = await ws.tree(path);
    const ifacts = ws.facts(path);
    if (!isrc || !iroot || !ifacts) continue;
    const ctx = ws.linkContext(path);
    for (const imp of ifacts.imports) {
      const res = ctx.resolveImport(path, imp);
      if (res.kind !== 'file' || res.path !== from) continue;
      const mine = imp.bindings.filter((b) => b.imported === symbol.name);
      const ns = imp.bindings.find((b) => b.imported === '*');
      if (ns && imp.kind !== 'reexport-all') {
        // `ns.name` becomes `name`, imported from the new file, unless the file binds that name already.
        const sites: Range[] = [];
        g.forEachInEdge(id, (_e, a, source) => {
          if (g.getNodeAttribute(source, 'file') !== path) return;
          for (const r of a.sites ?? []) if (textIn(isrc, r) === `${ns.local}.${symbol.name}`) sites.push(r);
        });
        if (!sites.length) continue;
        if (ifacts.imports.some((i) => i.bindings.some((b) => b.local === symbol.name)) || ifacts.symbols.some((x) => x.parent === undefined && x.name === symbol.name)) {
          risky.push(spot(isrc, sites[0], 'other', `${path} reaches ${symbol.name} as ${ns.local}.${symbol.name} and already binds ${symbol.name}; update it by hand`));
          continue;
        }
        for (const r of sites) addEdit(perFile, path, { range: r, newText: symbol.name });
        const stmt = statementAt(iroot, isrc, imp.range);
        const lineEnd = stmt ? isrc.text.indexOf('\n', stmt.endIndex) : -1;
        const at = lineEnd < 0 ? 0 : lineEnd + 1;
        addEdit(perFile, path, { range: rangeAt(isrc, at, at), newText: `import { ${symbol.name} } from '${relativeSpecifier(path, to, imp.specifier)}';\n` });
        continue;
      }
      if (imp.kind === 'reexport-all') {
        risky.push(spot(isrc, imp.range, 'other', `${path} re-exports everything from ${from}, which no longer holds ${symbol.name}`));
        continue;
      }
      if (!mine.length) continue;
      const stmt = statementAt(iroot, isrc, imp.range);
      const str = stmt?.childForFieldName('source') ?? stmt?.descendantsOfType('string')[0];
      if (!stmt || !str) continue;
      if (path === to) {
        // The new home imported it from the old file: that import goes (or just its specifier).
        if (imp.bindings.length === mine.length) {
          let end = stmt.endIndex;
          if (isrc.text[end] === '\n') end++;
          // At the top of the file the blank line after the imports would be left leading.
          if (stmt.startIndex === 0 && isrc.text[end] === '\n') end++;
          addEdit(perFile, path, { range: rangeAt(isrc, stmt.startIndex, end), newText: '' });
        } else {
          for (const sp of stmt.descendantsOfType(['import_specifier', 'export_specifier']).filter((x) => x.childForFieldName('name')?.text === symbol.name)) {
            addEdit(perFile, path, { range: rangeAt(isrc, ...specifierSpan(isrc, sp)), newText: '' });
          }
        }
        continue;
      }
      const newSpec = relativeSpecifier(path, to, imp.specifier);
      const quote = isrc.text[str.startIndex];
      if (imp.bindings.length === mine.length) {
        addEdit(perFile, path, { range: rangeAt(isrc, str.startIndex, str.endIndex), newText: `${quote}${newSpec}${quote}` });
        continue;
      }
      // Split: take the symbol's specifier out, add a statement of the same kind for it.
      const specs = stmt.descendantsOfType(['import_specifier', 'export_specifier']).filter((s) => s.childForFieldName('name')?.text === symbol.name);
      for (const s of specs) addEdit(perFile, path, { range: rangeAt(isrc, ...specifierSpan(isrc, s)), newText: '' });
      const lineEnd = isrc.text.indexOf('\n', stmt.endIndex);
      const at = lineEnd < 0 ? isrc.text.length : lineEnd + 1;
      const keyword = imp.kind === 'reexport' ? 'export' : 'import';
      const typeOnly = imp.typeOnly ? ' type' : '';
      const list = specs.map((s) => isrc.text.slice(s.startIndex, s.endIndex)).join(', ');
      addEdit(perFile, path, { range: rangeAt(isrc, at, at), newText: `${lineEnd < 0 ? '\n' : ''}${keyword}${typeOnly} { ${list} } from ${quote}${newSpec}${quote};\n` });
    }
  }

  // The new home.
  const created = new Map<string, string>();
  const block = `${header.length ? header.join('\n') + '\n\n' : ''}${moved}\n`;
  if (!existing) created.set(to, block);
  else {
    const troot = await ws.tree(to);
    const at = troot ? afterImports(troot) : 0;
    if (header.length) addEdit(perFile, to, { range: rangeAt(existing, at, at), newText: header.join('\n') + '\n' + (at === 0 ? '\n' : '') });
    const tail = existing.text.endsWith('\n') ? '\n' : '\n\n';
    addEdit(perFile, to, { range: rangeAt(existing, existing.text.length, existing.text.length), newText: `${tail}${moved}\n` });
  }
  // Sanity: the old file's edits must apply cleanly before a result is offered.
  applyEdits(src.text, perFile.get(from) ?? []);
  return buildResult(ws, 'move', `move ${symbol.name} from ${from} to ${to}`, perFile, risky, created);
}

function rangeAt(src: SourceFile, a: number, b: number): Range {
  return rangeBetween(src.starts, a, b);
}

/** Module-level declared names → their top-level statement. */
function topLevelDeclarations(root: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const stmt of root.namedChildren) {
    const inner = stmt.type === 'export_statement' ? (stmt.childForFieldName('declaration') ?? stmt) : stmt;
    const names = new Set<string>();
    if (inner.type === 'lexical_declaration' || inner.type === 'variable_declaration') {
      for (const d of inner.namedChildren) if (d.type === 'variable_declarator' && d.childForFieldName('name')?.type === 'identifier') names.add(d.childForFieldName('name')!.text);
    } else {
      const n = inner.childForFieldName('name');
      if (n && /declaration/.test(inner.type)) names.add(n.text);
    }
    for (const n of names) out.set(n, stmt);
  }
  return out;
}

function textIn(src: SourceFile, r: Range): string {
  return src.text.slice(offsetAt(src.starts, r[0], r[1]), offsetAt(src.starts, r[2], r[3]));
}

function topLevelStatement(root: Node, src: SourceFile, selection: Range): Node | undefined {
  const at = offsetAt(src.starts, selection[0], selection[1]);
  for (let n: Node | null = root.descendantForIndex(at, at + 1); n; n = n.parent) if (n.parent?.type === 'program') return n;
  return undefined;
}

function statementAt(root: Node, src: SourceFile, r: Range): Node | undefined {
  const a = offsetAt(src.starts, r[0], r[1]);
  const b = offsetAt(src.starts, r[2], r[3]);
  for (let n: Node | null = root.descendantForIndex(a, b); n; n = n.parent) {
    if (n.type === 'import_statement' || n.type === 'export_statement' || n.type === 'lexical_declaration' || n.type === 'variable_declaration') return n;
  }
  return undefined;
}

function leadingCommentsStart(decl: Node): number {
  let start = decl.startIndex;
  for (let p = decl.previousSibling; p && p.type === 'comment' && p.endPosition.row >= decl.startPosition.row - 1; p = p.previousSibling) {
    start = p.startIndex;
    decl = p;
  }
  return start;
}

function afterImports(root: Node): number {
  let at = 0;
  for (const c of root.namedChildren) {
    if (c.type === 'import_statement') at = c.endIndex + 1;
    else if (c.type !== 'comment') break;
  }
  return at;
}

function namesUsed(node: Node, names: ReadonlySet<string>, oracle: ScopeOracle): Set<string> {
  const out = new Set<string>();
  const types = NAME_TYPES.js;
  const walk = (n: Node) => {
    if (n.type === 'import_statement') return;
    if (types.has(n.type) && names.has(n.text) && !oracle.shadowed(n, n.text) && !isDeclName(n)) out.add(n.text);
    for (const c of n.namedChildren) walk(c);
  };
  walk(node);
  return out;
}

function isDeclName(n: Node): boolean {
  const p = n.parent;
  return !!p && p.childForFieldName('name')?.id === n.id && /declaration|declarator|definition/.test(p.type) && p.parent?.type !== 'export_specifier';
}

function stillUsedOutside(root: Node, decl: Node, name: string, oracle: ScopeOracle): boolean {
  let used = false;
  const walk = (n: Node) => {
    if (used || (n.startIndex >= decl.startIndex && n.endIndex <= decl.endIndex)) return;
    if (n.type === 'import_statement') return;
    if (NAME_TYPES.js.has(n.type) && n.text === name && !oracle.shadowed(n, name) && !isDeclName(n)) used = true;
    for (const c of n.namedChildren) walk(c);
  };
  walk(root);
  return used;
}

function firstRelativeStyle(imports: readonly ImportFact[]): string | undefined {
  return imports.find((i) => i.specifier.startsWith('.'))?.specifier;
}

/** The specifier from `fromFile` to `toFile`, in the style of `like` (extension kept or not). */
function relativeSpecifier(fromFile: string, toFile: string, like: string | undefined): string {
  let rel = posix.relative(dirOf(fromFile) || '.', toFile);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  const ext = /\.(m|c)?(t|j)sx?$/.exec(rel)?.[0] ?? '';
  const base = rel.slice(0, rel.length - ext.length);
  if (like && /\.(m|c)?js$/.test(like)) return base + ext.replace('t', 'j').replace(/x$/, '');
  if (like && /\.(m|c)?ts$/.test(like)) return rel;
  return base;
}

/** A relative import written in `from` as it must read from `to`; package imports stay. */
function rewriteSpecifier(spec: string, from: string, to: string): string {
  if (!spec.startsWith('.')) return spec;
  const target = posix.normalize(posix.join(dirOf(from) || '.', spec));
  let rel = posix.relative(dirOf(to) || '.', target);
  if (!rel.startsWith('.')) rel = `./${rel}`;
  return rel;
}

function importLine(imp: ImportFact, names: string[], spec: string): string {
  const keep = imp.bindings.filter((b) => names.includes(b.local));
  const def = keep.find((b) => b.imported === 'default');
  const ns = keep.find((b) => b.imported === '*');
  const named = keep.filter((b) => b.imported !== 'default' && b.imported !== '*').map((b) => (b.imported === b.local ? b.local : `${b.imported} as ${b.local}`));
  const type = imp.typeOnly ? 'type ' : '';
  if (imp.kind === 'require') {
    if (ns || def) return `const ${(ns ?? def)!.local} = require('${spec}');`;
    return `const { ${named.join(', ')} } = require('${spec}');`;
  }
  const parts = [def?.local, ns ? `* as ${ns.local}` : undefined, named.length ? `{ ${named.join(', ')} }` : undefined].filter(Boolean);
  return `import ${type}${parts.join(', ')} from '${spec}';`;
}

/** A specifier with the comma and space that separate it from its neighbour. */
function specifierSpan(src: SourceFile, s: Node): [number, number] {
  const after = /^\s*,\s*/.exec(src.text.slice(s.endIndex));
  if (after) return [s.startIndex, s.endIndex + after[0].length];
  const before = /,\s*$/.exec(src.text.slice(0, s.startIndex));
  if (before) return [s.startIndex - before[0].length, s.endIndex];
  return [s.startIndex, s.endIndex];
}
