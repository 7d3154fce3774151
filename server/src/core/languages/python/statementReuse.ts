import type { Node, Query } from 'web-tree-sitter';
import type { CallFact, HeritageFact, ImportFact, LocalBindingFact, ReferenceFact } from '../../model';
import { shiftRange } from '../../model';
import { moduleStatements, sameSet, StatementRecords } from '../statementRecords';
import type { PythonFile, PythonJournalEntry, StatementTrace } from './extract';

// Module-level statements of an edited document replay the facts and journal they gave last
// time (see statementRecords) instead of running the query over them again; moved down or up
// as a whole, a statement only needs its rows shifted. References are found per statement, and
// a statement's references hold only while the file's resolvable names (its top level and
// imports) stay the same: when those change, or the file answers a replayed journal
// differently (a duplicate name above it appeared or went away), nothing is replayed.

interface StatementRecord {
  /** Start row when recorded: the positions below are relative to it. */
  row: number;
  journal: PythonJournalEntry[];
  imports: ImportFact[];
  calls: CallFact[];
  heritage: HeritageFact[];
  bindings: LocalBindingFact[];
  /** Per binding: taken from an annotation (kept only if it names something resolvable). */
  typed: boolean[];
  references: ReferenceFact[];
}

/** What one extraction of a file leaves for the next extraction of its edited text. */
export interface PythonStatementMemo {
  roots: Set<string>;
  records: Map<string, StatementRecord[]>;
  /** Syntax-error and missing nodes of the whole file. */
  errors: number;
}

type Visited = { node: Node; trace: StatementTrace; record?: StatementRecord } | { replayed: StatementRecord; rows: number };

/**
 * Extract `file` one module-level statement at a time, replaying those `previous` recorded.
 * Returns the references and the memo for the next edit, or undefined when the previous
 * records do not hold for this text (the caller starts over without them).
 */
export function extractStatements(
  file: PythonFile,
  root: Node,
  src: string,
  query: Query,
  previous: PythonStatementMemo | undefined,
  countErrors: (node: Node) => number,
): { references: ReferenceFact[]; memo: PythonStatementMemo } | undefined {
  const records = new StatementRecords<StatementRecord>(previous?.records);
  const visited: Visited[] = [];
  let errors = 0;
  for (const { node, row, key } of moduleStatements(root, src)) {
    if (key === undefined) {
      visited.push({ node, trace: file.visitStatement(query.captures(node)) });
      errors += countErrors(node);
      continue;
    }
    const old = records.take(key);
    if (old) {
      const rows = row - old.row;
      for (const entry of old.journal) if (!file.replay(entry, rows)) return undefined;
      file.replayFacts(old, rows);
      visited.push({ replayed: old, rows });
      records.keep(key, old);
      continue;
    }
    const from = file.lengths();
    const journal: PythonJournalEntry[] = [];
    file.journal = journal;
    let trace: StatementTrace;
    try {
      trace = file.visitStatement(query.captures(node));
    } finally {
      file.journal = null;
    }
    const record: StatementRecord = { row, journal, ...file.added(from), references: [] };
    visited.push({ node, trace, record });
    records.keep(key, record);
  }
  const roots = file.referenceRoots();
  if (previous && !sameSet(roots, previous.roots)) return undefined;
  const references: ReferenceFact[] = [];
  for (const v of visited) {
    if ('replayed' in v) {
      for (const r of v.replayed.references) references.push(v.rows === 0 ? r : { ...r, range: shiftRange(r.range, v.rows) });
      continue;
    }
    const found = file.statementReferences(v.node, v.trace, roots);
    // Filled in before the memo is handed out: from then on the record does not change.
    if (v.record) v.record.references = found;
    for (const r of found) references.push(r);
  }
  // A root that is itself an error is the one place a statement's count does not see.
  if (root.isError) errors = countErrors(root);
  return { references, memo: { roots, records: records.byKey, errors } };
}
