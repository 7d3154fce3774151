import { fileId, symbolId } from '../graph/ids';
import type { NodeKind } from '../graph/types';
import type { FileFacts, SymbolFact } from '../model';
import { isTestFile } from '../query/entryChains';
import { sourcePieces } from './sourceText';
import { identifierTerms, identifiers, terms } from './tokenize';

// The lexical side of question answering: one document per symbol and one per file, each with
// fields (name, enclosing names, path, doc comment, signature, string literals, comments, names
// it calls, imports). Kept per file and keyed by the identity of the file's facts, so after an
// edit only the changed files are re-tokenized; global statistics are plain sums kept in step.

export const FIELDS = ['name', 'container', 'path', 'doc', 'signature', 'strings', 'comments', 'calls', 'imports'] as const;
export type FieldName = (typeof FIELDS)[number];
export const F = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<FieldName, number>;
const NF = FIELDS.length;

export interface Doc {
  id: string;
  file: string;
  kind: NodeKind;
  name: string;
  qname: string;
  /** 0-based line of the name (symbols) or 0 (files). */
  line: number;
  character: number;
  /** Lines the declaration spans (files: the whole file). */
  startLine: number;
  endLine: number;
  exported: boolean;
  /** Term count per field. */
  lens: Uint16Array;
  /** Dense number while the document is in an index: scoring accumulates in typed arrays by slot. */
  slot: number;
}

export interface FileDocs {
  path: string;
  facts: FileFacts;
  docs: Doc[];
  /** term → k: the term's triples [docIndex, field, tf, ...] are data[spans[2k] .. spans[2k+1]). */
  terms: Map<string, number>;
  spans: Int32Array;
  data: Int32Array;
  isTest: boolean;
  /** String literals by 0-based line: route paths next to the handlers they register. */
  lineStrings: Map<number, string[]>;
  /** Every term of the file's text, sorted: not scored, but it tells which files to scan for a
   * config key that only appears inside code (`process.env.JWT_SECRET`). */
  words: string[];
}

const GENERATED_PATH = /(^|\/)(generated|__generated__|gen)\/|\.(generated|gen|pb)\.[a-z]+$|_pb2\.py$|(^|\/)migrations\/\d{4}_[^/]*\.py$/;

export function isGeneratedPath(path: string): boolean {
  return GENERATED_PATH.test(path);
}

