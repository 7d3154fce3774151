import type { Node } from 'web-tree-sitter';
import type { CallFact, HeritageFact, ImportFact, LocalBindingFact, ReferenceFact } from '../../model';
import { shiftRange, type FactBuilder, type JournalEntry } from './facts';
import type { TopLevelNames } from './topLevel';
import type { Walker } from './walker';

// A keystroke in a 5,000-line file changes one top-level statement; walking the other few
// hundred again is most of what re-extracting the file costs. A module-level statement's facts
// depend only on its own text, the comments and blank lines above it (its doc), the file's
// module-level names and what the builder answers while it is walked (qnames already taken,
// symbols it merges into). So each statement's facts and builder journal are kept, keyed by
// that text, and a statement seen before is replayed instead of walked: moved down or up as a
// whole, it only needs its rows shifted. If the builder answers a replayed journal differently
// (a duplicate name above it appeared or went away), the file is walked from scratch.

interface StatementRecord {
  /** Start row when recorded: the positions below are relative to it. */
  row: number;
  journal: JournalEntry[];
  imports: ImportFact[];
  calls: CallFact[];
  heritage: HeritageFact[];
  references: ReferenceFact[];
  bindings: LocalBindingFact[];
}

/** What one extraction of a file leaves for the next extraction of its edited text. */
export interface StatementMemo {
  top: TopLevelNames;
  records: Map<string, StatementRecord[]>;
  /** Syntax-error and missing nodes of the whole file. */
  errors: number;
}

/**
 * Walk the module-level statements, replaying those `previous` recorded with the same key.
 * Returns the memo for the next edit, or undefined when a replay was refused midway (the
 * builder then holds a partial statement: the caller starts over without reuse).
 */
export function walkStatements(
  walker: Walker,
  root: Node,
  previous: StatementMemo | undefined,
  countErrors: (node: Node) => number,
): StatementMemo | undefined {
  const src = walker.src;
  const reuse = previous && sameNames(previous.top, walker.top) ? previous.records : undefined;
  const records = new Map<string, StatementRecord[]>();
  const seen = new Map<string, number>();
  let contextStart = 0;
  let errors = 0;
  for (const node of root.namedChildren) {
    const type = node.type;
    if (type === 'comment') continue;
    const start = node.startIndex;
    const end = node.endIndex;
    const { row, column } = node.startPosition;
    const context = contextStart;
    // A decorator's statement reads the comments above the decorator for its doc.
    if (type !== 'decorator') contextStart = end;
    // How a syntax error is recovered from depends on more than the statement's own text, so
    // a statement holding one is walked each time and leaves no record.
    if (node.hasError) {
      walker.visit(node);
      errors += countErrors(node);
      continue;
    }
    // The column too: with no newline between two statements the context does not show it.
    // And the type: around syntax errors the same text can come out as another kind of node.
    const key = `${type}\n${column}\n${src.slice(context, start)}\n${src.slice(start, end)}`;
    // A statement repeated word for word (two identical overloads, say) takes its own
    // occurrence's record: the builder answers the second one differently (`f#2`).
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    let record = reuse?.get(key)?.[occurrence];
    if (record) {
      if (!replay(walker.facts, record, row - record.row)) return undefined;
    } else {
      record = recordStatement(walker, node, row);
    }
    if (occurrence === 0) records.set(key, [record]);
    else records.get(key)!.push(record);
  }
  // Errors are counted per statement, so that an edit re-counts only its own: a root that is
  // itself an error is the one place a statement's count does not see.
  if (root.isError) errors = countErrors(root);
  return { top: walker.top, records, errors };
}

function recordStatement(walker: Walker, node: Node, row: number): StatementRecord {
  const f = walker.facts;
  const from = [f.imports.length, f.calls.length, f.heritage.length, f.references.length, f.bindings.length] as const;
  const journal: JournalEntry[] = [];
  f.journal = journal;
  try {
    walker.visit(node);
  } finally {
    f.journal = null;
  }
  return {
    row,
    journal,
    imports: f.imports.slice(from[0]),
    calls: f.calls.slice(from[1]),
    heritage: f.heritage.slice(from[2]),
    references: f.references.slice(from[3]),
    bindings: f.bindings.slice(from[4]),
  };
}

function replay(f: FactBuilder, record: StatementRecord, rows: number): boolean {
  for (const entry of record.journal) if (!f.replay(entry, rows)) return false;
  // Facts are never changed once made, so an unmoved statement shares its objects.
  for (const b of record.bindings) f.bindings.push(b);
  if (rows === 0) {
    for (const x of record.imports) f.imports.push(x);
    for (const x of record.calls) f.calls.push(x);
    for (const x of record.heritage) f.heritage.push(x);
    for (const x of record.references) f.references.push(x);
    return true;
  }
  for (const x of record.imports) f.imports.push({ ...x, range: shiftRange(x.range, rows) });
  for (const x of record.calls) f.calls.push({ ...x, range: shiftRange(x.range, rows) });
  for (const x of record.heritage) f.heritage.push({ ...x, range: shiftRange(x.range, rows) });
  for (const x of record.references) f.references.push({ ...x, range: shiftRange(x.range, rows) });
  return true;
}

function sameNames(a: TopLevelNames, b: TopLevelNames): boolean {
  return sameSet(a.names, b.names) && sameSet(a.declarations, b.declarations);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}
