import type { Language, Node, Query, Tree } from 'web-tree-sitter';
import type {
  CallFact,
  ExportFact,
  FileFacts,
  HeritageFact,
  ImportBinding,
  ImportFact,
  LocalBindingFact,
  Range,
  ReferenceFact,
  RefPath,
  SymbolFact,
  SymbolKind,
} from '../../model';
import type { Extractor } from '../languageModule';
import { pushMoved, shiftRange } from '../../model';
import { PythonGrammar } from './grammar';
import { docstringOf, methodKind } from './definitions';
import { readFromImport, readImport } from './imports';
import { CAP, ERROR_QUERY, PYTHON_QUERY } from './queries';
import { findReferences, type ScopeSpan } from './references';
import { extractStatements, type PythonStatementMemo } from './statementReuse';
import {
  annotationTarget,
  countLines,
  identAt,
  oneLine,
  rangeFrom,
  scanChain,
  signatureSlice,
  skipSpaces,
  stringLiteralValue,
} from './text';

export function createPythonExtractor(language: Language, makeQuery: (source: string) => Query): Extractor {
  const grammar = new PythonGrammar(language);
  const query = makeQuery(PYTHON_QUERY);
  const errorQuery = makeQuery(ERROR_QUERY);
  return {
    extract(tree: Tree, source: string): FileFacts {
      const root = tree.rootNode;
      const file = new PythonFile(grammar, source);
      for (const cap of query.captures(root)) file.visit(cap.name, cap.node);
      file.markTypeOnly(0);
      const errorCount = root.hasError ? errorQuery.captures(root).length : 0;
      const roots = file.referenceRoots();
      return file.finish(file.references(root, roots), roots, errorCount);
    },
    reextract(tree: Tree, source: string, previous: unknown): { facts: FileFacts; memo: unknown } {
      const root = tree.rootNode;
      const countErrors = (node: Node): number => errorQuery.captures(node).length;
      let file = new PythonFile(grammar, source);
      let done = extractStatements(file, root, source, query, previous as PythonStatementMemo | undefined, countErrors);
      if (!done) {
        file = new PythonFile(grammar, source);
        done = extractStatements(file, root, source, query, undefined, countErrors)!;
      }
      return { facts: file.finish(done.references, done.roots, done.memo.errors), memo: done.memo };
    },
  };
}

export interface Scope {
  qname: string;
  isClass: boolean;
  /** First index inside the scope (a lambda's scope opens after its assignment target). */
  start: number;
  end: number;
  /** The class `self` is an instance of: a method's class, inherited by functions nested in it. */
  selfClass: string | null;
  /** What a local name holds (from `x = Foo()` or `x: Foo`), for `self.x = x`. */
  locals: Map<string, Held> | null;
}

interface Held {
  target: RefPath;
  /** From an annotation: kept only when it names something this file can resolve. */
  typed: boolean;
}

/** Receivers that say nothing about a class, so `x = self.make()` binds nothing. */
const NOT_A_CLASS: ReadonlySet<string> = new Set(['?', 'self', 'cls', 'super']);

/**
 * Every read or change of the file's cross-statement state (qnames taken, module-level names,
 * `__all__`), in order, with what it answered: replaying a statement's journal on another
 * file reproduces its effect, and an answer that comes out different says the statement must
 * be extracted again (see statementReuse).
 */
export type PythonJournalEntry =
  | { op: 'symbol'; base: string; symbol: SymbolFact }
  | { op: 'hasTopLevel'; name: string; found: boolean }
  | { op: 'all'; names: string[] | null; append: boolean };

/** What the references of one module-level statement are found with (see findReferences). */
export interface StatementTrace {
  scopes: ScopeSpan[];
  importSpans: number[];
  notRead: Set<number>;
}

/** Everything learnt about one file in one pass over the query captures. */
export class PythonFile {
  private readonly symbols: SymbolFact[] = [];
  private readonly imports: ImportFact[] = [];
  private readonly calls: CallFact[] = [];
  private readonly heritage: HeritageFact[] = [];
  private readonly bindings: LocalBindingFact[] = [];
  /** Bindings taken from annotations; filtered like references at the end. */
  private readonly typed = new Set<LocalBindingFact>();

