import type { Node } from 'web-tree-sitter';

// Which identifier tokens mean the module-level binding of a name: the ones no inner scope
// re-declares. Enough of each language's scoping rules to keep a rename off shadowing locals
// (parameters, block-scoped declarations, Python function locals).

export type Family = 'js' | 'python';

const JS_FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function_declaration', 'generator_function']);
const JS_SCOPES = new Set([...JS_FUNCTIONS, 'statement_block', 'for_statement', 'for_in_statement', 'catch_clause', 'switch_body', 'class_body']);
const PY_FUNCTIONS = new Set(['function_definition', 'lambda']);
const PY_SCOPES = new Set([...PY_FUNCTIONS, 'list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Identifier-like node types a rename may touch, per family. */
export const NAME_TYPES: Record<Family, ReadonlySet<string>> = {
  js: new Set(['identifier', 'type_identifier', 'shorthand_property_identifier']),
  python: new Set(['identifier']),
};

export class ScopeOracle {
  private readonly declared = new Map<number, Set<string>>();

  constructor(private readonly family: Family) {}

  /**
   * True when an enclosing scope below the binding's own scope declares `name`, so `node` does
   * not mean that binding. The binding's scope is the module unless `bindingScope` is given
   * (a nested function's name binds in its enclosing function).
   */
  shadowed(node: Node, name: string, bindingScope?: Node): boolean {
    const scopes = this.family === 'js' ? JS_SCOPES : PY_SCOPES;
    for (let a = node.parent; a; a = a.parent) {
      if (bindingScope && a.id === bindingScope.id) return false;
      if (!scopes.has(a.type)) continue;
      // A Python default value or a decorator is evaluated outside the function's scope.
      if (this.family === 'python' && a.type === 'function_definition' && !within(node, a.childForFieldName('body')) && !within(node, a.childForFieldName('parameters'))) continue;
      if (this.family === 'python' && a.type === 'function_definition' && inDefault(node, a)) continue;
      if (this.names(a).has(name)) return true;
    }
    return false;
  }

  /** The scope a declaration's name binds in: the nearest scope around the declaration itself. */
  declaringScope(nameNode: Node): Node | undefined {
    const scopes = this.family === 'js' ? JS_SCOPES : PY_SCOPES;
    for (let a = nameNode.parent?.parent ?? null; a; a = a.parent) if (scopes.has(a.type)) return a;
    return undefined;
  }

  private names(scope: Node): Set<string> {
    let s = this.declared.get(scope.id);
    if (!s) {
      s = new Set();
      if (this.family === 'js') jsDeclared(scope, s);
      else pyDeclared(scope, s);
      this.declared.set(scope.id, s);
    }
    return s;
  }
}

function within(node: Node, outer: Node | null): boolean {
  return !!outer && node.startIndex >= outer.startIndex && node.endIndex <= outer.endIndex;
}

function inDefault(node: Node, fn: Node): boolean {
  for (let a: Node | null = node; a && a.id !== fn.id; a = a.parent) {
    const p = a.parent;
    if (p && (p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.childForFieldName('value')?.id === a.id) return true;
  }
  return false;
}

// ---- JavaScript / TypeScript ---------------------------------------------------------------

function jsDeclared(scope: Node, out: Set<string>): void {
  if (JS_FUNCTIONS.has(scope.type)) {
    const params = scope.childForFieldName('parameters');
    if (params) for (const p of params.namedChildren) jsPattern(p, out);
    const single = scope.childForFieldName('parameter');
    if (single) jsPattern(single, out);
    // A named function expression binds its own name inside itself.
    if (scope.type === 'function_expression' || scope.type === 'function') {
      const n = scope.childForFieldName('name');
      if (n) out.add(n.text);
    }
    return;
  }
  if (scope.type === 'catch_clause') {
    const p = scope.childForFieldName('parameter');
    if (p) jsPattern(p, out);
    return;
  }
  if (scope.type === 'for_statement') {
    const init = scope.childForFieldName('initializer');
    if (init) jsStatementNames(init, out);
    return;
  }
  if (scope.type === 'for_in_statement') {
    if (scope.childForFieldName('kind')) {
      const left = scope.childForFieldName('left');
      if (left) jsPattern(left, out);
    }
    return;
  }
  for (const child of scope.namedChildren) jsStatementNames(child, out);
}

function jsStatementNames(stmt: Node, out: Set<string>): void {
  switch (stmt.type) {
    case 'lexical_declaration':
    case 'variable_declaration':
      for (const d of stmt.namedChildren) {
        if (d.type !== 'variable_declarator') continue;
        const n = d.childForFieldName('name');
        if (n) jsPattern(n, out);
      }
      return;
    case 'function_declaration':
    case 'generator_function_declaration':
    case 'class_declaration':
    case 'abstract_class_declaration':
    case 'interface_declaration':
    case 'type_alias_declaration':
    case 'enum_declaration': {
      const n = stmt.childForFieldName('name');
      if (n) out.add(n.text);
      return;
    }
  }
}

function jsPattern(p: Node, out: Set<string>): void {
  switch (p.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      out.add(p.text);
      return;
    case 'required_parameter':
    case 'optional_parameter': {
      const pat = p.childForFieldName('pattern');
      if (pat) jsPattern(pat, out);
      return;
    }
    case 'assignment_pattern':
    case 'object_assignment_pattern': {
      const left = p.childForFieldName('left');
      if (left) jsPattern(left, out);
      return;
    }
    case 'pair_pattern': {
      const v = p.childForFieldName('value');
      if (v) jsPattern(v, out);
      return;
    }
    case 'object_pattern':
    case 'array_pattern':
    case 'rest_pattern':
      for (const c of p.namedChildren) jsPattern(c, out);
      return;
  }
}

// ---- Python --------------------------------------------------------------------------------

function pyDeclared(scope: Node, out: Set<string>): void {
  if (scope.type === 'function_definition' || scope.type === 'lambda') {
    const params = scope.childForFieldName('parameters');
    if (params) for (const p of params.namedChildren) pyParam(p, out);
    if (scope.type === 'function_definition') {
      const body = scope.childForFieldName('body');
      const globals = new Set<string>();
      if (body) pyBody(body, out, globals);
      for (const g of globals) out.delete(g);
    }
    return;
  }
  // Comprehensions: their `for` targets.
  for (const c of scope.namedChildren) {
    if (c.type === 'for_in_clause') {
      const left = c.childForFieldName('left');
      if (left) pyTarget(left, out);
    }
  }
}

function pyParam(p: Node, out: Set<string>): void {
  switch (p.type) {
    case 'identifier':
      out.add(p.text);
      return;
    case 'default_parameter':
    case 'typed_default_parameter': {
      const n = p.childForFieldName('name');
      if (n) out.add(n.text);
      return;
    }
    case 'typed_parameter':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern': {
      const n = p.namedChildren.find((c) => c.type === 'identifier');
      if (n) out.add(n.text);
      return;
    }
  }
}

function pyBody(node: Node, out: Set<string>, globals: Set<string>): void {
  for (const c of node.namedChildren) {
    switch (c.type) {
      case 'function_definition':
      case 'class_definition': {
        const n = c.childForFieldName('name');
        if (n) out.add(n.text);
        continue; // their bodies are other scopes
      }
      case 'decorated_definition': {
        const def = c.childForFieldName('definition');
        const n = def?.childForFieldName('name');
        if (n) out.add(n.text);
        continue;
      }
      case 'lambda':
        continue;
      case 'global_statement':
      case 'nonlocal_statement':
        for (const g of c.namedChildren) if (g.type === 'identifier') globals.add(g.text);
        continue;
      case 'assignment':
      case 'augmented_assignment': {
        const left = c.childForFieldName('left');
        if (left) pyTarget(left, out);
        break;
      }
      case 'for_statement': {
        const left = c.childForFieldName('left');
        if (left) pyTarget(left, out);
        break;
      }
      case 'named_expression': {
        const n = c.childForFieldName('name');
        if (n) out.add(n.text);
        break;
      }
      case 'as_pattern': {
        const alias = c.childForFieldName('alias');
        if (alias) pyTarget(alias, out);
        break;
      }
      case 'except_clause': {
        const alias = c.childForFieldName('alias');
        if (alias) pyTarget(alias, out);
        break;
      }
      case 'import_statement':
      case 'import_from_statement':
        for (const n of c.namedChildren) {
          if (n.type === 'aliased_import') {
            const a = n.childForFieldName('alias');
            if (a) out.add(a.text);
          } else if (n.type === 'dotted_name' && n.id !== c.childForFieldName('module_name')?.id) {
            out.add(n.namedChildren[0]?.text ?? n.text);
          }
        }
        continue;
    }
    pyBody(c, out, globals);
  }
}

function pyTarget(t: Node, out: Set<string>): void {
  switch (t.type) {
    case 'identifier':
      out.add(t.text);
      return;
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
    case 'list_splat_pattern':
    case 'expression_list':
    case 'as_pattern_target':
    case 'tuple':
    case 'list':
      for (const c of t.namedChildren) pyTarget(c, out);
      return;
  }
}
