import type { AnswerHit, IntentName } from './types';

// The graph answer as markdown: a heading, an optional note, then one numbered line per hit with
// a link that opens the file at the line. Nothing in it depends on time or machine, so the same
// index and question render the same bytes.

const TITLE: Record<IntentName, string> = {
  where: 'Where',
  callers: 'Callers',
  callees: 'Calls',
  chain: 'Call chain',
  deps: 'Dependencies',
  config: 'Config key',
  convention: 'Convention',
  explain: 'Explain',
};

export function renderMarkdown(question: string, intent: IntentName, hits: AnswerHit[], note: string | undefined, linkFor: (file: string, line: number) => string): string {
  const out: string[] = [`**${TITLE[intent]}:** ${escapeMd(question)}`, ''];
  if (note) out.push(note, '');
  if (!hits.length) {
    if (!note) out.push('No answer found in the graph.');
    return out.join('\n').trimEnd() + '\n';
  }
  hits.forEach((h, i) => {
    const where = h.file ? `[\`${h.file}:${h.line + 1}\`](${linkFor(h.file, h.line)})` : '(external)';
    const label = h.kind === 'file' ? `\`${h.file}\`` : `\`${h.qname}\``;
    out.push(`${i + 1}. ${label} (${h.kind}) ${where}${h.reason ? ` — ${escapeMd(h.reason)}` : ''}`);
  });
  return out.join('\n') + '\n';
}

function escapeMd(s: string): string {
  // Code spans are kept as they are; outside them, characters that would start markup are escaped.
  return s
    .split('`')
    .map((part, i) => (i % 2 ? part : part.replace(/([\\*_[\]<>])/g, '\\$1')))
    .join('`');
}
