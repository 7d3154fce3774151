import type { Node } from 'web-tree-sitter';

// A keystroke in a 5,000-line file changes one module-level statement; extracting the other
// few hundred again is most of what re-extracting the file costs. Extractors that can replay
// what a statement gave last time key it by what its facts can depend on: its node type (around
// syntax errors the same text can come out as another kind of node), its column (two statements
// on one line), the text above it back to the end of the previous statement (comments read as
// its doc) and its own text. Records are never changed once made, so one may be replayed any number of
// times, from any earlier version of the document.

export interface KeyedStatement {
  node: Node;
  /** Start row and the index of its first character. */
  row: number;
  start: number;
  /** Undefined when the statement holds a syntax error: how that is recovered from depends on
   *  more than its own text, so it is extracted afresh each time and leaves no record. */
  key: string | undefined;
}

/**
 * The statements directly under `parent` (the module, or a class body), comments left out,
 * each with its reuse key; `from` is where the text above the first one begins. `input` is
 * what the parser read, where a grammar repair rewrote `src` (see LanguageModule.repairSource):
 * whether a repair applies can depend on text far above, so the key holds what was parsed too.
 */
export function statementsOf(parent: Node, src: string, from = 0, input = src): KeyedStatement[] {
  const out: KeyedStatement[] = [];
  let contextStart = from;
  for (const node of parent.namedChildren) {
    const type = node.type;
    if (type === 'comment') continue;
    const start = node.startIndex;
    const end = node.endIndex;
    const context = contextStart;
    // A decorator's statement reads the comments above the decorator for its doc.
    if (type !== 'decorator') contextStart = end;
    const { row, column } = node.startPosition;
    // The context takes in the last character of the statement before: whether a name
    // follows a dot is read across line breaks (`...` ends a statement with one).
    let key = node.hasError ? undefined : `${type}\n${column}\n${src.slice(Math.max(0, context - 1), start)}\n${src.slice(start, end)}`;
    if (key !== undefined && input !== src) key += `\n${input.slice(start, end)}`;
    out.push({ node, row, start, key });
  }
  return out;
}

/** Records by key, in the order their statements came; repeated statements keep one each. */
export class StatementRecords<R> {
  readonly byKey = new Map<string, R[]>();
  private readonly seen = new Map<string, number>();

  /**
   * `sources`: what earlier extractions recorded, newest first. Keeping the one before the
   * last matters while typing: a keystroke that breaks a statement leaves it no record, and
   * the next one, mending it, finds the record from before.
   */
  constructor(private readonly sources: readonly (ReadonlyMap<string, readonly R[]> | undefined)[]) {}

  /**
   * The previous record of the next occurrence of `key`: a statement repeated word for word
   * (two identical overloads, say) takes its own occurrence's record, since the second one is
   * answered differently (`f#2`). Ask once per statement, in order.
   */
  take(key: string): R | undefined {
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    for (const source of this.sources) {
      const record = source?.get(key)?.[n];
      if (record) return record;
    }
    return undefined;
  }

  /** Keep a statement's record for the next edit; statements keep theirs in the order they came. */
  keep(key: string, record: R): void {
    const same = this.byKey.get(key);
    if (same) same.push(record);
    else this.byKey.set(key, [record]);
  }
}

export function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
