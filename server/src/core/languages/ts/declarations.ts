import type { Node } from 'web-tree-sitter';
import type { Range, SymbolKind } from '../../model';
import { expressionStatement } from './assignments';
import { lastNamed, plain, type DeclContext } from './context';
import { docBefore } from './doc';
import type { OverloadRole } from './facts';
import { importAlias, moduleLoad } from './importsExports';
import {
  annotatedClass,
  chainOf,
  destructuredBindings,
  hasFunctionMembers,
  isFunctionLike,
  moduleLoadOf,
  patternNames,
  typePath,
  unwrapValue,
} from './syntax';
import { keyText, rangeOf, signatureText } from './text';
import type { Walker } from './walker';

// Declarations: functions, classes and their members, interfaces, enums, type aliases,
// namespaces and variables. Each becomes a symbol qualified by the walker's scope.

export function declaration(w: Walker, node: Node, ctx: DeclContext): void {
  switch (node.type) {
    case 'function_declaration':
    case 'generator_function_declaration':
      functionDeclaration(w, node, ctx, 'implementation');
      return;
    case 'function_signature':
      functionDeclaration(w, node, ctx, 'signature');
      return;
    case 'class_declaration':
    case 'abstract_class_declaration':
      classDeclaration(w, node, ctx, null);
      return;
    case 'interface_declaration':
      interfaceDeclaration(w, node, ctx);
      return;
    case 'enum_declaration':
      enumDeclaration(w, node, ctx);
      return;
    case 'type_alias_declaration':
      typeAlias(w, node, ctx);
      return;
    case 'lexical_declaration':
    case 'variable_declaration':
    case 'using_declaration':
      variableStatement(w, node, ctx);
      return;
    case 'internal_module':
    case 'module':
      namespace(w, node, ctx);
      return;
    case 'ambient_declaration':
      for (const c of node.namedChildren) {
        if (c.type === 'statement_block') ambientBlock(w, c);
        else declaration(w, c, ctx.outer === node || ctx.exported ? ctx : { ...ctx, outer: node });
      }
      return;
    case 'import_alias':
      importAlias(w, node, ctx.exported);
      return;
    case 'expression_statement': {
      const inner = node.firstNamedChild;
      if (inner && (inner.type === 'internal_module' || inner.type === 'module')) namespace(w, inner, ctx);
      else expressionStatement(w, node);
      return;
    }
    default:
      w.visit(node);
  }
}

function functionDeclaration(w: Walker, node: Node, ctx: DeclContext, role: OverloadRole): void {
  const kids = node.namedChildren;
  const nameNode = kids.find((k) => k.type === 'identifier') ?? null;
  const name = nameNode ? w.text(nameNode) : 'default';
  const body = lastNamed(kids);
  const end = body && body.type === 'statement_block' ? body.startIndex : node.endIndex;
  const qname = w.addSymbol(name, 'function', ctx, nameNode, signatureText(w.src, node.startIndex, end), { role });
  w.exportDeclared(ctx, name, qname);
  w.functionInner(node, qname, null, kids);
}

/** A class expression named by what it is bound to (`const A = class {}`, `exports.A = class {}`). */
export interface BoundName {
  name: string;
  nameNode: Node | null;
  /** Where the signature starts (the binding, not the `class` keyword) and what precedes it. */
  sigStart: number;
  sigPrefix: string;
  /** qname qualifier and parent when they differ from the walker's scope. */
  prefix?: string | null;
  parent?: string | null;
}

/** `named`: set for class expressions, which take the name they are bound to. */
export function classDeclaration(w: Walker, node: Node, ctx: DeclContext, named: BoundName | null): string {
  const kids = node.namedChildren;
  const body = kids.find((k) => k.type === 'class_body');
  let nameNode: Node | null = null;
  let sigStart = node.startIndex;
  for (const k of kids) {
    if (k.type === 'decorator') sigStart = k.endIndex;
    else if (k.type === 'type_identifier' || k.type === 'identifier') {
      nameNode = k;
      break;
    } else break;
  }
  while (sigStart < node.endIndex && /\s/.test(w.src[sigStart]!)) sigStart++;
  const sigEnd = body ? body.startIndex : node.endIndex;
  const name = named ? named.name : nameNode ? w.text(nameNode) : 'default';
  const signature = named
    ? signatureText(w.src, named.sigStart, sigEnd, named.sigPrefix)
    : signatureText(w.src, sigStart, sigEnd);
  const opts = named ? { prefix: named.prefix, parent: named.parent } : {};
  const qname = w.addSymbol(name, 'class', ctx, named ? named.nameNode : nameNode, signature, opts);
  w.exportDeclared(ctx, name, qname);
  w.within(qname, qname, () => {
    for (const k of kids) {
      switch (k.type) {
        case 'class_heritage':
          classHeritage(w, qname, k);
          break;
        case 'class_body':
          classBody(w, qname, k);
          break;
        case 'type_identifier':
        case 'identifier':
          break;
        default:
          w.visit(k);
      }
    }
  });
  return qname;
}

