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
  private readonly latentVariables = new Map<string, () => SymbolInput>();

  addSymbol(input: SymbolInput, role?: OverloadRole): string {
    const base = input.prefix === null ? input.name : `${input.prefix}.${input.name}`;
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
    let qname = base;
    for (let n = 2; this.byQname.has(qname); n++) qname = `${base}#${n}`;
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

  symbol(qname: string): SymbolFact | undefined {
    return this.byQname.get(qname);
  }

  /** The symbol a re-declaration merges into (`interface A` twice, `namespace N` after `function N`). */
  existing(prefix: string | null, name: string): SymbolFact | undefined {
    return this.byQname.get(prefix === null ? name : `${prefix}.${name}`);
  }

  addExport(name: string, local: string): void {
    const key = `${name}\0${local}`;
    if (!this.exports.has(key)) this.exports.set(key, { name, local });
  }

  addLatentVariable(name: string, make: () => SymbolInput): void {
    if (!this.latentVariables.has(name)) this.latentVariables.set(name, make);
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
        this.addSymbol({ ...latent(), exported: true });
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
