import type { AskHit } from '../../../shared/protocol';
import type { ChatMessage } from './types';

// What the model is sent: an instruction, the places the graph ranked (with why), and the code
// views of those places and their neighbours. Nothing else from the workspace.

export const SYSTEM_PROMPT = [
  "You answer a developer's questions about their own repository.",
  'Use only the code context given; it was selected from the repository\'s call and import graph.',
  'Cite every place you mention as `path:line` exactly as the context headers write it.',
  'If the context does not hold the answer, say so plainly instead of guessing. Be brief.',
].join(' ');

export function buildMessages(question: string, hits: readonly AskHit[], contextText: string): ChatMessage[] {
  const ranked = hits.map((h, i) => `${i + 1}. ${h.qname} (${h.kind}) at ${h.location.file}:${h.location.line + 1} — ${h.reason}`).join('\n');
  const user = [
    `Question: ${question}`,
    '',
    'Places the code graph ranked for this question:',
    ranked || '(none)',
    '',
    'Code context:',
    contextText || '(empty)',
  ].join('\n');
  return [
    { role: 'system', content: SYSTEM_PROMPT },
    { role: 'user', content: user },
  ];
}
