// Why a file that looks like source is not indexed. The walk produces the structural reasons
// (size, links); content checks in the parse workers produce the rest.

export type SkipReason =
  | 'too-large'
  | 'binary'
  | 'invalid-utf8'
  | 'minified'
  | 'generated'
  | 'unreadable'
  | 'symlink-loop'
  | 'outside-root';

export interface SkippedFile {
  /** Posix, relative to the workspace root. */
  path: string;
  reason: SkipReason;
  detail: string;
}
