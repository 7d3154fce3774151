import type { RefactorWorkspace } from './refactorWorkspace';
import { applyEdits, dedupeEdits } from './textEdits';
import { RefactorError, type FileEdit, type RefactorResult, type RiskySpot, type TextEdit } from './types';
import { unifiedDiff } from './unifiedDiff';

// Edits grouped by file become the result: the patch is computed from the same edits the
// editor gets, so the preview and what is written can never disagree.

export function buildResult(ws: RefactorWorkspace, kind: string, title: string, perFile: Map<string, TextEdit[]>, risky: RiskySpot[], created: Map<string, string> = new Map()): RefactorResult {
  const edits: FileEdit[] = [];
  let patch = '';
  const baseHashes: Record<string, string | null> = {};
  const paths = [...new Set([...perFile.keys(), ...created.keys()])].sort();
  for (const path of paths) {
    if (created.has(path)) {
      const text = created.get(path)!;
      edits.push({ path, create: true, edits: [{ range: [0, 0, 0, 0], newText: text }] });
      patch += unifiedDiff(path, null, text);
      baseHashes[path] = null;
      continue;
    }
    const list = dedupeEdits(perFile.get(path)!);
    if (!list.length) continue;
    const src = ws.source(path);
    if (!src) throw new RefactorError(`cannot read ${path}`);
    const after = applyEdits(src.text, list);
    if (after === src.text) continue;
    edits.push({ path, edits: list });
    patch += unifiedDiff(path, src.text, after);
    const hash = ws.hashOf(path);
    if (hash === undefined) throw new RefactorError(`${path} was edited without being read`);
    baseHashes[path] = hash;
  }
  return {
    kind,
    title,
    edits,
    patch,
    files: edits.map((e) => ({ path: e.path, edits: e.create ? 1 : e.edits.length, ...(e.create ? { created: true } : {}) })),
    risky,
    baseHashes,
  };
}

export function addEdit(perFile: Map<string, TextEdit[]>, path: string, edit: TextEdit): void {
  (perFile.get(path) ?? perFile.set(path, []).get(path)!).push(edit);
}
