import { engineFor } from '../core/answer/forIndex';
import type { Answer } from '../core/answer/types';
import type { WorkspaceIndex } from '../core/index/workspaceIndex';

// `sparkgraph ask "<question>"`: the graph answer in the terminal (places as `file:line` so
// terminals link them, each with its reason) or as JSON. Exit 1 when nothing was found.

export function formatAnswer(a: Answer): string {
  const out = [`${a.intent}: ${a.question}`];
  // Notes are markdown; on a terminal the emphasis marks are noise.
  if (a.note) out.push(a.note.replace(/\*\*/g, ''));
  if (!a.hits.length) {
    if (!a.note) out.push('nothing found');
    return out.join('\n');
  }
  const width = String(a.hits.length).length;
  a.hits.forEach((h, i) => {
    const label = h.kind === 'file' ? h.file : h.qname;
    out.push(`${String(i + 1).padStart(width)}. ${label} (${h.kind}) ${h.file}:${h.line + 1}`);
    if (h.reason) out.push(`${' '.repeat(width + 2)}${h.reason}`);
  });
  return out.join('\n');
}

export function askCommand(index: WorkspaceIndex, question: string, options: { json: boolean; k?: number }, out: (s: string) => void): number {
  const answer = engineFor(index).ask(question, { k: options.k ?? 10 });
  out(options.json ? JSON.stringify(answer, null, 2) : formatAnswer(answer));
  return answer.hits.length ? 0 : 1;
}