export function anonymousClass(w: Walker, node: Node): void {
  for (const k of node.namedChildren) {
    if (k.type === 'class_heritage') {
      for (const h of k.namedChildren) w.visit(h);
    } else if (k.type !== 'type_identifier' && k.type !== 'identifier') {
      w.visit(k);
    }
  }
}

function classHeritage(w: Walker, cls: string, heritage: Node): void {
  for (const c of heritage.namedChildren) {
    switch (c.type) {
      case 'extends_clause':
        for (const v of c.namedChildren) {
          if (v.type === 'type_arguments') w.visit(v);
          else heritageValue(w, cls, v);
        }
        break;
      case 'implements_clause':
        for (const t of c.namedChildren) heritageType(w, cls, 'implements', t);
        break;
      default:
        // JavaScript: the extended expression sits directly in the heritage.
        heritageValue(w, cls, c);
    }
  }
}

function heritageValue(w: Walker, cls: string, value: Node): void {
  const path = chainOf(w.src, value);
  if (path) w.facts.heritage.push({ symbol: cls, kind: 'extends', target: path, range: rangeOf(value) });
  else w.visit(value);
}

function heritageType(w: Walker, symbol: string, kind: 'extends' | 'implements', t: Node): void {
  let nameNode = t;
  if (t.type === 'generic_type') {
    const kids = t.namedChildren;
    if (!kids[0]) return;
    nameNode = kids[0];
    for (let i = 1; i < kids.length; i++) w.visit(kids[i]!);
  }
  const path = typePath(w.src, nameNode);
  if (path) w.facts.heritage.push({ symbol, kind, target: path, range: rangeOf(nameNode) });
  else w.visit(t);
}

function classBody(w: Walker, cls: string, body: Node): void {
  const walk = (m: Node) => classMember(w, cls, m);
  if (w.reuse) w.reuse.classMembers(w, cls, body, walk);
  else for (const m of body.namedChildren) walk(m);
}

function classMember(w: Walker, cls: string, m: Node): void {
  switch (m.type) {
    case 'method_definition':
      method(w, cls, m, 'implementation', 'method');
      break;
    case 'method_signature':
    case 'abstract_method_signature':
      method(w, cls, m, 'signature', 'method');
      break;
    case 'public_field_definition':
    case 'field_definition':
      field(w, cls, m);
      break;
    default:
      w.visit(m);
  }
}

/** Methods of classes, interfaces and object literals. */
export function method(
  w: Walker,
  prefix: string | null,
  m: Node,
  role: OverloadRole,
  kind: SymbolKind,
  parent: string | null = prefix,
): string | undefined {
  const kids = m.namedChildren;
  let nameNode: Node | undefined;
  let headStart = m.startIndex;
  for (const k of kids) {
    if (k.type === 'decorator') {
      w.visit(k);
      headStart = k.endIndex;
    } else if (k.type !== 'accessibility_modifier' && k.type !== 'override_modifier') {
      nameNode = k;
      break;
    }
  }
  if (!nameNode || nameNode.type === 'formal_parameters') {
    w.functionInner(m, null, null, kids);
    return undefined;
  }
  while (headStart < nameNode.startIndex && /\s/.test(w.src[headStart]!)) headStart++;
  const name = keyText(w.src, nameNode);
  const head = w.src.slice(headStart, nameNode.startIndex);
  let symKind = kind;
  const accessor = /(?:^|\s)(get|set)\s+$/.exec(head);
  if (accessor) symKind = accessor[1] === 'get' ? 'getter' : 'setter';
  else if (name === 'constructor' && nameNode.type === 'property_identifier' && kind === 'method') symKind = 'constructor';
  const body = lastNamed(kids);
  const end = body && body.type === 'statement_block' ? body.startIndex : m.endIndex;
  const ctx = plain(m);
  const qname = w.addSymbol(name, symKind, ctx, nameNode, signatureText(w.src, headStart, end), { prefix, parent, role });
  w.functionInner(m, qname, symKind === 'constructor' ? prefix : null, kids);
  return qname;
}

