import type { Node } from 'web-tree-sitter';
import { pushMoved, type CallFact, type HeritageFact, type ImportFact, type LocalBindingFact, type ReferenceFact } from '../../model';
import { sameSet, statementsOf, StatementRecords } from '../statementRecords';
import type { FactBuilder, JournalEntry } from './facts';
import type { TopLevelNames } from './topLevel';
import type { Walker } from './walker';

// Statements of an edited document replay the facts and builder journal they gave last time
// (see statementRecords): module-level statements, and the members of a class whose statement
// changed, so that typing in one method of a 2,000-line class walks that method alone. Moved
// down or up as a whole, a statement only needs its rows shifted. If the builder answers a
// replayed journal differently (a duplicate name above it appeared or went away), the file is
// walked from scratch; a change to the module-level names (which decide what counts as a
// reference) replays nothing.

interface StatementRecord {
  /** Start row when recorded: the positions below are relative to it. */
  row: number;
  journal: JournalEntry[];
  imports: ImportFact[];
  calls: CallFact[];
  heritage: HeritageFact[];
  references: ReferenceFact[];
  bindings: LocalBindingFact[];
  /** Records of the class members walked inside it, kept again whenever it is replayed whole. */
  members: [key: string, record: StatementRecord][];
}

/** What one extraction of a file leaves for the next extraction of its edited text. */
export interface StatementMemo {
  top: TopLevelNames;
  records: Map<string, StatementRecord[]>;
  /** The records of the extraction before, consulted when these have none (see StatementRecords). */
  older?: { top: TopLevelNames; records: Map<string, StatementRecord[]> };
  /** Syntax-error and missing nodes of the whole file. */
  errors: number;
}

/** A replayed journal was answered differently: the walk so far cannot be trusted. */
export class ReplayRefused extends Error {}

/** The records of one re-extraction, used by the walker at each statement it can replay. */
export class StatementReuse {
  private readonly records: StatementRecords<StatementRecord>;
  /** Where the statement being recorded collects the members it walks. */
  private members: [string, StatementRecord][] | null = null;

  /**
   * `sources`: earlier extractions' records made under the same module-level names, newest
   * first; `input`: what the tree was parsed from (see statementsOf).
   */
  constructor(
    sources: readonly Map<string, StatementRecord[]>[],
    private readonly input: string,
  ) {
    this.records = new StatementRecords(sources);
  }

  get byKey(): Map<string, StatementRecord[]> {
    return this.records.byKey;
  }

  /** Replay the statement recorded under `key`, or walk it (`walk`) and record it. */
  statement(walker: Walker, key: string, row: number, walk: () => void): void {
    let record = this.records.take(key);
    if (record && !walker.facts.wouldReplay(record.journal[0])) record = undefined;
    if (record) {
      if (!replay(walker.facts, record, row - record.row)) throw new ReplayRefused();
      this.keep(key, record);
    } else {
      record = this.record(walker.facts, row, walk);
      this.records.keep(key, record);
    }
    this.members?.push([key, record]);
  }

  /** The members of class `cls`, each replayed or walked with `walk`. */
  classMembers(walker: Walker, cls: string, body: Node, walk: (member: Node) => void): void {
    // A member's facts depend on the class it is in, besides its text.
    const scope = `\u0001${cls}\n${walker.inAmbientModule ? 1 : 0}\n`;
    for (const { node, row, key } of statementsOf(body, walker.src, body.startIndex, this.input)) {
      if (key === undefined) walk(node);
      else this.statement(walker, scope + key, row, () => walk(node));
    }
  }

  private keep(key: string, record: StatementRecord): void {
    this.records.keep(key, record);
    for (const [k, r] of record.members) this.keep(k, r);
  }

  private record(f: FactBuilder, row: number, walk: () => void): StatementRecord {
    const from = [f.imports.length, f.calls.length, f.heritage.length, f.references.length, f.bindings.length] as const;
    const outer = f.journal;
    const journalFrom = outer?.length ?? 0;
    const members = this.members;
    const inside: [string, StatementRecord][] = [];
    f.journal ??= [];
    this.members = inside;
    try {
      walk();
    } finally {
      this.members = members;
    }
    // A member's journal is its share of the enclosing statement's.
    const journal = outer ? f.journal.slice(journalFrom) : f.journal;
    if (!outer) f.journal = null;
    return {
      row,
      journal,
      imports: f.imports.slice(from[0]),
      calls: f.calls.slice(from[1]),
      heritage: f.heritage.slice(from[2]),
      references: f.references.slice(from[3]),
      bindings: f.bindings.slice(from[4]),
      members: inside,
    };
  }
}

/**
 * Walk the module-level statements, replaying those `previous` recorded with the same key.
 * Throws ReplayRefused when a replay was answered differently midway (the builder then holds
 * a partial statement: the caller starts over without reuse).
 */
export function walkStatements(
  walker: Walker,
  root: Node,
  input: string,
  previous: StatementMemo | undefined,
  countErrors: (node: Node) => number,
): StatementMemo {
  const sources = [previous, previous?.older].filter((m) => m !== undefined && sameNames(m.top, walker.top)).map((m) => m!.records);
  const reuse = new StatementReuse(sources, input);
  walker.reuse = reuse;
  let errors = 0;
  for (const { node, row, key } of statementsOf(root, walker.src, 0, input)) {
    if (key === undefined) {
      // A class holding an error is walked afresh, and so is the member that holds it; its
      // other members, typed in or not, are replayed (an edit that breaks the syntax of one
      // method of a large class is the common case while typing).
      walker.visit(node);
      errors += countErrors(node);
      continue;
    }
    reuse.statement(walker, key, row, () => walker.visit(node));
  }
  walker.reuse = null;
  // Errors are counted per statement, so that an edit re-counts only its own: a root that is
  // itself an error is the one place a statement's count does not see.
  if (root.isError) errors = countErrors(root);
  return { top: walker.top, records: reuse.byKey, older: previous && { top: previous.top, records: previous.records }, errors };
}

function replay(f: FactBuilder, record: StatementRecord, rows: number): boolean {
  for (const entry of record.journal) if (!f.replay(entry, rows)) return false;
  for (const b of record.bindings) f.bindings.push(b);
  pushMoved(f.imports, record.imports, rows);
  pushMoved(f.calls, record.calls, rows);
  pushMoved(f.heritage, record.heritage, rows);
  pushMoved(f.references, record.references, rows);
  return true;
}

function sameNames(a: TopLevelNames, b: TopLevelNames): boolean {
  return sameSet(a.names, b.names) && sameSet(a.declarations, b.declarations);
}