export class RetrievalIndex {
  private readonly files = new Map<string, FileDocs>();
  /** term → files holding it; sorted on demand (terms in `unsorted` need it). */
  private readonly termFiles = new Map<string, string[]>();
  private readonly unsorted = new Set<string>();
  private readonly df = new Map<string, number>();
  readonly lenSums = new Float64Array(NF);
  docCount = 0;
  /** Document and file per slot; freed slots are reused. */
  readonly bySlot: (Doc | undefined)[] = [];
  readonly fileBySlot: (FileDocs | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Symbol documents by exact name, for questions that name a symbol. */
  private readonly byName = new Map<string, Doc[]>();

  constructor(private readonly readText: (path: string) => string | undefined) {}

  /** Bring the index in line with the workspace: re-tokenize files whose facts changed. */
  sync(current: Iterable<[string, FileFacts]>): { changed: number } {
    const steps = this.syncSteps(current);
    let r = steps.next();
    while (!r.done) r = steps.next();
    return r.value;
  }

  /** The same, letting other work run every few files (a first build takes seconds). */
  async syncAsync(current: Iterable<[string, FileFacts]>, yieldNow: () => Promise<void>, every = 32): Promise<{ changed: number }> {
    const steps = this.syncSteps(current);
    let n = 0;
    let r = steps.next();
    while (!r.done) {
      if (++n % every === 0) await yieldNow();
      r = steps.next();
    }
    return r.value;
  }

  /** One step per re-tokenized file; the workspace's file list is taken once, at the start. */
  private *syncSteps(current: Iterable<[string, FileFacts]>): Generator<void, { changed: number }> {
    const list = [...current];
    const seen = new Set<string>();
    let changed = 0;
    for (const [path, facts] of list) {
      seen.add(path);
      const had = this.files.get(path);
      if (had && had.facts === facts) continue;
      if (had) this.remove(had);
      this.add(buildFileDocs(path, facts, this.readText(path)));
      changed++;
      yield;
    }
    for (const [path, fd] of [...this.files]) {
      if (!seen.has(path)) {
        this.remove(fd);
        changed++;
      }
    }
    return { changed };
  }

  file(path: string): FileDocs | undefined {
    return this.files.get(path);
  }

  allFiles(): IterableIterator<FileDocs> {
    return this.files.values();
  }

  docFreq(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** Files holding a term, in path order (so accumulation order never depends on history). */
  filesWith(term: string): string[] {
    const files = this.termFiles.get(term);
    if (!files) return [];
    if (this.unsorted.delete(term)) files.sort();
    return files;
  }

  /** Symbols named exactly `name`, in id order. */
  named(name: string): Doc[] {
    return [...(this.byName.get(name) ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get slotCount(): number {
    return this.bySlot.length;
  }

  avgLen(field: number): number {
    return this.docCount ? Math.max(1, this.lenSums[field] / this.docCount) : 1;
  }

  private add(fd: FileDocs): void {
    this.files.set(fd.path, fd);
    for (const [term, k] of fd.terms) {
      const files = this.termFiles.get(term);
      if (!files) this.termFiles.set(term, [fd.path]);
      else {
        if (files[files.length - 1] > fd.path) this.unsorted.add(term);
        files.push(fd.path);
      }
      this.df.set(term, (this.df.get(term) ?? 0) + distinctDocs(fd.data, fd.spans[2 * k], fd.spans[2 * k + 1]));
    }
    for (const d of fd.docs) {
      for (let f = 0; f < NF; f++) this.lenSums[f] += d.lens[f];
      if (d.kind !== 'file') {
        const list = this.byName.get(d.name);
        if (list) list.push(d);
        else this.byName.set(d.name, [d]);
      }
      d.slot = this.freeSlots.pop() ?? this.bySlot.length;
      this.bySlot[d.slot] = d;
      this.fileBySlot[d.slot] = fd;
    }
    this.docCount += fd.docs.length;
  }

  private remove(fd: FileDocs): void {
    this.files.delete(fd.path);
    for (const [term, k] of fd.terms) {
      const files = this.termFiles.get(term);
      const i = files ? files.indexOf(fd.path) : -1;
      if (i >= 0) files!.splice(i, 1);
      if (files && files.length === 0) {
        this.termFiles.delete(term);
        this.unsorted.delete(term);
      }
      const left = (this.df.get(term) ?? 0) - distinctDocs(fd.data, fd.spans[2 * k], fd.spans[2 * k + 1]);
      if (left > 0) this.df.set(term, left);
      else this.df.delete(term);
    }
    for (const d of fd.docs) {
      for (let f = 0; f < NF; f++) this.lenSums[f] -= d.lens[f];
      const list = this.byName.get(d.name);
      if (list) {
        const rest = list.filter((x) => x !== d);
        if (rest.length) this.byName.set(d.name, rest);
        else this.byName.delete(d.name);
      }
      this.bySlot[d.slot] = undefined;
      this.fileBySlot[d.slot] = undefined;
      this.freeSlots.push(d.slot);
      d.slot = -1;
    }
    this.docCount -= fd.docs.length;
  }
}

function distinctDocs(data: Int32Array, start: number, end: number): number {
  // Triples mostly come doc by doc in increasing order; only when they do not is a set needed.
  let n = 0;
  let last = -1;
  for (let i = start; i < end; i += 3) {
    const d = data[i];
    if (d > last) {
      n++;
      last = d;
    } else if (d < last) {
      const seen = new Set<number>();
      for (let j = start; j < end; j += 3) seen.add(data[j]);
      return seen.size;
    }
  }
  return n;
}

const PATH_NOISE = /\.(d\.ts|tsx?|jsx?|mjs|cjs|mts|cts|pyi?)$/;

/** Whether a file's text holds a term (binary search in its sorted words). */
export function hasWord(fd: FileDocs, term: string): boolean {
  const w = fd.words;
  let lo = 0;
  let hi = w.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (w[mid] === term) return true;
    if (w[mid] < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

export function pathTerms(path: string): string[] {
  return terms(path.replace(PATH_NOISE, ''));
}

/** Tokenize one file into its documents. Pure: depends only on the path, facts and text. */
export function buildFileDocs(path: string, facts: FileFacts, text: string | undefined): FileDocs {
  const docs: Doc[] = [];
  // term → flat triples [doc, field, tf]; a (doc, field) pair met again later (strings of an
  // outer function around an inner one) gets a second triple, which scores the same.
  const postings = new Map<string, number[]>();
  const isPy = facts.language === 'python';
  const base = path.slice(path.lastIndexOf('/') + 1).replace(PATH_NOISE, '');
  const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
  const pTerms = pathTerms(path);

  const newDoc = (d: Omit<Doc, 'lens' | 'slot'>): number => {
    docs.push({ ...d, lens: new Uint16Array(NF), slot: -1 });
    return docs.length - 1;
  };
  const addTerms = (doc: number, field: number, list: readonly string[]) => {
    for (const t of list) {
      const p = postings.get(t);
      if (!p) postings.set(t, [doc, field, 1]);
      else if (p[p.length - 3] === doc && p[p.length - 2] === field) p[p.length - 1]++;
      else p.push(doc, field, 1);
    }
    docs[doc].lens[field] = Math.min(65535, docs[doc].lens[field] + list.length);
  };

  // The file itself: its name and folders, module-level strings and comments, what it imports.
  const fileDoc = newDoc({ id: fileId(path), file: path, kind: 'file', name: base, qname: path, line: 0, character: 0, startLine: 0, endLine: facts.lineCount, exported: false });
  addTerms(fileDoc, F.name, terms(base));
  addTerms(fileDoc, F.path, terms(dir));
  for (const imp of facts.imports) addTerms(fileDoc, F.imports, terms(imp.specifier));

  const byQname = new Map<string, number>();
  const sorted: { s: SymbolFact; doc: number }[] = [];
  for (const s of facts.symbols) {
    const di = newDoc({
      id: symbolId(path, s.qname),
      file: path,
      kind: s.kind,
      name: s.name,
      qname: s.qname,
      line: s.selection[0],
      character: s.selection[1],
      startLine: s.range[0],
      endLine: s.range[2],
      exported: s.exported,
    });
    byQname.set(s.qname, di);
    sorted.push({ s, doc: di });
    addTerms(di, F.name, terms(s.name));
    const container = s.qname.split('.').slice(0, -1).join(' ');
    if (container) addTerms(di, F.container, terms(container.replace(/#\d+/g, '')));
    addTerms(di, F.path, pTerms);
    if (s.doc) addTerms(di, F.doc, terms(s.doc));
    if (s.signature) addTerms(di, F.signature, terms(signatureTail(s.signature, s.name)));
  }
  for (const c of facts.calls) {
    const di = c.caller !== null ? byQname.get(c.caller) : fileDoc;
    if (di === undefined) continue;
    const last = c.callee[c.callee.length - 1];
    if (last && last !== '?') addTerms(di, F.calls, terms(c.callee.filter((p) => p !== '?' && p !== 'this' && p !== 'self').join(' ')));
  }

  // Strings and comments go to the innermost declaration holding their line.
  const lineStrings = new Map<number, string[]>();
  const words = new Set<string>();
  if (text !== undefined) {
    // Every word of the file, on the file's document: not scored, but it tells which files to
    // scan for a config key that only appears inside code (`process.env.JWT_SECRET`).
    for (const id of identifiers(text)) for (const t of identifierTerms(id)) words.add(t);
    // Innermost declaration per line: fill from the widest declaration to the narrowest.
    const lineOwner = new Int32Array(facts.lineCount + 2).fill(fileDoc);
    sorted.sort((a, b) => b.s.range[2] - b.s.range[0] - (a.s.range[2] - a.s.range[0]) || a.doc - b.doc);
    for (const { s: sym, doc } of sorted) lineOwner.fill(doc, sym.range[0], Math.min(sym.range[2] + 1, lineOwner.length));
    const owner = (line: number): number => (line < lineOwner.length ? lineOwner[line] : fileDoc);
    let lastLine = -1;
    let lastOwner = fileDoc;
    for (const piece of sourcePieces(text, isPy)) {
      if (piece.line !== lastLine) {
        lastOwner = owner(piece.line);
        lastLine = piece.line;
      }
      const ts = terms(piece.text);
      if (piece.kind === 'string') {
        // Only short, word-like literals are kept by line (route paths, methods, module names);
        // copied, so they do not keep the whole file text alive.
        if (piece.text.length <= 80 && !/\s/.test(piece.text)) {
          const list = lineStrings.get(piece.line) ?? [];
          list.push(piece.text.length > 12 ? (' ' + piece.text).slice(1) : piece.text);
          lineStrings.set(piece.line, list);
        }
        addTerms(lastOwner, F.strings, ts);
      } else {
        // A docstring is already the symbol's doc; a comment just above a declaration is about it.
        addTerms(lastOwner, F.comments, ts);
      }
    }
  }

  // Packed: one typed array per file instead of an array per term (a large workspace has millions).
  let size = 0;
  for (const p of postings.values()) size += p.length;
  const data = new Int32Array(size);
  const spans = new Int32Array(postings.size * 2);
  const termIndex = new Map<string, number>();
  let at = 0;
  let k = 0;
  for (const [t, p] of postings) {
    data.set(p, at);
    spans[2 * k] = at;
    spans[2 * k + 1] = at + p.length;
    termIndex.set(t, k++);
    at += p.length;
  }
  return { path, facts, docs, terms: termIndex, spans, data, isTest: isTestFile(path), lineStrings, words: [...words].sort() };
}

/** The parameter and return part of a signature (the name is its own field). */
function signatureTail(sig: string, name: string): string {
  const i = sig.indexOf(name);
  return i >= 0 ? sig.slice(i + name.length) : sig;
}