function field(w: Walker, cls: string, m: Node): void {
  const kids = m.namedChildren;
  let nameNode: Node | undefined;
  let typeNode: Node | undefined;
  let value: Node | undefined;
  let headStart = m.startIndex;
  for (const k of kids) {
    switch (k.type) {
      case 'decorator':
        w.visit(k);
        headStart = k.endIndex;
        break;
      case 'accessibility_modifier':
      case 'override_modifier':
      case 'comment':
        break;
      case 'type_annotation':
        typeNode = k;
        break;
      default:
        if (!nameNode) nameNode = k;
        else value = k;
    }
  }
  if (!nameNode) return;
  while (headStart < nameNode.startIndex && /\s/.test(w.src[headStart]!)) headStart++;
  const isStatic = /\bstatic\b/.test(w.src.slice(headStart, nameNode.startIndex));
  const name = keyText(w.src, nameNode);
  if (nameNode.type === 'computed_property_name') w.visit(nameNode);
  const fn = value ? unwrapValue(value) : undefined;
  if (fn && isFunctionLike(fn)) {
    const body = fn.lastNamedChild;
    const end = body ? body.startIndex : fn.endIndex;
    const qname = w.addSymbol(name, 'method', plain(m), nameNode, signatureText(w.src, headStart, end), { prefix: cls });
    if (typeNode) w.visit(typeNode);
    w.functionInner(fn, qname, null);
    return;
  }
  if (!isStatic) {
    const target =
      (fn && fn.type === 'new_expression' ? w.newTarget(fn) : undefined) ?? (typeNode ? annotatedClass(w.src, typeNode) : undefined);
    if (target) w.facts.bindings.push({ scope: cls, name: `this.${name}`, target, via: 'new' });
  }
  if (typeNode) w.visit(typeNode);
  if (value) w.visit(value);
}

function interfaceDeclaration(w: Walker, node: Node, ctx: DeclContext): void {
  const kids = node.namedChildren;
  const nameNode = kids.find((k) => k.type === 'type_identifier') ?? null;
  if (!nameNode) {
    for (const k of kids) w.visit(k);
    return;
  }
  const name = w.text(nameNode);
  const body = kids.find((k) => k.type === 'interface_body' || k.type === 'object_type');
  // Interfaces merge: later declarations add members to the first.
  const prior = w.facts.existing(w.scope, name);
  let qname: string;
  if (prior && (prior.kind === 'interface' || prior.kind === 'class')) {
    qname = prior.qname;
    if (ctx.exported) w.facts.markExported(qname);
  } else {
    const sig = signatureText(w.src, node.startIndex, body ? body.startIndex : node.endIndex);
    qname = w.addSymbol(name, 'interface', ctx, nameNode, sig);
  }
  w.exportDeclared(ctx, name, qname);
  w.within(qname, null, () => {
    for (const k of kids) {
      if (k.equals(nameNode)) continue;
      if (k.type === 'extends_type_clause') {
        for (const t of k.namedChildren) heritageType(w, qname, 'extends', t);
      } else if (body && k.equals(body)) {
        for (const m of k.namedChildren) {
          if (m.type === 'method_signature') method(w, qname, m, 'signature', 'method');
          else w.visit(m);
        }
      } else {
        w.visit(k);
      }
    }
  });
}

function enumDeclaration(w: Walker, node: Node, ctx: DeclContext): void {
  const kids = node.namedChildren;
  const nameNode = kids.find((k) => k.type === 'identifier') ?? null;
  const body = kids.find((k) => k.type === 'enum_body');
  const name = nameNode ? w.text(nameNode) : 'default';
  const sig = signatureText(w.src, node.startIndex, body ? body.startIndex : node.endIndex);
  const qname = w.addSymbol(name, 'enum', ctx, nameNode, sig);
  w.exportDeclared(ctx, name, qname);
  if (body) w.within(qname, null, () => w.visit(body));
}

