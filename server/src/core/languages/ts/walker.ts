import type { Node } from 'web-tree-sitter';
import type { Range, RefPath, SymbolKind } from '../../model';
import { plain, type DeclContext } from './context';
import { anonymousClass, declaration } from './declarations';
import { assignment, expressionStatement } from './assignments';
import { exportStatement, importAlias, importStatement } from './importsExports';
import { docBefore } from './doc';
import { FactBuilder, type OverloadRole } from './facts';
import { annotatedClass, chainOf, isSignature, loadCall, typePath } from './syntax';
import { rangeOf, textOf } from './text';
import type { StatementReuse } from './statementReuse';
import type { TopLevelNames } from './topLevel';

// The walk over one file's syntax tree. It keeps the qname of the innermost named symbol
// (`scope`): calls and references are attributed to it and nested declarations are qualified
// with it; anonymous functions do not open a scope. Expressions, calls, references,
// parameters and patterns are handled here; declarations, assignments (CommonJS) and
// import/export statements in the modules named after them.

/**
 * Nesting beyond this is skipped rather than walked: real code never gets near it, and
 * machine-made expressions thousands of levels deep would otherwise overflow the stack.
 */
const MAX_NESTING = 1000;

export class Walker {
  readonly facts = new FactBuilder();
  /** Innermost named symbol. */
  scope: string | null = null;
  /** Innermost class, for `this.x = new X()`. */
  cls: string | null = null;
  /** At statement level of the program or of a namespace body. */
  moduleLevel = true;
  /** Inside `declare module 'x' { }`: declarations belong to that module, not this file's exports. */
  inAmbientModule = false;
  /** While re-extracting an edited document: what earlier extractions recorded (see statementReuse). */
  reuse: StatementReuse | null = null;
  private depth = 0;

  constructor(
    readonly src: string,
    readonly top: TopLevelNames,
  ) {}

  program(root: Node): void {
    for (const c of root.namedChildren) this.visit(c);
  }

  text(node: Node): string {
    return textOf(this.src, node);
  }

  /** Whether this file's module-level exports can be recorded here. */
  get atModuleExports(): boolean {
    return this.scope === null && !this.inAmbientModule;
  }

  // ---- generic walk --------------------------------------------------------------------

  visit(node: Node): void {
    if (this.depth >= MAX_NESTING) return;
    // No try/finally: an exception abandons the whole walk anyway.
    this.depth++;
    this.visitNode(node);
    this.depth--;
  }

  private visitNode(node: Node): void {
    switch (node.type) {
      case 'comment':
      case 'string':
      case 'number':
      case 'regex':
      case 'true':
      case 'false':
      case 'null':
      case 'undefined':
      case 'this':
      case 'super':
      case 'property_identifier':
      case 'private_property_identifier':
      case 'statement_identifier':
      case 'predefined_type':
      case 'jsx_text':
      case 'jsx_closing_element':
      case 'hash_bang_line':
      case 'html_comment':
      case 'shorthand_property_identifier_pattern':
      case 'accessibility_modifier':
      case 'override_modifier':
      case 'optional_chain':
      case 'meta_property':
      case 'import':
      case 'empty_statement':
        return;
      case 'identifier':
      case 'type_identifier':
      case 'shorthand_property_identifier':
        this.nameRef(node);
        return;
      case 'member_expression':
        this.memberRef(node);
        return;
      case 'nested_type_identifier':
      case 'nested_identifier':
        this.typeRef(node);
        return;
      case 'call_expression':
        this.call(node);
        return;
      case 'new_expression':
        this.newCall(node);
        return;
      case 'binary_expression':
        this.binary(node);
        return;
      case 'import_statement':
        importStatement(this, node);
        return;
      case 'import_alias':
        importAlias(this, node, false);
        return;
      case 'export_statement':
        exportStatement(this, node);
        return;
      case 'expression_statement':
        expressionStatement(this, node);
        return;
      case 'assignment_expression':
        assignment(this, node, node);
        return;
      case 'function_declaration':
      case 'generator_function_declaration':
      case 'function_signature':
      case 'class_declaration':
      case 'abstract_class_declaration':
      case 'interface_declaration':
      case 'enum_declaration':
      case 'type_alias_declaration':
      case 'lexical_declaration':
      case 'variable_declaration':
      case 'using_declaration':
      case 'internal_module':
      case 'module':
      case 'ambient_declaration':
        declaration(this, node, plain(node));
        return;
      case 'arrow_function':
      case 'function_expression':
      case 'generator_function':
      case 'function':
      case 'method_definition':
        this.functionInner(node, null, null);
        return;
      case 'formal_parameters':
        // Parameters of a function type (`(e: Event) => void`): types only, no local bindings.
        this.parameters(node, null, false);
        return;
      case 'catch_clause':
        this.catchClause(node);
        return;
      case 'for_in_statement':
        this.forIn(node);
        return;
      case 'type_parameter':
      case 'variable_declarator':
        // The first child is the declared name.
        this.visitFrom(node, 1);
        return;
      case 'class':
        anonymousClass(this, node);
        return;
      default:
        this.visitFrom(node, 0);
    }
  }

