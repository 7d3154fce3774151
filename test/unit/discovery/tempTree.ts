import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Workspaces built on disk per test: symlinks and binary files do not belong in git.

/** Text or bytes: a file; `{ link }`: a symlink with that target as written; `{}`: an empty folder. */
export type TreeEntry = string | Uint8Array | { link: string } | Record<string, never>;

export interface TempTree {
  root: string;
  cleanup(): void;
}

export function makeTree(entries: Readonly<Record<string, TreeEntry>>): TempTree {
  const root = mkdtempSync(join(tmpdir(), 'sparkgraph-discovery-'));
  for (const [path, entry] of Object.entries(entries)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof entry === 'string' || entry instanceof Uint8Array) writeFileSync(abs, entry);
    else if ('link' in entry) symlinkSync(entry.link, abs);
    else mkdirSync(abs, { recursive: true });
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