function typeAlias(w: Walker, node: Node, ctx: DeclContext): void {
  const kids = node.namedChildren;
  const nameNode = kids[0];
  if (!nameNode || nameNode.type !== 'type_identifier') {
    for (const k of kids) w.visit(k);
    return;
  }
  const name = w.text(nameNode);
  const qname = w.addSymbol(name, 'type', ctx, nameNode, signatureText(w.src, node.startIndex, node.endIndex));
  w.exportDeclared(ctx, name, qname);
  w.within(qname, null, () => {
    for (let i = 1; i < kids.length; i++) w.visit(kids[i]!);
  });
}

function namespace(w: Walker, node: Node, ctx: DeclContext): void {
  const kids = node.namedChildren;
  const nameNode = kids[0];
  const body = kids.find((k) => k.type === 'statement_block');
  if (!nameNode || nameNode.type === 'string' || nameNode.type === 'statement_block') {
    // `declare module 'x' { }`: the declarations describe another module.
    if (body) ambientBlock(w, body);
    return;
  }
  const name = w.text(nameNode).replace(/\s+/g, '');
  const prior = w.facts.existing(w.scope, name);
  let qname: string;
  if (prior) {
    qname = prior.qname;
    if (ctx.exported) w.facts.markExported(qname);
  } else {
    const sig = signatureText(w.src, node.startIndex, body ? body.startIndex : node.endIndex);
    qname = w.addSymbol(name, 'variable', ctx, nameNode, sig);
  }
  w.exportDeclared(ctx, name, qname);
  if (!body) return;
  const scope = w.scope;
  const moduleLevel = w.moduleLevel;
  w.scope = qname;
  w.moduleLevel = true;
  try {
    for (const c of body.namedChildren) w.visit(c);
  } finally {
    w.scope = scope;
    w.moduleLevel = moduleLevel;
  }
}

function ambientBlock(w: Walker, body: Node): void {
  const saved = w.inAmbientModule;
  w.inAmbientModule = true;
  try {
    for (const c of body.namedChildren) w.visit(c);
  } finally {
    w.inAmbientModule = saved;
  }
}

function variableStatement(w: Walker, stmt: Node, ctx: DeclContext): void {
  const kids = stmt.namedChildren;
  const declarators = kids.filter((k) => k.type === 'variable_declarator');
  const keyword =
    stmt.type === 'variable_declaration'
      ? 'var'
      : (/^(const|let|await\s+using|using)\b/.exec(w.src.slice(stmt.startIndex, stmt.startIndex + 20))?.[1] ?? 'const');
  for (const d of declarators) declarator(w, d, keyword, declarators.length === 1, ctx);
  for (const k of kids) if (k.type !== 'variable_declarator') w.visit(k);
}

