import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export function fixturePath(name: string): string {
  return join(FIXTURES, name);
}

/** A writable copy of a fixture workspace; remove it with the returned cleanup. */
export function copyFixture(name: string): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `sparkgraph-${name}-`));
  cpSync(fixturePath(name), root, { recursive: true });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** A temporary workspace holding `files` (root-relative path → text); remove it with the returned cleanup. */
export function writeWorkspace(files: Readonly<Record<string, string>>, name = 'workspace'): { root: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), `sparkgraph-${name}-`));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

/** Line/character of the first occurrence of `anchor` (plus an offset into it) in `text`. */
export function positionOf(text: string, anchor: string, offset = 0): { line: number; character: number } {
  const i = text.indexOf(anchor);
  if (i < 0) throw new Error(`anchor ${JSON.stringify(anchor)} not found`);
  const before = text.slice(0, i + offset);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - (before.lastIndexOf('\n') + 1) };
}
