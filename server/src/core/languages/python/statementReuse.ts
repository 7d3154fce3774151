import type { Node, Query } from 'web-tree-sitter';
import type { CallFact, HeritageFact, ImportFact, LocalBindingFact, ReferenceFact } from '../../model';
import { shiftRange } from '../../model';
import { moduleStatements, StatementRecords } from '../statementRecords';
import type { PythonFile, PythonJournalEntry, StatementTrace } from './extract';

// Module-level statements of an edited document replay the facts and journal they gave last
// time (see statementRecords) instead of running the query over them again; moved down or up
// as a whole, a statement only needs its rows shifted. If the file answers a replayed journal
// differently (a duplicate name above it appeared or went away), nothing is replayed.
//
// References are bounded to the file's resolvable names (its top level and imports), which
// any statement can change — in Python one misplaced indent turns a class's methods into
// module-level functions. So a record keeps the uses of every name, each with the name it was
// found by, and the file's current names pick from them.

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
  /** Non-call uses of any name, and per use the name it was found by. */
  uses: ReferenceFact[];
  useNames: string[];
}

/** What one extraction of a file leaves for the next extraction of its edited text. */
export interface PythonStatementMemo {
  records: Map<string, StatementRecord[]>;
  /** Syntax-error and missing nodes of the whole file. */
  errors: number;
}

/** A statement holding a syntax error (its references still to be found), or one with a record, replayed or just made. */
type Visited = { node: Node; trace: StatementTrace } | { record: StatementRecord; rows: number };

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
      visited.push({ record: old, rows });
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
    const useNames: string[] = [];
    const uses = file.statementReferences(node, trace, null, useNames);
    const record: StatementRecord = { row, journal, ...file.added(from), uses, useNames };
    visited.push({ record, rows: 0 });
    records.keep(key, record);
  }
  const roots = file.referenceRoots();
  const references: ReferenceFact[] = [];
  for (const v of visited) {
    if ('trace' in v) {
      for (const r of file.statementReferences(v.node, v.trace, roots)) references.push(r);
      continue;
    }
    const { uses, useNames } = v.record;
    for (let i = 0; i < uses.length; i++) {
      if (!roots.has(useNames[i]!)) continue;
      const r = uses[i]!;
      references.push(v.rows === 0 ? r : { ...r, range: shiftRange(r.range, v.rows) });
    }
  }
  // A root that is itself an error is the one place a statement's count does not see.
  if (root.isError) errors = countErrors(root);
  return { references, memo: { records: records.byKey, errors } };
}
