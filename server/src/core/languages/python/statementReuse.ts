import type { Node, Query } from 'web-tree-sitter';
import type { CallFact, HeritageFact, ImportFact, LocalBindingFact, ReferenceFact } from '../../model';
import { pushMoved, shiftRange } from '../../model';
import { statementsOf, sameSet, StatementRecords } from '../statementRecords';
import type { PythonFile, PythonJournalEntry, StatementTrace } from './extract';
import type { ScopeSpan } from './references';

// Statements of an edited document (module-level ones, and the members of module-level
// classes) replay the facts and journal they gave last time (see statementRecords) instead of
// running the query over them again; moved down or up as a whole, a statement only needs its
// rows shifted. If the file answers a replayed journal
// differently (a duplicate name above it appeared or went away), nothing is replayed.
//
// References are bounded to the file's resolvable names (its top level and imports), which
// any statement can change: in Python one misplaced indent turns a class's methods into
// module-level functions. So a record keeps, beside its references, the names they were
// found with and what finding them needs (scopes, import spans, names accounted for); when the
// file's names differ, its references are found again from those, without the query.

interface StatementRecord {
  /** Start row and index when recorded: the positions below are relative to them. */
  row: number;
  start: number;
  journal: PythonJournalEntry[];
  imports: ImportFact[];
  calls: CallFact[];
  heritage: HeritageFact[];
  bindings: LocalBindingFact[];
  /** Per binding: taken from an annotation (kept only if it names something resolvable). */
  typed: boolean[];
  references: ReferenceFact[];
  /** The names `references` were found with. */
  roots: ReadonlySet<string>;
  trace: StatementTrace;
}

/** What one extraction of a file leaves for the next extraction of its edited text. */
export interface PythonStatementMemo {
  records: Map<string, StatementRecord[]>;
  /** The records of the extraction before, consulted when these have none (see StatementRecords). */
  older?: Map<string, StatementRecord[]>;
  /** Syntax-error and missing nodes of the whole file. */
  errors: number;
}

/**
 * Classes at least this long are extracted member by member. A class replayed whole costs one
 * replay, member by member its header's query and one replay per member: for the many small
 * classes of a module (django's fields) that made keystrokes slower, not faster.
 */
const MEMBERWISE_ROWS = 150;

/** Where each statement's facts came from, for finding its references once the file's names are known. */
type Visited =
  | { node: Node; from: number; to: number; trace: StatementTrace; key: undefined }
  | { node: Node; from: number; to: number; trace: StatementTrace; key: string; made: Omit<StatementRecord, 'references' | 'roots'> }
  | { node: Node; key: string; replayed: StatementRecord; rows: number };

/**
 * Extract `file` one statement at a time — module-level statements, and the members of each
 * long module-level class one by one (its header, the part before its body, is extracted each
 * time) — replaying those `previous` recorded. Returns the references and the memo for the
 * next edit, or undefined when the previous records do not hold for this text (the caller
 * starts over without them).
 */
