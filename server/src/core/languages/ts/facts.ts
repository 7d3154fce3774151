import type {
  CallFact,
  ExportFact,
  FileFacts,
  HeritageFact,
  ImportFact,
  LanguageId,
  LocalBindingFact,
  Range,
  ReferenceFact,
  SymbolFact,
  SymbolKind,
} from '../../model';
import { shiftRange } from '../../model';

// Collects one file's facts while the walker runs: keeps qnames unique, folds overload
// signatures into one symbol and settles which symbols end up exported.

export interface SymbolInput {
  name: string;
  kind: SymbolKind;
  /** Qualifier for the qname (`Outer` for `Outer.name`); null at module level. */
  prefix: string | null;
  parent: string | null;
  range: Range;
  selection: Range;
  signature: string;
  doc: string | undefined;
  exported: boolean;
}

/**
 * `signature`: an overload signature or a `.d.ts` declaration; the first one stands for all.
 * `implementation`: takes over a pending signature of the same name (its doc too, if it has none).
 */
export type OverloadRole = 'signature' | 'implementation' | undefined;

/** What a symbol that may be merged into looks like to the walker. */
export interface SymbolSketch {
  qname: string;
  kind: SymbolKind;
}

/**
 * Every call that reads or changes the builder's cross-statement state (qnames taken, pending
 * overloads, latent variables, exports), in order, with what it answered. Replaying a
 * statement's journal on another builder reproduces its effect, and an answer that comes out
 * different says the statement must be walked again (see statementReuse).
 */
export type JournalEntry =
  | { op: 'symbol'; input: SymbolInput; role: OverloadRole; qname: string }
  | { op: 'existing'; prefix: string | null; name: string; found: SymbolSketch | undefined }
  | { op: 'markExported'; qname: string }
  | { op: 'exportSymbol'; qname: string; found: boolean }
  | { op: 'export'; name: string; local: string }
  | { op: 'latent'; name: string; input: SymbolInput };

export class FactBuilder {
  readonly symbols: SymbolFact[] = [];
  readonly imports: ImportFact[] = [];
  readonly calls: CallFact[] = [];
  readonly heritage: HeritageFact[] = [];
  readonly references: ReferenceFact[] = [];
  readonly bindings: LocalBindingFact[] = [];
  private readonly exports = new Map<string, ExportFact>();
  private readonly byQname = new Map<string, SymbolFact>();
  private readonly pendingSignatures = new Map<string, SymbolFact>();
  /** Module-level variables that are symbols only if something exports them. */
  private readonly latentVariables = new Map<string, SymbolInput>();
  /** Set while a statement's effects are being recorded; null for a plain extraction. */
  journal: JournalEntry[] | null = null;

  addSymbol(input: SymbolInput, role?: OverloadRole): string {
    const qname = this.putSymbol(input, role);
    this.journal?.push({ op: 'symbol', input, role, qname });
    return qname;
  }

  /** The qname addSymbol would give, without adding anything. */
  private nextQname(input: SymbolInput, role: OverloadRole): string {
    const base = qualify(input);
    const pending = role === undefined ? undefined : this.pendingSignatures.get(base);
    if (pending) return pending.qname;
    let qname = base;
    for (let n = 2; this.byQname.has(qname); n++) qname = `${base}#${n}`;
    return qname;
  }

  private putSymbol(input: SymbolInput, role: OverloadRole): string {
    const base = qualify(input);
    if (role !== undefined) {
      const pending = this.pendingSignatures.get(base);
      if (pending) {
        if (role === 'implementation') {
          pending.range = input.range;
          pending.selection = input.selection;
          pending.signature = input.signature;
          const doc = input.doc ?? pending.doc;
          if (doc !== undefined) pending.doc = doc;
          pending.exported ||= input.exported;
          this.pendingSignatures.delete(base);
        } else if (input.exported) {
          pending.exported = true;
        }
        return pending.qname;
      }
    }
    const qname = this.nextQname(input, undefined);
    const sym: SymbolFact = {
      name: input.name,
      qname,
      kind: input.kind,
      range: input.range,
      selection: input.selection,
      signature: input.signature,
      exported: input.exported,
    };
    if (input.doc !== undefined) sym.doc = input.doc;
    if (input.parent !== null) sym.parent = input.parent;
    this.symbols.push(sym);
    this.byQname.set(qname, sym);
    if (role === 'signature') this.pendingSignatures.set(base, sym);
    return qname;
  }