function declarator(w: Walker, d: Node, keyword: string, single: boolean, ctx: DeclContext): void {
  const kids = d.namedChildren;
  const nameNode = kids[0];
  if (!nameNode) return;
  let typeNode: Node | undefined;
  let value: Node | undefined;
  for (let i = 1; i < kids.length; i++) {
    const k = kids[i]!;
    if (k.type === 'type_annotation') typeNode = k;
    else if (k.type !== 'comment') value = k;
  }
  const range = single ? rangeOf(ctx.outer) : rangeOf(d);
  const v = value ? unwrapValue(value) : undefined;

  if (nameNode.type !== 'identifier') {
    patternDeclarator(w, nameNode, typeNode, value, v, ctx, range, keyword);
    return;
  }
  const name = w.text(nameNode);
  if (v) {
    const load = moduleLoadOf(w.src, v);
    if (load) {
      moduleLoad(w, load, load.bindable ? [{ imported: load.member ?? '*', local: name }] : []);
      return;
    }
    if (isFunctionLike(v)) {
      const body = v.lastNamedChild;
      const sig = signatureText(w.src, d.startIndex, body ? body.startIndex : v.endIndex, keyword + ' ');
      const qname = w.addSymbol(name, 'function', ctx, nameNode, sig, { range });
      w.exportDeclared(ctx, name, qname);
      if (typeNode) w.visit(typeNode);
      w.functionInner(v, qname, null);
      return;
    }
    if (v.type === 'class') {
      if (typeNode) w.visit(typeNode);
      classDeclaration(w, v, { ...ctx, outer: single ? ctx.outer : d }, {
        name,
        nameNode,
        sigStart: d.startIndex,
        sigPrefix: keyword + ' ',
      });
      return;
    }
  }
  const objectWithMethods = w.moduleLevel && v !== undefined && v.type === 'object' && hasFunctionMembers(v);
  const signature = (): string => {
    const nl = w.src.indexOf('\n', d.startIndex);
    return signatureText(w.src, d.startIndex, nl === -1 || nl > d.endIndex ? d.endIndex : nl, keyword + ' ');
  };
  let qname: string | null = null;
  if (ctx.exported || objectWithMethods) {
    qname = w.addSymbol(name, 'variable', ctx, nameNode, signature(), { range });
    w.exportDeclared(ctx, name, qname);
  } else if (w.moduleLevel && w.scope === null && !w.inAmbientModule) {
    const doc = docBefore(w.src, ctx.outer);
    const selection = rangeOf(nameNode);
    w.facts.addLatentVariable(name, {
      name,
      kind: 'variable',
      prefix: null,
      parent: null,
      range,
      selection,
      signature: signature(),
      doc,
      exported: true,
    });
  }

  const target = v && v.type === 'new_expression' ? w.newTarget(v) : undefined;
  const typed = typeNode ? annotatedClass(w.src, typeNode) : undefined;
  if (target) w.facts.bindings.push({ scope: w.scope, name, target, via: 'new' });
  else if (typed) w.facts.bindings.push({ scope: w.scope, name, target: typed, via: 'new' });
  else if (v && w.moduleLevel && w.scope === null) {
    const alias = chainOf(w.src, v);
    if (alias && alias[0] !== 'module' && alias[0] !== 'exports') w.facts.bindings.push({ scope: null, name, target: alias, via: 'alias' });
  }

  if (typeNode) w.visit(typeNode);
  if (!value) return;
  const scope = w.scope;
  if (qname !== null) w.scope = qname;
  try {
    if (objectWithMethods && qname !== null) objectMembers(w, v!, qname, qname);
    else w.visit(value);
  } finally {
    w.scope = scope;
  }
}

function patternDeclarator(
  w: Walker,
  pattern: Node,
  typeNode: Node | undefined,
  value: Node | undefined,
  v: Node | undefined,
  ctx: DeclContext,
  range: Range,
  keyword: string,
): void {
  if (v) {
    const load = moduleLoadOf(w.src, v);
    if (load) {
      moduleLoad(w, load, load.bindable && load.member === undefined ? destructuredBindings(w.src, pattern) : []);
      return;
    }
  }
  if (ctx.exported) {
    for (const id of patternNames(pattern)) {
      const name = w.text(id);
      const sig = signatureText(w.src, id.startIndex, id.endIndex, keyword + ' ');
      const qname = w.addSymbol(name, 'variable', ctx, id, sig, { range });
      w.exportDeclared(ctx, name, qname);
    }
  }
  w.pattern(pattern);
  if (typeNode) w.visit(typeNode);
  if (value) w.visit(value);
}

/** Members of `const api = { … }` at module level become `api.member` symbols. */
function objectMembers(w: Walker, obj: Node, prefix: string, parent: string): void {
  for (const m of obj.namedChildren) {
    if (m.type === 'method_definition') {
      method(w, prefix, m, undefined, 'method', parent);
      continue;
    }
    if (m.type !== 'pair') {
      w.visit(m);
      continue;
    }
    const kids = m.namedChildren;
    const key = kids[0];
    const value = lastNamed(kids);
    if (!key || !value || key.equals(value)) continue;
    if (key.type === 'computed_property_name') {
      w.visit(m);
      continue;
    }
    const v = unwrapValue(value);
    const name = keyText(w.src, key);
    if (isFunctionLike(v)) {
      const body = v.lastNamedChild;
      const sig = signatureText(w.src, m.startIndex, body ? body.startIndex : v.endIndex);
      const qname = w.addSymbol(name, 'method', plain(m), key, sig, { prefix, parent });
      w.functionInner(v, qname, null);
    } else if (v.type === 'object' && hasFunctionMembers(v)) {
      objectMembers(w, v, `${prefix}.${name}`, parent);
    } else {
      w.visit(value);
    }
  }
}