export function extractStatements(
  file: PythonFile,
  root: Node,
  src: string,
  query: Query,
  previous: PythonStatementMemo | undefined,
  countErrors: (node: Node) => number,
): { references: ReferenceFact[]; roots: ReadonlySet<string>; memo: PythonStatementMemo } | undefined {
  const records = new StatementRecords<StatementRecord>([previous?.records, previous?.older]);
  const visited: Visited[] = [];
  let errors = 0;

  /** Replay or extract one statement; `within` is the class it is a member of. */
  const statement = (node: Node, row: number, start: number, key: string | undefined, within: ScopeSpan | null): boolean => {
    const visit = (): StatementTrace => {
      const trace = file.visitStatement(query.captures(node));
      // A member's class-level uses belong to its class.
      if (within) trace.scopes.unshift(within);
      return trace;
    };
    if (key === undefined) {
      visited.push({ node, from: node.startIndex, to: node.endIndex, trace: visit(), key });
      return true;
    }
    const old = records.take(key);
    if (old) {
      const rows = row - old.row;
      for (const entry of old.journal) if (!file.replay(entry, rows)) return false;
      file.replayFacts(old, rows);
      visited.push({ node, key, replayed: old, rows });
      return true;
    }
    const from = file.lengths();
    const journal: PythonJournalEntry[] = [];
    file.journal = journal;
    let trace: StatementTrace;
    try {
      trace = visit();
    } finally {
      file.journal = null;
    }
    visited.push({ node, from: node.startIndex, to: node.endIndex, trace, key, made: { row, start, journal, ...file.added(from), trace } });
    return true;
  };

  for (const { node, row, start, key } of statementsOf(root, src)) {
    if (node.hasError) errors += countErrors(node);
    const body = node.endPosition.row - row >= MEMBERWISE_ROWS ? classBody(node) : null;
    if (!body) {
      if (!statement(node, row, start, key, null)) return undefined;
      continue;
    }
    // Typing in one method of a large class extracts that method alone.
    // By position: web-tree-sitter takes a query's index range in bytes of its UTF-16 text.
    const header = file.visitStatement(query.captures(node, { startPosition: node.startPosition, endPosition: body.startPosition }));
    visited.push({ node, from: node.startIndex, to: body.startIndex, trace: header, key: undefined });
    // A class without a name opens no scope: its members are extracted each time.
    const cls = file.openClass(node);
    const prefix = cls && `\u0001${cls.qname}\n`;
    for (const m of statementsOf(body, src, body.startIndex)) {
      if (!statement(m.node, m.row, m.start, prefix === null || m.key === undefined ? undefined : prefix + m.key, cls)) return undefined;
    }
  }
  const roots = file.referenceRoots();
  const sameRoots = new Map<ReadonlySet<string>, boolean>([[roots, true]]);
  const references: ReferenceFact[] = [];
  for (const v of visited) {
    if ('replayed' in v) {
      const old = v.replayed;
      let same = sameRoots.get(old.roots);
      if (same === undefined) sameRoots.set(old.roots, (same = sameSet(old.roots, roots)));
      if (same) {
        pushMoved(references, old.references, v.rows);
        records.keep(v.key, old);
        continue;
      }
      const found = file.statementReferences(v.node, moveTrace(old.trace, v.node.startIndex - old.start), roots, v.node.startIndex, v.node.endIndex);
      for (const r of found) references.push(r);
      records.keep(v.key, { ...old, references: v.rows === 0 ? found : found.map((r) => ({ ...r, range: shiftRange(r.range, -v.rows) })), roots });
      continue;
    }
    const found = file.statementReferences(v.node, v.trace, roots, v.from, v.to);
    for (const r of found) references.push(r);
    if (v.key !== undefined) records.keep(v.key, { ...v.made, references: found, roots });
  }
  // A root that is itself an error is the one place a statement's count does not see.
  if (root.isError) errors = countErrors(root);
  return { references, roots, memo: { records: records.byKey, older: previous?.records, errors } };
}

/** The body of a module-level class statement (decorated or not), if it is one. */
function classBody(node: Node): Node | null {
  const def = node.type === 'decorated_definition' ? node.childForFieldName('definition') : node;
  if (!def || def.type !== 'class_definition') return null;
  const body = def.childForFieldName('body');
  return body && body.type === 'block' ? body : null;
}

/** A trace recorded at one index, for the same statement starting `by` characters later. */
function moveTrace(trace: StatementTrace, by: number): StatementTrace {
  if (by === 0) return trace;
  const notRead = new Set<number>();
  for (const at of trace.notRead) notRead.add(at + by);
  return {
    scopes: trace.scopes.map((s) => ({ qname: s.qname, start: s.start + by, end: s.end + by })),
    importSpans: trace.importSpans.map((at) => at + by),
    notRead,
  };
}
