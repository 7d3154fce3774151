import { formatBytes } from './formatBytes';
import { IgnoreRules } from './ignoreRules';
import type { SkippedFile } from './skipped';
import { walkTree, type FoundFile } from './walkTree';
import { resolveWorkspaceRoot } from './workspaceError';

// What the indexer parses: every file under the root with a wanted extension that no ignore rule
// hides, plus the files it deliberately leaves out and why. Content checks (binary, minified,
// ...) happen later, when the parse workers read the files.

export interface WalkOptions {
  /** Lower-case, with the dot: '.ts', '.py'. */
  extensions: ReadonlySet<string>;
  /** Gitignore-syntax patterns relative to the root, applied after every ignore file. */
  extraIgnores?: readonly string[];
  maxFileSize: number;
  /** Follow symlinked files and folders. Default true. */
  followSymlinks?: boolean;
}

export interface WalkResult {
  /** Sorted by path; paths are posix and relative to the root. */
  files: FoundFile[];
  skipped: SkippedFile[];
  /** Files and folders hidden by ignore rules (a folder counts once, its contents not at all). */
  ignoredCount: number;
  /** The ignore rules the walk assembled, for deciding about paths that appear later. */
  rules: IgnoreRules;
}

export async function walkWorkspace(root: string, options: WalkOptions): Promise<WalkResult> {
  const realRoot = await resolveWorkspaceRoot(root);
  const rules = await IgnoreRules.forRoot(realRoot, options.extraIgnores ?? []);
  const walk = await walkTree(realRoot, rules, {
    wantFile: (name) => options.extensions.has(extensionOf(name)),
    followSymlinks: options.followSymlinks ?? true,
  });

  const files: WalkResult['files'] = [];
  const skipped = walk.skipped;
  for (const file of walk.files) {
    if (file.size > options.maxFileSize) {
      skipped.push({ path: file.path, reason: 'too-large', detail: `${formatBytes(file.size)} > ${formatBytes(options.maxFileSize)} limit` });
    } else files.push(file);
  }
  files.sort(byPath);
  skipped.sort(byPath);
  return { files, skipped, ignoredCount: walk.ignoredCount, rules };
}

/** `x.d.ts` → `.ts`, `A.PY` → `.py`, `Makefile` → ''; the same rule as languageForPath. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