  /** The symbol a re-declaration merges into (`interface A` twice, `namespace N` after `function N`). */
  existing(prefix: string | null, name: string): SymbolSketch | undefined {
    const found = this.sketch(prefix, name);
    this.journal?.push({ op: 'existing', prefix, name, found });
    return found;
  }

  private sketch(prefix: string | null, name: string): SymbolSketch | undefined {
    const sym = this.byQname.get(prefix === null ? name : `${prefix}.${name}`);
    return sym && { qname: sym.qname, kind: sym.kind };
  }

  /** A re-declaration with `export` exports the symbol it merged into. */
  markExported(qname: string): void {
    const sym = this.byQname.get(qname);
    if (sym) sym.exported = true;
    this.journal?.push({ op: 'markExported', qname });
  }

  /** Export a symbol under its own name (`module.exports = { m() {} }`). */
  exportSymbol(qname: string): void {
    const sym = this.byQname.get(qname);
    if (sym) {
      sym.exported = true;
      this.putExport(sym.name, sym.qname);
    }
    this.journal?.push({ op: 'exportSymbol', qname, found: !!sym });
  }

  addExport(name: string, local: string): void {
    this.putExport(name, local);
    this.journal?.push({ op: 'export', name, local });
  }

  private putExport(name: string, local: string): void {
    const key = `${name}\0${local}`;
    if (!this.exports.has(key)) this.exports.set(key, { name, local });
  }

  addLatentVariable(name: string, input: SymbolInput): void {
    if (!this.latentVariables.has(name)) this.latentVariables.set(name, input);
    this.journal?.push({ op: 'latent', name, input });
  }

  /**
   * Whether the builder would answer `entry` as it did when it was recorded, asked before
   * replaying it: a statement whose first entry it would not (its name now taken, say) is
   * walked instead, where a refusal midway would have to start the whole file over.
   */
  wouldReplay(entry: JournalEntry | undefined): boolean {
    if (entry === undefined) return true;
    if (entry.op === 'symbol') return this.nextQname(entry.input, entry.role) === entry.qname;
    if (entry.op !== 'existing') return true;
    return sameSketch(this.sketch(entry.prefix, entry.name), entry.found);
  }

  /**
   * Apply a recorded entry again, its positions moved down by `rows`; false when the builder
   * answers differently than it did when the entry was recorded.
   */
  replay(entry: JournalEntry, rows: number): boolean {
    switch (entry.op) {
      case 'symbol':
        return this.addSymbol(shiftInput(entry.input, rows), entry.role) === entry.qname;
      case 'existing':
        return sameSketch(this.existing(entry.prefix, entry.name), entry.found);
      case 'markExported':
        this.markExported(entry.qname);
        return true;
      case 'exportSymbol':
        this.exportSymbol(entry.qname);
        return this.byQname.has(entry.qname) === entry.found;
      case 'export':
        this.addExport(entry.name, entry.local);
        return true;
      case 'latent':
        this.addLatentVariable(entry.name, shiftInput(entry.input, rows));
        return true;
    }
  }

  finish(language: LanguageId, errorCount: number, lineCount: number): FileFacts {
    const exports = [...this.exports.values()];
    for (const e of exports) {
      const sym = this.byQname.get(e.local);
      if (sym) {
        if (sym.parent === undefined) sym.exported = true;
        continue;
      }
      const latent = this.latentVariables.get(e.local);
      if (latent) {
        this.latentVariables.delete(e.local);
        this.putSymbol({ ...latent, exported: true }, undefined);
      }
    }
    // Latent variables are appended late; keep document order.
    this.symbols.sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
    return {
      language,
      symbols: this.symbols,
      imports: this.imports,
      exports,
      calls: this.calls,
      heritage: this.heritage,
      references: this.references,
      bindings: this.bindings,
      errorCount,
      lineCount,
    };
  }
}

function sameSketch(a: SymbolSketch | undefined, b: SymbolSketch | undefined): boolean {
  return a === undefined || b === undefined ? a === b : a.qname === b.qname && a.kind === b.kind;
}

function qualify(input: SymbolInput): string {
  return input.prefix === null ? input.name : `${input.prefix}.${input.name}`;
}

function shiftInput(input: SymbolInput, rows: number): SymbolInput {
  return rows === 0 ? input : { ...input, range: shiftRange(input.range, rows), selection: shiftRange(input.selection, rows) };
}
