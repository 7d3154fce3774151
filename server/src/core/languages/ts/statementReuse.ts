import type { Node } from 'web-tree-sitter';
import { shiftRange, type CallFact, type HeritageFact, type ImportFact, type LocalBindingFact, type ReferenceFact } from '../../model';
import { moduleStatements, sameSet, StatementRecords } from '../statementRecords';
import type { FactBuilder, JournalEntry } from './facts';
import type { TopLevelNames } from './topLevel';
import type { Walker } from './walker';

// Module-level statements of an edited document replay the facts and builder journal they
// gave last time (see statementRecords). Moved down or up as a whole, a statement only needs its
// rows shifted. If the builder answers a replayed journal differently (a duplicate name above it
// appeared or went away), the file is walked from scratch; a change to the module-level names
// (which decide what counts as a reference) replays nothing.

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
  const reuse = previous && sameNames(previous.top, walker.top) ? previous.records : undefined;
  const records = new StatementRecords<StatementRecord>(reuse);
  let errors = 0;
  for (const { node, row, key } of moduleStatements(root, walker.src)) {
    if (key === undefined) {
      walker.visit(node);
      errors += countErrors(node);
      continue;
    }
    let record = records.take(key);
    if (record) {
      if (!replay(walker.facts, record, row - record.row)) return undefined;
    } else {
      record = recordStatement(walker, node, row);
    }
    records.keep(key, record);
  }
  // Errors are counted per statement, so that an edit re-counts only its own: a root that is
  // itself an error is the one place a statement's count does not see.
  if (root.isError) errors = countErrors(root);
  return { top: walker.top, records: records.byKey, errors };
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