  // Child by child rather than `namedChildren`: most nodes are only passed through, and making
  // the whole array of child objects first costs more than asking for each child in turn.
  private visitFrom(node: Node, start: number): void {
    for (let i = start, n = node.namedChildCount; i < n; i++) {
      const c = node.namedChild(i);
      if (c) this.visit(c);
    }
  }

  /** Long `a + b + c …` chains nest to the left; walking them iteratively keeps the stack flat. */
  private binary(node: Node): void {
    const rights: Node[] = [];
    let cur = node;
    while (cur.type === 'binary_expression') {
      const kids = cur.namedChildren;
      if (kids.length === 0) return;
      for (let i = kids.length - 1; i >= 1; i--) rights.push(kids[i]!);
      cur = kids[0]!;
    }
    this.visit(cur);
    for (let i = rights.length - 1; i >= 0; i--) this.visit(rights[i]!);
  }

  // ---- references ----------------------------------------------------------------------

  private reference(path: RefPath, node: Node): void {
    this.facts.references.push({ from: this.scope, path, range: rangeOf(node) });
  }

  private nameRef(node: Node): void {
    const name = this.text(node);
    if (this.top.names.has(name)) this.reference([name], node);
  }

  private typeRef(node: Node): void {
    const path = typePath(this.src, node);
    if (path) {
      if (this.top.names.has(path[0]!)) this.reference(path, node);
    } else {
      for (const c of node.namedChildren) this.visit(c);
    }
  }

  /** `Foo.bar.baz` is one reference to the whole chain; a non-name base is walked instead. */
  private memberRef(node: Node): void {
    const tail: string[] = [];
    let cur: Node = node;
    for (;;) {
      if (cur.type === 'non_null_expression') {
        const inner = cur.firstNamedChild;
        if (!inner) return;
        cur = inner;
        continue;
      }
      if (cur.type !== 'member_expression') break;
      const obj = cur.firstNamedChild;
      const prop = cur.lastNamedChild;
      if (!obj || !prop || obj.equals(prop)) return;
      if (prop.type !== 'property_identifier' && prop.type !== 'private_property_identifier') {
        this.visitFrom(cur, 0);
        return;
      }
      tail.push(this.text(prop));
      cur = obj;
    }
    if (cur.type === 'identifier') {
      const name = this.text(cur);
      if (this.top.names.has(name)) {
        const path = [name];
        for (let i = tail.length - 1; i >= 0; i--) path.push(tail[i]!);
        this.reference(path, node);
      }
    } else {
      this.visit(cur);
    }
  }

  // ---- calls ---------------------------------------------------------------------------

