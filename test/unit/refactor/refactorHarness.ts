import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { RefactorWorkspace } from '../../../server/src/core/refactor/refactorWorkspace';
import { copyFixture, fixturePath } from '../../helpers/fixtures';

// A writable copy of a fixture, indexed, with a refactor workspace over it.

export interface Harness {
  root: string;
  index: WorkspaceIndex;
  ws: RefactorWorkspace;
  close(): Promise<void>;
}

export async function openFixture(name: string): Promise<Harness> {
  const { root, cleanup } = copyFixture(name);
  const index = new WorkspaceIndex(root, { cache: false, workers: 0 });
  await index.build();
  const ws = new RefactorWorkspace(index);
  return {
    root,
    index,
    ws,
    close: async () => {
      ws.dispose();
      await index.dispose();
      cleanup();
    },
  };
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    if (n === '__pycache__') return [];
    return statSync(p).isDirectory() ? listFiles(p, base) : [relative(base, p).split('\\').join('/')];
  });
}

/**
 * The workspace now equals the original fixture with the files of `expected` (a folder under
 * refactor-expected) replacing theirs: changed files exactly as written there, all others untouched.
 */
export function assertWorkspace(root: string, fixture: string, expected: string): void {
  const expectedDir = fixturePath(join('refactor-expected', expected));
  const changed = new Set(listFiles(expectedDir));
  for (const rel of new Set([...listFiles(fixturePath(fixture)), ...changed])) {
    const want = readFileSync(join(changed.has(rel) ? expectedDir : fixturePath(fixture), rel), 'utf8');
    assert.equal(readFileSync(join(root, rel), 'utf8'), want, `${rel} differs`);
  }
}
