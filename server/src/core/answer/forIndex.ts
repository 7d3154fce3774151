import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { AnswerEngine } from './engine';

/** An answer engine over a workspace index: open editor buffers first, then the files on disk. */
export function engineFor(index: WorkspaceIndex): AnswerEngine {
  return new AnswerEngine({
    root: index.root,
    graph: index.graph,
    allFacts: () => index.allFacts(),
    readText: (path) => {
      const open = index.documentText(path);
      if (open !== undefined) return open;
      try {
        return readFileSync(join(index.root, path), 'utf8');
      } catch {
        return undefined;
      }
    },
  });
}
