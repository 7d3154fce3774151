import { Edit, type Tree } from 'web-tree-sitter';
import type { LanguageModule } from '../languages/languageModule';
import type { FileFacts } from '../model';
import type { TreeSitterHost } from '../parsing/treeSitter';

// Documents open in an editor keep their syntax tree so each keystroke re-parses only what
// changed (tree.edit + incremental parse). Closed files keep no tree: memory stays bounded
// by what the user has open, not by the size of the repository.

export interface Position {
  line: number;
  character: number;
}

/** An LSP-shaped content change: with a range it is incremental, without it the full text. */
export interface ContentChange {
  range?: { start: Position; end: Position };
  text: string;
}

interface OpenDocument {
  text: string;
  /** What the parser read for `text` (its repair where the grammar needs one; same length). */
  input: string;
  tree?: Tree;
  facts?: FileFacts;
  /** What the extractor keeps between edits of this document (see Extractor.reextract). */
  memo?: unknown;
  module: LanguageModule;
  /** Edits of one document apply strictly in arrival order. */
  queue: Promise<unknown>;
}

export class OpenDocuments {
  private readonly docs = new Map<string, OpenDocument>();

  constructor(private readonly host: TreeSitterHost) {}

  has(path: string): boolean {
    return this.docs.has(path);
  }

  text(path: string): string | undefined {
    return this.docs.get(path)?.text;
  }

  /** Facts of the latest parsed buffer, available before the index has absorbed them. */
  facts(path: string): FileFacts | undefined {
    return this.docs.get(path)?.facts;
  }

  paths(): IterableIterator<string> {
    return this.docs.keys();
  }

  open(path: string, module: LanguageModule, text: string): Promise<FileFacts> {
    this.close(path);
    const doc: OpenDocument = { text, input: this.host.parserInput(module, text), module, queue: Promise.resolve() };
    this.docs.set(path, doc);
    return this.enqueue(doc, async () => {
      const { tree, facts, memo } = await this.host.parseDocument(module, text, undefined, doc.input, undefined);
      if (this.docs.get(path) !== doc) {
        tree.delete();
        return facts;
      }
      doc.tree = tree;
      doc.facts = facts;
      doc.memo = memo;
      return facts;
    });
  }

  /** Apply changes in order (as LSP sends them) and re-parse incrementally. */
  change(path: string, changes: readonly ContentChange[]): Promise<{ facts: FileFacts; text: string } | undefined> {
    const doc = this.docs.get(path);
    if (!doc) return Promise.resolve(undefined);
    return this.enqueue(doc, () => this.applyChanges(path, doc, changes));
  }

  private enqueue<T>(doc: OpenDocument, fn: () => Promise<T>): Promise<T> {
    const run = doc.queue.then(fn, fn);
    doc.queue = run.catch(() => undefined);
    return run;
  }

  private async applyChanges(path: string, doc: OpenDocument, changes: readonly ContentChange[]): Promise<{ facts: FileFacts; text: string } | undefined> {
    let text = doc.text;
    // The old tree was parsed from the old input; edited alike, it must match the new input.
    // Without a repair the input is the text itself, so there is nothing to follow.
    const repairs = doc.module.repairSource !== undefined;
    let edited = doc.input;
    let tree = doc.tree;
    for (const change of changes) {
      if (!change.range) {
        text = change.text;
        edited = text;
        tree?.delete();
        tree = undefined;
        continue;
      }
      const start = offsetAt(text, change.range.start);
      const oldEnd = offsetAt(text, change.range.end);
      const next = text.slice(0, start) + change.text + text.slice(oldEnd);
      if (repairs) edited = edited.slice(0, start) + change.text + edited.slice(oldEnd);
      if (tree) {
        tree.edit(
          new Edit({
            startIndex: start,
            oldEndIndex: oldEnd,
            newEndIndex: start + change.text.length,
            startPosition: pointAt(text, start),
            oldEndPosition: pointAt(text, oldEnd),
            newEndPosition: pointAt(next, start + change.text.length),
          }),
        );
      }
      text = next;
    }
    const input = this.host.parserInput(doc.module, text);
    if (tree && repairs && input !== edited) {
      // The edit changed the repair elsewhere (a comment opened above a signature, say): the
      // old tree describes text the parser will not see again, so this parse starts afresh.
      tree.delete();
      tree = undefined;
    }
    doc.text = text;
    doc.input = input;
    doc.tree = undefined;
    // A memo is keyed by statement text, so even one from an older version is safe to reuse.
    const parsed = await this.host.parseDocument(doc.module, text, tree, input, doc.memo);
    tree?.delete();
    if (this.docs.get(path) !== doc) {
      parsed.tree.delete();
      return undefined;
    }
    doc.tree = parsed.tree;
    doc.facts = parsed.facts;
    doc.memo = parsed.memo;
    return { facts: parsed.facts, text };
  }

  close(path: string): void {
    this.docs.get(path)?.tree?.delete();
    this.docs.delete(path);
  }

  closeAll(): void {
    for (const p of [...this.docs.keys()]) this.close(p);
  }
}

/** Offset of an LSP position (UTF-16 columns, clamped like editors do). */
export function offsetAt(text: string, pos: Position): number {
  let offset = 0;
  for (let line = 0; line < pos.line; line++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  const end = lineEnd < 0 ? text.length : lineEnd;
  return Math.min(offset + Math.max(0, pos.character), end);
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
