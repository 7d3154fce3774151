import type { Range } from '../model';

// What every refactor yields: per-file text edits (LSP-shaped ranges, so the editor layer only
// converts), the same change as a unified diff, and what the graph could not see.

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface FileEdit {
  /** Root-relative path. */
  path: string;
  /** Edits against the file's content when the job started; non-overlapping. */
  edits: TextEdit[];
  /** The file does not exist yet (a move to a new file). */
  create?: boolean;
}

/** A place the change may need but the graph cannot prove: left as it is, reported. */
export interface RiskySpot {
  path: string;
  range: Range;
  kind: 'string' | 'comment' | 'dynamic-access' | 'eval' | 'guessed-call' | 'unresolved-import' | 'conflict' | 'other';
  message: string;
  lineText: string;
}

export interface FileSummary {
  path: string;
  edits: number;
  created?: boolean;
}

export interface RefactorResult {
  kind: string;
  /** One line a person reads first. */
  title: string;
  edits: FileEdit[];
  patch: string;
  files: FileSummary[];
  risky: RiskySpot[];
  /** Every place the refactor matched (a migration's matches), file:line with the line's text. */
  matches?: { path: string; line: number; lineText: string }[];
  /** sha256 of each target file's content at job start; null for a file that must not exist yet. */
  baseHashes: Record<string, string | null>;
}

export class RefactorError extends Error {}
