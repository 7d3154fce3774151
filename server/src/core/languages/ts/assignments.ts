import type { Node } from 'web-tree-sitter';
import type { RefPath, SymbolKind } from '../../model';
import { lastNamed, plain, type DeclContext } from './context';
import { classDeclaration, method } from './declarations';
import { moduleLoad, reexport } from './importsExports';
import { isFunctionLike, moduleLoadOf, targetChainOf, unwrapValue } from './syntax';
import { keyText, rangeOf, signatureText } from './text';
import type { Walker } from './walker';

// Assignments that define things: CommonJS exports (`module.exports = …`, `exports.x = …`),
// functions bound to properties (`obj.f = () => {}`, `Foo.prototype.m = function () {}`),
// instances stored on `this`, and `x = require('m')`.

export function expressionStatement(w: Walker, stmt: Node): void {
  for (const c of stmt.namedChildren) {
    if (c.type === 'assignment_expression') assignment(w, c, stmt);
    else w.visit(c);
  }
}

/** `outer`: the statement holding the assignment, for range and doc. */
export function assignment(w: Walker, node: Node, outer: Node): void {
  const kids = node.namedChildren;
  const left = kids[0];
  const right = lastNamed(kids);
  if (!left || !right || left.equals(right)) {
    for (const k of kids) w.visit(k);
    return;
  }
  const v = unwrapValue(right);
  if (left.type === 'member_expression') {
    const path = targetChainOf(w.src, left);
    if (path) {
      if (path[0] === 'module' && path[1] === 'exports' && path.length === 2) {
        cjsWhole(w, v, right, left, outer);
        return;
      }
      if ((path[0] === 'exports' && path.length === 2) || (path[0] === 'module' && path[1] === 'exports' && path.length === 3)) {
        cjsNamed(w, path[path.length - 1]!, v, right, left, outer);
        return;
      }
      if (isFunctionLike(v) || v.type === 'class') {
        if (propertyFunction(w, path, v, left, node, outer)) return;
      }
      if (path[0] === 'this' && path.length === 2 && w.cls !== null && v.type === 'new_expression') {
        const target = w.newTarget(v);
        if (target) w.facts.bindings.push({ scope: w.cls, name: `this.${path[1]}`, target, via: 'new' });
      }
    }
  } else if (left.type === 'identifier') {
    const load = moduleLoadOf(w.src, v);
    if (load) {
      moduleLoad(w, load, load.bindable ? [{ imported: load.member ?? '*', local: w.text(left) }] : []);
      return;
    }
    if (v.type === 'new_expression') {
      const target = w.newTarget(v);
      if (target) w.facts.bindings.push({ scope: w.scope, name: w.text(left), target, via: 'new' });
    }
  }
  if (left.type === 'identifier' || left.type === 'member_expression') w.visit(left);
  else w.pattern(left);
  w.visit(right);
}

/** `obj.handler = () => {}`, `this.onClick = function () {}`, `Foo.prototype.bar = function () {}`. */
function propertyFunction(w: Walker, path: RefPath, v: Node, left: Node, node: Node, outer: Node): boolean {
  let name = path[path.length - 1]!;
  let prefix: string | null;
  let parent: string | null;
  let kind: SymbolKind = 'function';
  if (path[0] === 'this') {
    if (path.length !== 2 || w.cls === null) return false;
    prefix = parent = w.cls;
    kind = 'method';
  } else {
    const isPrototype = path.length === 3 && path[1] === 'prototype';
    const owner = isPrototype ? path[0]! : path.slice(0, -1).join('.');
    if (isPrototype) kind = 'method';
    if (w.scope !== null) {
      prefix = `${w.scope}.${owner}`;
      parent = w.scope;
    } else if (w.facts.existing(null, owner) || w.top.declarations.has(owner)) {
      prefix = parent = owner;
    } else {
      // No symbol owns it: keep the whole path in the name, so that it does not read as a
      // module-level binding of its last segment.
      prefix = parent = null;
      name = `${owner}.${name}`;
    }
  }
  const ctx = plain(outer);
  const range = rangeOf(outer);
  if (v.type === 'class') {
    classDeclaration(w, v, ctx, { name, nameNode: left.lastNamedChild, sigStart: node.startIndex, sigPrefix: '', prefix, parent });
    return true;
  }
  const body = v.lastNamedChild;
  const sig = signatureText(w.src, node.startIndex, body ? body.startIndex : v.endIndex);
  const qname = w.addSymbol(name, kind, ctx, left.lastNamedChild, sig, { prefix, parent, range });
  w.functionInner(v, qname, null);
  return true;
}

