// The facts one file yields. They depend only on the file's path and content, which is what
// lets the cache key them by content hash and lets workers compute them without seeing
// the rest of the workspace. Everything that needs other files (resolution) happens later.

/** [startLine, startColumn, endLine, endColumn]; 0-based, columns in UTF-16 code units (as LSP). */
export type Range = [number, number, number, number];

/** The same range `rows` lines further down (up when negative); itself when it does not move. */
export function shiftRange(r: Range, rows: number): Range {
  return rows === 0 ? r : [r[0] + rows, r[1], r[2] + rows, r[3]];
}

/** Append `facts` moved `rows` lines down; unmoved, the same objects (facts are never changed once made). */
export function pushMoved<T extends { range: Range }>(into: T[], facts: readonly T[], rows: number): void {
  if (rows === 0) for (const x of facts) into.push(x);
  else for (const x of facts) into.push({ ...x, range: shiftRange(x.range, rows) });
}

export type LanguageId = 'typescript' | 'tsx' | 'javascript' | 'python';

export type SymbolKind =
  | 'class'
  | 'interface'
  | 'enum'
  | 'type'
  | 'function'
  | 'method'
  | 'constructor'
  | 'getter'
  | 'setter'
  | 'variable';

export interface SymbolFact {
  name: string;
  /** Qualified within the file: `Outer.method`, `outer.inner`. Unique per file (duplicates get `#2`, `#3`). */
  qname: string;
  kind: SymbolKind;
  /** Whole declaration. */
  range: Range;
  /** The name token. */
  selection: Range;
  /** One line, whitespace collapsed, at most 200 characters. */
  signature: string;
  /** JSDoc / docstring with comment markers removed; absent when none. */
  doc?: string;
  /** Visible to other modules: TS/JS `export` (or assigned to module.exports), Python module-level names. */
  exported: boolean;
  /** qname of the enclosing symbol, absent at module level. */
  parent?: string;
}

export interface ImportBinding {
  /** Name in the source module: an export name, `default`, or `*` for the whole module/namespace. */
  imported: string;
  /** Name bound in this file (for re-exports: the name this file exports it as). */
  local: string;
}

export type ImportKind =
  | 'esm' // import ... from 'x'; import 'x'
  | 'require' // const x = require('x'); const { a } = require('x')
  | 'dynamic' // import('x') with a string literal
  | 'reexport' // export { a as b } from 'x'; export * as ns from 'x'
  | 'reexport-all' // export * from 'x'
  | 'python'; // import a.b / from .x import y

export interface ImportFact {
  /** As written: `./b`, `@scope/pkg/sub`, `a.b.c`, `..pkg.mod`, `.`. */
  specifier: string;
  kind: ImportKind;
  bindings: ImportBinding[];
  range: Range;
  typeOnly?: boolean;
}

export interface ExportFact {
  /** Name other modules import: an identifier or `default`. */
  name: string;
  /** Local name or qname it refers to (a symbol, an import binding, or a variable). */
  local: string;
}

/** A member path: `foo()` is ['foo'], `this.a.b()` is ['this','a','b'], `getX().y()` is ['?','y']. */
export type RefPath = string[];

export interface CallFact {
  /** qname of the enclosing function/method/class; null at module level. */
  caller: string | null;
  callee: RefPath;
  /** `new Foo()`; Python instantiation is detected at link time because it looks like a call. */
  isNew?: boolean;
  /** Range of the callee expression (what a user clicks). */
  range: Range;
}

export interface HeritageFact {
  /** qname of the class or interface. */
  symbol: string;
  kind: 'extends' | 'implements';
  target: RefPath;
  range: Range;
}

/** A non-call use of a name that may resolve to a symbol (type annotation, callback, value). */
export interface ReferenceFact {
  from: string | null;
  path: RefPath;
  range: Range;
}

/** `const s = new Service()` / `s = Service()` / module-level `alias = pkg.fn`. */
export interface LocalBindingFact {
  /** qname of the scope holding the binding; null at module level. */
  scope: string | null;
  name: string;
  /** What it is bound to: the constructor path for `new`/instantiation, or the aliased path. */
  target: RefPath;
  via: 'new' | 'alias';
}

export interface FileFacts {
  language: LanguageId;
  symbols: SymbolFact[];
  imports: ImportFact[];
  exports: ExportFact[];
  calls: CallFact[];
  heritage: HeritageFact[];
  references: ReferenceFact[];
  bindings: LocalBindingFact[];
  /** Syntax-error nodes found; the facts are still what could be extracted. */
  errorCount: number;
  lineCount: number;
}

export function emptyFacts(language: LanguageId, lineCount = 0): FileFacts {
  return {
    language,
    symbols: [],
    imports: [],
    exports: [],
    calls: [],
    heritage: [],
    references: [],
    bindings: [],
    errorCount: 0,
    lineCount,
  };
}
