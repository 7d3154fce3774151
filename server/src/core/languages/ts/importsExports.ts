import type { Node } from 'web-tree-sitter';
import type { ImportBinding, ImportFact } from '../../model';
import { cjsWhole } from './assignments';
import { lastNamed, type DeclContext } from './context';
import { classDeclaration, declaration } from './declarations';
import { isDeclarationNode, isFunctionLike, typePath, unwrapValue, type ModuleLoad } from './syntax';
import { keyText, literalText, rangeOf, signatureText } from './text';
import type { Walker } from './walker';

// ES module statements (import, export, re-export, TS `import x = require()` / `export =`)
// and the imports made by `require(...)` / `import(...)` calls.

export function moduleLoad(w: Walker, load: ModuleLoad, bindings: ImportBinding[]): void {
  w.facts.imports.push({ specifier: load.specifier, kind: load.kind, bindings, range: rangeOf(load.call) });
}

export function reexport(w: Walker, load: ModuleLoad, bindings: ImportBinding[]): void {
  w.facts.imports.push({ specifier: load.specifier, kind: 'reexport', bindings, range: rangeOf(load.call) });
}

export function importStatement(w: Walker, node: Node): void {
  let typeOnly = false;
  let specifier: string | undefined;
  let kind: ImportFact['kind'] = 'esm';
  const bindings: ImportBinding[] = [];
  for (const c of node.children) {
    switch (c.type) {
      case 'type':
        if (!c.isNamed) typeOnly = true;
        break;
      case 'string':
        specifier = literalText(w.src, c);
        break;
      case 'import_clause':
        for (const k of c.namedChildren) importClausePart(w, k, bindings);
        break;
      case 'import_require_clause': {
        kind = 'require';
        const kids = c.namedChildren;
        const id = kids.find((k) => k.type === 'identifier');
        const spec = kids.find((k) => k.type === 'string');
        if (spec) specifier = literalText(w.src, spec);
        if (id) bindings.push({ imported: '*', local: w.text(id) });
        break;
      }
    }
  }
  if (specifier === undefined) return;
  const fact: ImportFact = { specifier, kind, bindings, range: rangeOf(node) };
  if (typeOnly) fact.typeOnly = true;
  w.facts.imports.push(fact);
}

function importClausePart(w: Walker, k: Node, bindings: ImportBinding[]): void {
  switch (k.type) {
    case 'identifier':
      bindings.push({ imported: 'default', local: w.text(k) });
      break;
    case 'namespace_import': {
      const id = k.lastNamedChild;
      if (id) bindings.push({ imported: '*', local: w.text(id) });
      break;
    }
    case 'named_imports':
      for (const s of k.namedChildren) {
        if (s.type !== 'import_specifier') continue;
        const parts = s.namedChildren;
        const name = parts[0];
        if (!name) continue;
        const alias = parts.length > 1 ? lastNamed(parts)! : name;
        bindings.push({ imported: keyText(w.src, name), local: w.text(alias) });
      }
      break;
  }
}

/** TS `import A = N.B` (an alias, not a module import). */
export function importAlias(w: Walker, node: Node, exported: boolean): void {
  const kids = node.namedChildren;
  const id = kids[0];
  const target = kids[1];
  if (!id || !target) return;
  const path = typePath(w.src, target);
  const name = w.text(id);
  if (path) w.facts.bindings.push({ scope: w.scope, name, target: path, via: 'alias' });
  if (exported && w.atModuleExports) w.facts.addExport(name, name);
}

export function exportStatement(w: Walker, node: Node): void {
  let defaultKeyword: Node | null = null;
  let equals = false;
  let star = false;
  let typeOnly = false;
  let clause: Node | undefined;
  let nsExport: Node | undefined;
  let sourceNode: Node | undefined;
  const rest: Node[] = [];
  for (const c of node.children) {
    switch (c.type) {
      case 'export':
      case ';':
      case 'from':
      case 'comment':
        break;
      case 'default':
        defaultKeyword = c;
        break;
      case '=':
        equals = true;
        break;
      case '*':
        star = true;
        break;
      case 'type':
        if (!c.isNamed) typeOnly = true;
        else rest.push(c);
        break;
      case 'export_clause':
        clause = c;
        break;
      case 'namespace_export':
        nsExport = c;
        break;
      case 'string':
        sourceNode = c;
        break;
      default:
        if (c.isNamed) rest.push(c);
    }
  }

  if (sourceNode) {
    const specifier = literalText(w.src, sourceNode);
    if (specifier === undefined) return;
    const fact: ImportFact = { specifier, kind: 'reexport', bindings: [], range: rangeOf(node) };
    if (nsExport) {
      const id = nsExport.lastNamedChild;
      if (id) fact.bindings.push({ imported: '*', local: keyText(w.src, id) });
    } else if (clause) {
      for (const [name, alias] of exportSpecifiers(w, clause)) fact.bindings.push({ imported: name, local: alias });
    } else if (star) {
      fact.kind = 'reexport-all';
    }
    if (typeOnly) fact.typeOnly = true;
    w.facts.imports.push(fact);
    return;
  }

  if (clause) {
    if (w.atModuleExports) for (const [name, alias] of exportSpecifiers(w, clause)) w.facts.addExport(alias, name);
    return;
  }

  const decorators = rest.filter((r) => r.type === 'decorator');
  for (const d of decorators) w.visit(d);
  const target = rest.find((r) => r.type !== 'decorator');
  if (!target) return;

  if (equals) {
    cjsWhole(w, unwrapValue(target), target, target, node);
    return;
  }
  const ctx: DeclContext = { outer: node, exported: true, defaultKeyword };
  if (!defaultKeyword || isDeclarationNode(target)) {
    declaration(w, target, ctx);
    return;
  }
  defaultExpression(w, unwrapValue(target), target, ctx);
}

/** [exported-from name, exported-as name] of `export { a, b as c }`. */
function exportSpecifiers(w: Walker, clause: Node): [string, string][] {
  const out: [string, string][] = [];
  for (const s of clause.namedChildren) {
    if (s.type !== 'export_specifier') continue;
    const parts = s.namedChildren;
    const name = parts[0];
    if (!name) continue;
    const alias = parts.length > 1 ? lastNamed(parts)! : name;
    out.push([keyText(w.src, name), keyText(w.src, alias)]);
  }
  return out;
}

/** `export default <expression>`. */
function defaultExpression(w: Walker, v: Node, target: Node, ctx: DeclContext): void {
  if (v.type === 'identifier') {
    if (w.atModuleExports) w.facts.addExport('default', w.text(v));
    return;
  }
  if (v.type === 'class') {
    classDeclaration(w, v, ctx, null);
    return;
  }
  if (isFunctionLike(v)) {
    const own = v.type === 'arrow_function' ? null : v.childForFieldName('name');
    const name = own ? w.text(own) : 'default';
    const body = v.lastNamedChild;
    const sig = signatureText(w.src, v.startIndex, body ? body.startIndex : v.endIndex);
    const qname = w.addSymbol(name, 'function', ctx, own, sig);
    w.exportDeclared(ctx, name, qname);
    w.functionInner(v, qname, null);
    return;
  }
  w.visit(target);
}