/** `module.exports = …` / `export = …`. */
export function cjsWhole(w: Walker, v: Node, right: Node, left: Node, outer: Node): void {
  if (v.type === 'identifier') {
    const name = w.text(v);
    w.facts.addExport('=', name);
    w.facts.addExport('default', name);
    return;
  }
  if (v.type === 'object') {
    cjsObject(w, v);
    return;
  }
  if (isFunctionLike(v) || v.type === 'class') {
    const own = v.childForFieldName('name');
    const name = own ? w.text(own) : 'default';
    const qname = exportedValue(w, name, v, own ?? left, outer);
    w.facts.addExport('=', qname);
    w.facts.addExport('default', qname);
    return;
  }
  const load = moduleLoadOf(w.src, v);
  if (load && load.kind === 'require' && load.member === undefined) {
    w.facts.imports.push({ specifier: load.specifier, kind: 'reexport-all', bindings: [], range: rangeOf(load.call) });
    return;
  }
  w.visit(right);
}

/** `exports.name = …` / `module.exports.name = …`. */
function cjsNamed(w: Walker, name: string, v: Node, right: Node, left: Node, outer: Node): void {
  if (v.type === 'identifier') {
    w.facts.addExport(name, w.text(v));
    return;
  }
  if (isFunctionLike(v) || v.type === 'class') {
    w.facts.addExport(name, exportedValue(w, name, v, left.lastNamedChild ?? left, outer));
    return;
  }
  const load = moduleLoadOf(w.src, v);
  if (load && load.kind === 'require') {
    reexport(w, load, [{ imported: load.member ?? '*', local: name }]);
    return;
  }
  const nl = w.src.indexOf('\n', outer.startIndex);
  const sig = signatureText(w.src, outer.startIndex, nl === -1 || nl > outer.endIndex ? outer.endIndex : nl);
  const qname = w.addSymbol(name, 'variable', { outer, exported: true, defaultKeyword: null }, left.lastNamedChild, sig, { prefix: null });
  w.facts.addExport(name, qname);
  const scope = w.scope;
  w.scope = qname;
  try {
    w.visit(right);
  } finally {
    w.scope = scope;
  }
}

/** `module.exports = { a, b: c, d() {}, e: require('./e') }`. */
function cjsObject(w: Walker, obj: Node): void {
  for (const m of obj.namedChildren) {
    switch (m.type) {
      case 'shorthand_property_identifier': {
        const name = w.text(m);
        w.facts.addExport(name, name);
        break;
      }
      case 'method_definition': {
        const qname = method(w, null, m, undefined, 'function');
        if (qname !== undefined) w.facts.exportSymbol(qname);
        break;
      }
      case 'pair': {
        const kids = m.namedChildren;
        const key = kids[0];
        const value = lastNamed(kids);
        if (!key || !value || key.equals(value) || key.type === 'computed_property_name') {
          w.visit(m);
          break;
        }
        const name = keyText(w.src, key);
        const v = unwrapValue(value);
        if (v.type === 'identifier') {
          w.facts.addExport(name, w.text(v));
        } else if (isFunctionLike(v) || v.type === 'class') {
          w.facts.addExport(name, exportedValue(w, name, v, key, m));
        } else {
          const load = moduleLoadOf(w.src, v);
          if (load && load.kind === 'require') reexport(w, load, [{ imported: load.member ?? '*', local: name }]);
          else w.visit(value);
        }
        break;
      }
      case 'spread_element': {
        const inner = m.firstNamedChild;
        const load = inner ? moduleLoadOf(w.src, unwrapValue(inner)) : undefined;
        if (load && load.kind === 'require' && load.member === undefined) {
          w.facts.imports.push({ specifier: load.specifier, kind: 'reexport-all', bindings: [], range: rangeOf(load.call) });
        } else {
          w.visit(m);
        }
        break;
      }
      default:
        w.visit(m);
    }
  }
}

/** A function or class assigned to a CommonJS export: a module-level symbol, exported. */
function exportedValue(w: Walker, name: string, v: Node, nameNode: Node, outer: Node): string {
  const ctx: DeclContext = { outer, exported: true, defaultKeyword: null };
  if (v.type === 'class') {
    return classDeclaration(w, v, ctx, { name, nameNode, sigStart: outer.startIndex, sigPrefix: '', prefix: null });
  }
  const body = v.lastNamedChild;
  const sig = signatureText(w.src, outer.startIndex, body ? body.startIndex : v.endIndex);
  const qname = w.addSymbol(name, 'function', ctx, nameNode, sig, { prefix: null });
  w.functionInner(v, qname, null);
  return qname;
}