  private readonly stack: Scope[] = [];
  /** Every scope in order of its start, replayed to place references. */
  private scopes: Scope[] = [];
  /** [start, end) of each import statement, in order: names there are not references. */
  private importSpans: number[] = [];
  private pendingScope: Scope | null = null;
  private pendingDecorated: Node | null = null;
  private readonly qnameCount = new Map<string, number>();
  private readonly topLevel = new Set<string>();
  /** Start index of each import fact, and [start, end) pairs of `if TYPE_CHECKING:` bodies. */
  private importStarts: number[] = [];
  private typeCheckingSpans: number[] = [];

  /** `__all__` names; null when the module has none, or builds it in a way we cannot read. */
  private allNames: string[] | null = null;
  private allUnreadable = false;

  /** Start indices of names already accounted for (definitions, targets, callees, bases, aliases). */
  private notRead = new Set<number>();
  /** Set while a statement's effects are being recorded; null otherwise. */
  journal: PythonJournalEntry[] | null = null;

  constructor(
    private readonly g: PythonGrammar,
    private readonly src: string,
  ) {}

  visit(capture: string, node: Node): void {
    const at = node.startIndex;
    this.enter(at);
    switch (capture) {
      case CAP.call:
        return this.call(node, at);
      case CAP.function:
        return this.functionDef(node, at);
      case CAP.class:
        return this.classDef(node, at);
      case CAP.decorated:
        this.pendingDecorated = node;
        return;
      case CAP.assign:
        return this.assignment(node, at);
      case CAP.augAssign:
        return this.augmentedAssignment(node, at);
      case CAP.import:
        return this.importStatement(node, at);
      case CAP.importFrom:
        return this.fromImport(node, at);
      case CAP.typeAlias:
        return this.typeAlias(node, at);
      case CAP.typeCheckingBody:
        this.typeCheckingSpans.push(at, node.endIndex);
        return;
    }
  }

  // ---- scopes ----------------------------------------------------------------------------

  /** Brings the scope stack up to date for a capture starting at `at`. */
  private enter(at: number): void {
    if (this.pendingScope && this.pendingScope.start <= at) {
      this.stack.push(this.pendingScope);
      this.pendingScope = null;
    }
    while (this.stack.length > 0 && this.stack[this.stack.length - 1]!.end <= at) this.stack.pop();
  }

  private open(scope: Scope): void {
    this.stack.push(scope);
    this.scopes.push(scope);
  }

