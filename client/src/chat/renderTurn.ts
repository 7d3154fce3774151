import type { ChatTurn } from './chatEngine';
import { escapeHtml } from './escapeHtml';
import { renderMarkdown } from './markdown';

// A conversation turn as the HTML the webview shows: the question, the graph answer, then the
// model's answer (or the note saying why there is none). Rendered in the extension host, from
// escaped text only, so the webview script only has to place it.

export function renderTurn(turn: ChatTurn): string {
  const parts: string[] = [`<div class="prompt"><span class="who">You</span> ${escapeHtml(turn.prompt)}</div>`];
  if (turn.state === 'asking' && !turn.graph && !turn.notice) parts.push('<div class="status" role="status">Searching the graph…</div>');
  if (turn.graph) {
    parts.push(`<section class="graph" aria-label="Graph answer">${renderMarkdown(turn.graph.markdown, { fileLinks: turn.fileLinks })}</section>`);
  }
  if (turn.notice) parts.push(`<div class="notice" role="status">${escapeHtml(turn.notice)}</div>`);
  const m = turn.model;
  if (m) {
    const body = m.text ? renderMarkdown(m.text, { fileLinks: turn.fileLinks }) : m.state === 'streaming' ? '<p class="status">Waiting for the model…</p>' : '';
    const note = m.note ? `<div class="note" role="status">${escapeHtml(m.note)}</div>` : '';
    const usage = m.usage ? `<div class="usage">${escapeHtml(m.usage)}</div>` : '';
    const install = m.installHints ? `<div class="install" role="note">${renderMarkdown(m.installHints, { fileLinks: turn.fileLinks })}</div>` : '';
    parts.push(
      `<section class="model ${m.state}" aria-label="Model answer from ${escapeHtml(m.name)}" aria-busy="${m.state === 'streaming'}"><div class="model-head">Model answer · ${escapeHtml(m.name)}${m.state === 'streaming' ? ' · streaming' : ''}</div>${body}${install}${note}${usage}</section>`,
    );
  }
  return parts.join('\n');
}