  /** The callee as a path; receivers that are not plain names collapse to `?` (and are walked). */
  private calleePath(fn: Node): RefPath {
    switch (fn.type) {
      case 'identifier':
      case 'this':
      case 'super':
        return [this.text(fn)];
      case 'member_expression': {
        const obj = fn.firstNamedChild;
        const prop = fn.lastNamedChild;
        if (obj && prop && !obj.equals(prop) && (prop.type === 'property_identifier' || prop.type === 'private_property_identifier')) {
          const base = this.calleePath(obj);
          base.push(this.text(prop));
          return base;
        }
        this.visitFrom(fn, 0);
        return ['?'];
      }
      case 'non_null_expression': {
        const inner = fn.firstNamedChild;
        return inner ? this.calleePath(inner) : ['?'];
      }
      default:
        this.visit(fn);
        return ['?'];
    }
  }

  private call(node: Node): void {
    let fn = node.firstNamedChild;
    // `await f<T>(x)` parses as a call whose callee is `await f` (the grammar binds the type
    // arguments first); what is awaited is the call, so the callee is `f`.
    while (fn?.type === 'await_expression' && fn.namedChildCount === 1) fn = fn.firstNamedChild!;
    if (!fn) return;
    if (fn.type === 'import' || (fn.type === 'identifier' && this.text(fn) === 'require')) {
      const load = loadCall(this.src, node);
      if (load) this.facts.imports.push({ specifier: load.specifier, kind: load.kind, bindings: [], range: rangeOf(node) });
      // With a computed name it is not an import we can follow, and not a call either.
      this.visitFrom(node, 1);
      return;
    }
    const fact = { caller: this.scope, callee: [] as RefPath, range: rangeOf(fn) };
    this.facts.calls.push(fact);
    fact.callee = this.calleePath(fn);
    this.visitFrom(node, 1);
  }

  private newCall(node: Node): void {
    const ctor = node.firstNamedChild;
    if (!ctor) return;
    const fact = { caller: this.scope, callee: [] as RefPath, isNew: true, range: rangeOf(ctor) };
    this.facts.calls.push(fact);
    fact.callee = this.calleePath(ctor);
    this.visitFrom(node, 1);
  }

  // ---- symbols -------------------------------------------------------------------------

  addSymbol(
    name: string,
    kind: SymbolKind,
    ctx: DeclContext,
    nameNode: Node | null,
    signature: string,
    opts: { prefix?: string | null; parent?: string | null; role?: OverloadRole; range?: Range } = {},
  ): string {
    const prefix = opts.prefix === undefined ? this.scope : opts.prefix;
    const range = opts.range ?? rangeOf(ctx.outer);
    const selNode = nameNode ?? ctx.defaultKeyword;
    const selection: Range = selNode ? rangeOf(selNode) : [range[0], range[1], range[0], range[1]];
    return this.facts.addSymbol(
      {
        name,
        kind,
        prefix,
        parent: opts.parent === undefined ? prefix : opts.parent,
        range,
        selection,
        signature,
        doc: docBefore(this.src, ctx.outer),
        exported: ctx.exported || this.inAmbientModule,
      },
      opts.role,
    );
  }

  /** Records `export`/`export default` of a declaration at module level. */
  exportDeclared(ctx: DeclContext, name: string, qname: string): void {
    if (!ctx.exported || !this.atModuleExports) return;
    this.facts.addExport(ctx.defaultKeyword ? 'default' : name, qname);
  }

  /** Runs `body` with `qname` as the enclosing symbol (when given) and off module level. */
  within(qname: string | null, cls: string | null | undefined, body: () => void): void {
    const scope = this.scope;
    const saveCls = this.cls;
    const moduleLevel = this.moduleLevel;
    if (qname !== null) this.scope = qname;
    if (cls !== undefined) this.cls = cls;
    this.moduleLevel = false;
    try {
      body();
    } finally {
      this.scope = scope;
      this.cls = saveCls;
      this.moduleLevel = moduleLevel;
    }
  }