  private top(): Scope | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1]! : null;
  }

  private scopeName(): string | null {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1]!.qname : null;
  }

  private addSymbol(
    name: string,
    kind: SymbolKind,
    range: Range,
    selection: Range,
    signature: string,
    doc: string | undefined,
    parent: Scope | null,
  ): SymbolFact {
    const base = parent ? `${parent.qname}.${name}` : name;
    const n = (this.qnameCount.get(base) ?? 0) + 1;
    this.qnameCount.set(base, n);
    const sym: SymbolFact = { name, qname: n === 1 ? base : `${base}#${n}`, kind, range, selection, signature, exported: false };
    if (doc !== undefined) sym.doc = doc;
    if (parent) sym.parent = parent.qname;
    else this.topLevel.add(name);
    this.symbols.push(sym);
    this.journal?.push({ op: 'symbol', base, symbol: sym });
    return sym;
  }

  private hasTopLevel(name: string): boolean {
    const found = this.topLevel.has(name);
    this.journal?.push({ op: 'hasTopLevel', name, found });
    return found;
  }

  private setAll(names: string[] | null, append: boolean): void {
    if (names === null) this.allUnreadable = true;
    else this.allNames = append && this.allNames ? this.allNames.concat(names) : names;
    this.journal?.push({ op: 'all', names, append });
  }

  // ---- definitions -----------------------------------------------------------------------

  /** The decorated_definition wrapping `def`, if the last one seen is it. */
  private takeDecorated(end: number): Node | null {
    const d = this.pendingDecorated;
    this.pendingDecorated = null;
    return d && d.endIndex === end ? d : null;
  }

  private functionDef(node: Node, at: number): void {
    const g = this.g;
    const end = node.endIndex;
    const decorated = this.takeDecorated(end);
    const nameNode = node.childForFieldId(g.fName);
    if (!nameNode) return;
    const parent = this.top();
    const name = identAt(this.src, nameNode.startIndex);
    this.notRead.add(nameNode.startIndex);
    const params = node.childForFieldId(g.fParameters);
    const signatureEnd = (node.childForFieldId(g.fReturnType) ?? params ?? nameNode).endIndex;
    const kind: SymbolKind = parent?.isClass ? methodKind(this.g, this.src, name, decorated) : 'function';
    const sym = this.addSymbol(
      name,
      kind,
      this.defRange(decorated ?? node, node),
      this.nameRange(nameNode, name),
      oneLine(this.src.slice(at, signatureEnd)),
      docstringOf(this.g, this.src, node),
      parent,
    );
    const scope: Scope = {
      qname: sym.qname,
      isClass: false,
      start: at,
      end,
      selfClass: parent ? (parent.isClass ? parent.qname : parent.selfClass) : null,
      locals: null,
    };
    this.open(scope);
    if (params) this.parameters(params, scope);
  }

  /** `def f(repo: Repo)`: inside f, `repo` holds a Repo. */
  private parameters(params: Node, scope: Scope): void {
    const colon = this.src.indexOf(':', params.startIndex);
    if (colon === -1 || colon >= params.endIndex) return;
    const g = this.g;
    for (const p of params.namedChildren) {
      const t = p.typeId;
      if (t !== g.typedParameter && t !== g.typedDefaultParameter) continue;
      const name = identAt(this.src, p.startIndex);
      const annotation = p.childForFieldId(g.fType);
      if (!name || !annotation) continue;
      const target = annotationTarget(this.src.slice(annotation.startIndex, annotation.endIndex));
      if (target) this.bindLocal(scope, name, { target, typed: true });
    }
  }

  private classDef(node: Node, at: number): void {
    const g = this.g;
    const end = node.endIndex;
    const decorated = this.takeDecorated(end);
    const nameNode = node.childForFieldId(g.fName);
    if (!nameNode) return;
    const parent = this.top();
    const name = identAt(this.src, nameNode.startIndex);
    this.notRead.add(nameNode.startIndex);
    const bases = node.childForFieldId(g.fSuperclasses);
    const signatureEnd = (bases ?? node.childForFieldId(g.fTypeParameters) ?? nameNode).endIndex;
    const sym = this.addSymbol(
      name,
      'class',
      this.defRange(decorated ?? node, node),
      this.nameRange(nameNode, name),
      oneLine(this.src.slice(at, signatureEnd)),
      docstringOf(this.g, this.src, node),
      parent,
    );
    this.open({ qname: sym.qname, isClass: true, start: at, end, selfClass: sym.qname, locals: null });
    if (bases) this.bases(bases, sym.qname);
  }

  /** `class A(B, mod.C, Base[T], metaclass=M)`: B, mod.C and Base; keywords and `Generic[...]` say nothing. */
  private bases(list: Node, classQname: string): void {
    const g = this.g;
    for (const base of list.namedChildren) {
      const t = base.typeId;
      let expr: Node | null;
      if (t === g.identifier || t === g.attribute) expr = base;
      else if (t === g.subscript) expr = base.childForFieldId(g.fValue);
      else continue;
      if (!expr) continue;
      const start = expr.startIndex;
      const chain = scanChain(this.src, start);
      if (chain.path.length === 0 || chain.end !== expr.endIndex) continue;
      if (t === g.subscript && chain.path[chain.path.length - 1] === 'Generic') continue;
      this.notRead.add(start);
      const pos = expr.startPosition;
      this.heritage.push({
        symbol: classQname,
        kind: 'extends',
        target: chain.path,
        range: rangeFrom(this.src, start, pos.row, pos.column, chain.end),
      });
    }
  }

  private typeAlias(node: Node, at: number): void {
    const nameAt = skipSpaces(this.src, at + 'type'.length);
    const name = identAt(this.src, nameAt);
    if (!name) return;
    this.notRead.add(nameAt);
    const start = node.startPosition;
    const nameColumn = start.column + (nameAt - at);
    const selection: Range = [start.row, nameColumn, start.row, nameColumn + name.length];
    this.addSymbol(name, 'type', this.nodeRange(node), selection, oneLine(signatureSlice(this.src, at, node.endIndex)), undefined, this.top());
  }

  private defRange(outer: Node, def: Node): Range {
    const s = outer.startPosition;
    const e = def.endPosition;
    return [s.row, s.column, e.row, e.column];
  }

  private nodeRange(node: Node): Range {
    const s = node.startPosition;
    const e = node.endPosition;
    return [s.row, s.column, e.row, e.column];
  }

  /** An identifier never spans lines, so its end is its start plus its length. */
  private nameRange(node: Node, name: string): Range {
    const s = node.startPosition;
    return [s.row, s.column, s.row, s.column + name.length];
  }

  // ---- assignments -----------------------------------------------------------------------

  private assignment(node: Node, at: number): void {
    const g = this.g;
    const left = node.childForFieldId(g.fLeft);
    if (!left) return;
    const leftType = left.typeId;
    let right = node.childForFieldId(g.fRight);
    while (right && right.typeId === g.assignment) right = right.childForFieldId(g.fRight);
    const annotationNode = node.childForFieldId(g.fType);
    const annotation = annotationNode ? annotationTarget(this.src.slice(annotationNode.startIndex, annotationNode.endIndex)) : undefined;
    const scope = this.top();

    if (leftType === g.identifier) {
      const name = identAt(this.src, at);
      this.notRead.add(at);
      if (!scope) this.moduleAssignment(node, at, name, right, annotation);
      else if (scope.isClass) this.classAssignment(node, at, name, right, annotation, scope);
      else {
        const held = annotation ? { target: annotation, typed: true } : this.instantiation(right);
        if (held) this.bindLocal(scope, name, held);
      }
      return;
    }
    if (leftType === g.attribute && scope && !scope.isClass && scope.selfClass) {
      const chain = scanChain(this.src, at);
      if (chain.path.length !== 2 || chain.path[0] !== 'self' || chain.end !== left.endIndex) return;
      let held = annotation ? { target: annotation, typed: true } : this.instantiation(right);
      if (!held && right && right.typeId === g.identifier) held = this.lookupLocal(identAt(this.src, right.startIndex)) ?? null;
      if (held) this.bind(scope.selfClass, `self.${chain.path[1]}`, held);
    }
  }

  private moduleAssignment(node: Node, at: number, name: string, right: Node | null, annotation: RefPath | undefined): void {
    const g = this.g;
    const rightType = right ? right.typeId : -1;
    if (rightType === g.lambda) {
      this.lambdaSymbol(node, at, name, right!, null);
    } else if (!this.hasTopLevel(name)) {
      const nameEnd = at + name.length;
      const pos = node.startPosition;
      this.addSymbol(
        name,
        'variable',
        this.nodeRange(node),
        rangeFrom(this.src, at, pos.row, pos.column, nameEnd),
        oneLine(signatureSlice(this.src, at, node.endIndex)),
        undefined,
        null,
      );
    }
    if (name === '__all__') this.readAll(right, false);
    if (annotation) return this.bind(null, name, { target: annotation, typed: true });
    const held = this.instantiation(right);
    if (held) return this.bind(null, name, held);
    if (right && (rightType === g.identifier || rightType === g.attribute)) {
      const chain = scanChain(this.src, right.startIndex);
      if (chain.path.length > 0 && chain.end === right.endIndex) {
        // The alias is a binding; recording its right side as a reference too would count it twice.
        this.notRead.add(right.startIndex);
        this.bindings.push({ scope: null, name, target: chain.path, via: 'alias' });
      }
    }
  }

  private classAssignment(node: Node, at: number, name: string, right: Node | null, annotation: RefPath | undefined, scope: Scope): void {
    if (right && right.typeId === this.g.lambda) this.lambdaSymbol(node, at, name, right, scope);
    // Class attributes are reached as `self.x` from methods, so they bind under that name.
    const held = annotation ? { target: annotation, typed: true } : this.instantiation(right);
    if (held) this.bind(scope.qname, `self.${name}`, held);
  }

  /** `handler = lambda x: ...` at module or class level is a function named handler. */
  private lambdaSymbol(node: Node, at: number, name: string, lambda: Node, parent: Scope | null): void {
    const params = lambda.childForFieldId(this.g.fParameters);
    const signatureEnd = params ? params.endIndex : lambda.startIndex + 'lambda'.length;
    const pos = node.startPosition;
    const sym = this.addSymbol(
      name,
      'function',
      this.nodeRange(node),
      rangeFrom(this.src, at, pos.row, pos.column, at + name.length),
      oneLine(this.src.slice(at, signatureEnd)),
      undefined,
      parent,
    );
    this.pendingScope = {
      qname: sym.qname,
      isClass: false,
      start: lambda.startIndex,
      end: lambda.endIndex,
      selfClass: parent ? parent.selfClass : null,
      locals: null,
    };
    this.scopes.push(this.pendingScope);
  }

  /** `Foo()` / `mod.Foo()` on the right: possibly an instance of Foo (the linker decides). */
  private instantiation(right: Node | null): Held | null {
    if (!right || right.typeId !== this.g.call) return null;
    const callee = right.childForFieldId(this.g.fFunction);
    if (!callee) return null;
    const chain = scanChain(this.src, callee.startIndex);
    if (chain.path.length === 0 || chain.end !== callee.endIndex || NOT_A_CLASS.has(chain.path[0]!)) return null;
    return { target: chain.path, typed: false };
  }

  private bindLocal(scope: Scope, name: string, held: Held): void {
    (scope.locals ??= new Map()).set(name, held);
    this.bind(scope.qname, name, held);
  }

  private lookupLocal(name: string): Held | undefined {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const s = this.stack[i]!;
      if (s.isClass) return undefined;
      const held = s.locals?.get(name);
      if (held) return held;
    }
    return undefined;
  }

  private bind(scope: string | null, name: string, held: Held): void {
    const b: LocalBindingFact = { scope, name, target: held.target, via: 'new' };
    this.bindings.push(b);
    if (held.typed) this.typed.add(b);
  }

  private augmentedAssignment(node: Node, at: number): void {
    if (this.top() || identAt(this.src, at) !== '__all__') return;
    if (!this.src.startsWith('+=', skipSpaces(this.src, at + '__all__'.length))) {
      this.setAll(null, false);
      return;
    }
    this.readAll(node.childForFieldId(this.g.fRight), true);
  }

  /** `__all__ = [...]` / `__all__ += (...)` with string literals only; anything else makes it unreadable. */
  private readAll(value: Node | null, append: boolean): void {
    const g = this.g;
    const names: string[] = [];
    const t = value ? value.typeId : -1;
    let ok = value !== null && (t === g.list || t === g.tuple);
    if (ok) {
      for (const item of value!.namedChildren) {
        const it = item.typeId;
        if (it === g.comment) continue;
        const text = it === g.string ? this.src.slice(item.startIndex, item.endIndex) : '';
        const name = /^[uUrR]?['"]/.test(text) ? stringLiteralValue(text) : undefined;
        if (name === undefined) {
          ok = false;
          break;
        }
        names.push(name);
      }
    }
    this.setAll(ok ? names : null, append);
  }

  // ---- imports ---------------------------------------------------------------------------

  private importStatement(node: Node, at: number): void {
    const range = this.importSpan(node, at);
    for (const { specifier, bindings } of readImport(this.g, this.src, node)) this.addImport(specifier, bindings, range, at);
  }

  private fromImport(node: Node, at: number): void {
    const range = this.importSpan(node, at);
    const imp = readFromImport(this.g, this.src, node);
    if (imp) this.addImport(imp.specifier, imp.bindings, range, at);
  }

  private importSpan(node: Node, at: number): Range {
    this.importSpans.push(at, node.endIndex);
    return this.nodeRange(node);
  }

  private addImport(specifier: string, bindings: ImportBinding[], range: Range, at: number): void {
    this.imports.push({ specifier, kind: 'python', bindings, range });
    this.importStarts.push(at);
  }

  // ---- calls and names -------------------------------------------------------------------

  private call(callee: Node, at: number): void {
    const chain = scanChain(this.src, at);
    const end = callee.endIndex;
    let path: RefPath;
    let range: Range;
    const pos = callee.startPosition;
    if (chain.path.length > 0 && chain.end === end) {
      path = chain.path;
      range = rangeFrom(this.src, at, pos.row, pos.column, end);
      this.notRead.add(at);
    } else {
      path = this.pathOf(callee);
      const e = callee.endPosition;
      range = [pos.row, pos.column, e.row, e.column];
    }
    this.calls.push({ caller: this.scopeName(), callee: path, range });
  }

  /** Member path of an expression whose receiver is not a plain name: `get_x().y` is ['?','y']. */
  private pathOf(node: Node): RefPath {
    const g = this.g;
    const t = node.typeId;
    if (t === g.identifier) return [identAt(this.src, node.startIndex)];
    if (t === g.attribute) {
      const object = node.childForFieldId(g.fObject);
      const attribute = node.childForFieldId(g.fAttribute);
      const base = object ? this.pathOf(object) : ['?'];
      return attribute ? [...base, identAt(this.src, attribute.startIndex)] : base;
    }
    if (t === g.call) {
      const fn = node.childForFieldId(g.fFunction);
      if (fn && fn.typeId === g.identifier && identAt(this.src, fn.startIndex) === 'super') return ['super'];
    }
    return ['?'];
  }

  // ---- result ----------------------------------------------------------------------------

  /**
   * A TYPE_CHECKING body and its first import start at the same index, and captures at one
   * index come in no promised order; so imports are matched to those bodies only once their
   * captures are all in. `firstImport` is the import the recorded starts begin at.
   */
  markTypeOnly(firstImport: number): void {
    const tc = this.typeCheckingSpans;
    for (let i = 0; i < tc.length; i += 2) {
      for (let k = 0; k < this.importStarts.length; k++) {
        const at = this.importStarts[k]!;
        if (at >= tc[i]! && at < tc[i + 1]!) this.imports[firstImport + k]!.typeOnly = true;
      }
    }
  }

  // ---- one statement at a time (re-extraction of an edited document) --------------------

  /**
   * Visit the captures of one module-level statement, keeping what its references are found
   * with (scopes, import spans, names accounted for) to that statement alone.
   */
  visitStatement(captures: readonly { name: string; node: Node }[]): StatementTrace {
    this.scopes = [];
    this.importSpans = [];
    this.notRead = new Set();
    this.importStarts = [];
    this.typeCheckingSpans = [];
    const firstImport = this.imports.length;
    for (const cap of captures) this.visit(cap.name, cap.node);
    this.markTypeOnly(firstImport);
    return { scopes: this.scopes, importSpans: this.importSpans, notRead: this.notRead };
  }

  /** The references between `from` and `to` of a statement visited by visitStatement (see findReferences). */
  statementReferences(node: Node, trace: StatementTrace, roots: ReadonlySet<string>, from: number, to: number): ReferenceFact[] {
    return findReferences(node, this.g, this.src, roots, trace.notRead, trace.importSpans, trace.scopes, from, to);
  }

  /** The class whose header (within `statement`) was just visited, as its members see it; null if it made none. */
  openClass(statement: Node): ScopeSpan | null {
    const top = this.top();
    if (!top || !top.isClass || top.start < statement.startIndex || top.end > statement.endIndex) return null;
    return { qname: top.qname, start: top.start, end: top.end };
  }

  /** Facts and binding lists as they stand, for a recording to take its share of. */
  lengths(): [symbols: number, imports: number, calls: number, heritage: number, bindings: number] {
    return [this.symbols.length, this.imports.length, this.calls.length, this.heritage.length, this.bindings.length];
  }

  /** What a statement added since `from` (see lengths). */
  added(from: ReturnType<PythonFile['lengths']>): Pick<FileFacts, 'imports' | 'calls' | 'heritage' | 'bindings'> & { typed: boolean[] } {
    const bindings = this.bindings.slice(from[4]);
    return {
      imports: this.imports.slice(from[1]),
      calls: this.calls.slice(from[2]),
      heritage: this.heritage.slice(from[3]),
      bindings,
      typed: bindings.map((b) => this.typed.has(b)),
    };
  }

  /**
   * Apply a recorded journal entry again, positions moved down by `rows`; false when the file
   * answers differently than it did when the entry was recorded.
   */
  replay(entry: PythonJournalEntry, rows: number): boolean {
    switch (entry.op) {
      case 'symbol': {
        const n = (this.qnameCount.get(entry.base) ?? 0) + 1;
        this.qnameCount.set(entry.base, n);
        const sym = entry.symbol;
        if ((n === 1 ? entry.base : `${entry.base}#${n}`) !== sym.qname) return false;
        if (sym.parent === undefined) this.topLevel.add(sym.name);
        // finish() decides `exported` on the file's own copy.
        this.symbols.push({ ...sym, exported: false, range: shiftRange(sym.range, rows), selection: shiftRange(sym.selection, rows) });
        return true;
      }
      case 'hasTopLevel':
        return this.topLevel.has(entry.name) === entry.found;
      case 'all':
        this.setAll(entry.names, entry.append);
        return true;
    }
  }

  /** Append a replayed statement's facts, positions moved down by `rows`. */
  replayFacts(facts: ReturnType<PythonFile['added']>, rows: number): void {
    pushMoved(this.imports, facts.imports, rows);
    pushMoved(this.calls, facts.calls, rows);
    pushMoved(this.heritage, facts.heritage, rows);
    for (let i = 0; i < facts.bindings.length; i++) {
      const b = facts.bindings[i]!;
      this.bindings.push(b);
      if (facts.typed[i]) this.typed.add(b);
    }
  }

  /** The whole file's references to `roots` (see referenceRoots), found in one pass over its text. */
  references(root: Node, roots: ReadonlySet<string>): ReferenceFact[] {
    return findReferences(root, this.g, this.src, roots, this.notRead, this.importSpans, this.scopes);
  }

  /** References are bounded to names this file can resolve: its imports and its own top level. */
  referenceRoots(): Set<string> {
    const roots = new Set(this.topLevel);
    for (const imp of this.imports) for (const b of imp.bindings) if (b.local !== '*') roots.add(b.local);
    return roots;
  }

  /** `roots`: what referenceRoots() gave once every statement was in. */
  finish(references: ReferenceFact[], roots: ReadonlySet<string>, errorCount: number): FileFacts {
    const all = this.allUnreadable ? null : this.allNames;
    const allSet = all ? new Set(all) : null;
    const exports: ExportFact[] = [];
    const exported = new Set<string>();
    for (const s of this.symbols) {
      if (s.parent !== undefined) continue;
      s.exported = allSet ? allSet.has(s.name) : !s.name.startsWith('_');
      if (s.exported && !allSet && !exported.has(s.name)) {
        exported.add(s.name);
        exports.push({ name: s.name, local: s.name });
      }
    }
    if (all) {
      for (const name of all) {
        if (exported.has(name)) continue;
        exported.add(name);
        exports.push({ name, local: name });
      }
    }

    // Annotations mostly name builtins (`str`, `int`); keep those that name something resolvable.
    const bindings: LocalBindingFact[] = [];
    const seen = new Set<string>();
    for (const b of this.bindings) {
      if (this.typed.has(b) && !roots.has(b.target[0]!)) continue;
      const key = `${b.scope ?? ''}\0${b.name}\0${b.target.join('.')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      bindings.push(b);
    }

    return {
      language: 'python',
      symbols: this.symbols,
      imports: this.imports,
      exports,
      calls: this.calls,
      heritage: this.heritage,
      references,
      bindings,
      errorCount,
      lineCount: countLines(this.src),
    };
  }
}