  /**
   * Parameters, types and body of any function-like node. `qname` null: an anonymous function,
   * whose calls belong to the enclosing symbol. `ctorOf`: the class whose constructor this is.
   */
  functionInner(fn: Node, qname: string | null, ctorOf: string | null, kids = fn.namedChildren): void {
    this.within(qname, undefined, () => {
      const last = kids.length - 1;
      for (let i = 0; i <= last; i++) {
        const c = kids[i]!;
        switch (c.type) {
          case 'formal_parameters':
            // Overload signatures have no body for their parameters to be bound in.
            this.parameters(c, ctorOf, !isSignature(fn));
            break;
          case 'identifier':
          case 'type_identifier':
          case 'property_identifier':
          case 'private_property_identifier':
          case 'string':
          case 'number':
          case 'computed_property_name':
            // Names, and an arrow's single parameter; but an arrow's body can be a bare name.
            if (i === last && fn.type === 'arrow_function') this.visit(c);
            break;
          default:
            this.visit(c);
        }
      }
    });
  }

  private parameters(params: Node, ctorOf: string | null, bind: boolean): void {
    for (const p of params.namedChildren) {
      switch (p.type) {
        case 'required_parameter':
        case 'optional_parameter':
          this.parameter(p, ctorOf, bind);
          break;
        case 'identifier':
        case 'comment':
          break;
        default:
          this.pattern(p);
      }
    }
  }

  private parameter(p: Node, ctorOf: string | null, bind: boolean): void {
    let name: string | undefined;
    let patternNode: Node | undefined;
    let property = false;
    let type: RefPath | undefined;
    for (const c of p.namedChildren) {
      switch (c.type) {
        case 'decorator':
          this.visit(c);
          break;
        case 'accessibility_modifier':
          property = true;
          break;
        case 'override_modifier':
          break;
        case 'type_annotation':
          type = annotatedClass(this.src, c);
          this.visit(c);
          break;
        default:
          if (patternNode === undefined) {
            patternNode = c;
            if (c.type === 'identifier') name = this.text(c);
            else this.pattern(c);
          } else {
            this.visit(c);
          }
      }
    }
    if (!name || !type || !bind) return;
    if (ctorOf !== null && patternNode) {
      property ||= /\breadonly\b/.test(this.src.slice(p.startIndex, patternNode.startIndex));
      if (property) this.facts.bindings.push({ scope: ctorOf, name: `this.${name}`, target: type, via: 'new' });
    }
    if (this.scope !== null) this.facts.bindings.push({ scope: this.scope, name, target: type, via: 'new' });
  }

  /** A binding pattern: names are declarations; defaults and computed keys are expressions. */
  pattern(node: Node): void {
    switch (node.type) {
      case 'identifier':
      case 'shorthand_property_identifier_pattern':
      case 'comment':
        return;
      case 'object_pattern':
      case 'array_pattern':
      case 'rest_pattern':
        for (const c of node.namedChildren) this.pattern(c);
        return;
      case 'pair_pattern': {
        const kids = node.namedChildren;
        const key = kids[0];
        if (key && key.type === 'computed_property_name') this.visit(key);
        for (let i = 1; i < kids.length; i++) this.pattern(kids[i]!);
        return;
      }
      case 'assignment_pattern':
      case 'object_assignment_pattern': {
        const kids = node.namedChildren;
        if (kids[0]) this.pattern(kids[0]);
        for (let i = 1; i < kids.length; i++) this.visit(kids[i]!);
        return;
      }
      default:
        this.visit(node);
    }
  }

  private catchClause(node: Node): void {
    for (const c of node.namedChildren) {
      if (c.type === 'statement_block' || c.type === 'type_annotation') this.visit(c);
      else this.pattern(c);
    }
  }

  private forIn(node: Node): void {
    const left = node.childForFieldName('left');
    const declares = node.childForFieldName('kind') !== null;
    for (const c of node.namedChildren) {
      if (declares && left && c.equals(left)) this.pattern(c);
      else this.visit(c);
    }
  }

  newTarget(expr: Node): RefPath | undefined {
    const ctor = expr.firstNamedChild;
    return ctor ? chainOf(this.src, ctor) : undefined;
  }
}
