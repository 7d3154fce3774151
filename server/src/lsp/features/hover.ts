import { MarkupKind, type CancellationToken, type Hover, type HoverParams } from 'vscode-languageserver';
import { symbolAt } from '../../core/query/symbolAt';
import type { ChainStepInfo } from '../../../../shared/protocol';
import { toRange } from '../convert';
import type { ServerState } from '../serverState';
import { chainsFor } from './callChains';

// Hover: signature and doc comment, then how the symbol is reached across files and what it
// calls outside its file. Every step is a link to its location; guesses say so.

export function hover(state: ServerState, params: HoverParams, token?: CancellationToken): Hover | null {
  const ref = state.fileOf(params.textDocument.uri);
  const facts = ref && state.factsOf(ref);
  if (!ref || !facts) return null;
  const graph = ref.folder.index.graph.graph;
  const hit = symbolAt(graph, ref.path, facts, params.position);
  const target = hit?.targets.find((t) => graph.hasNode(t.id));
  if (!hit || !target) return null;
  const attrs = graph.getNodeAttributes(target.id);
  const lang = attrs.language === 'python' ? 'python' : 'typescript';
  const parts: string[] = [];
  if (attrs.signature) parts.push('```' + lang + '\n' + attrs.signature + '\n```');
  else parts.push(`\`${attrs.qname}\` (${attrs.kind})`);
  if (target.resolution === 'name') parts.push(`_Resolved by name only (confidence ${target.confidence}); other candidates: ${hit.targets.length - 1}._`);
  if (attrs.doc) parts.push(attrs.doc);
  const callable = ['function', 'method', 'constructor', 'getter', 'setter', 'class'].includes(attrs.kind);
  if (callable && ref.folder.settings.hoverChains) {
    const chains = chainsFor(state, ref.folder, target.id, { maxLength: ref.folder.settings.chainMaxLength, maxChains: 3, token });
    if (chains.incoming.length) {
      parts.push('**Reached from**\n\n' + chains.incoming.map((c, i) => `${i + 1}. ${c.map(link).join(' → ')}`).join('\n'));
    } else if (ref.folder.state !== 'ready') {
      parts.push('_Call chains will appear when indexing finishes._');
    } else {
      parts.push('_No callers in this workspace: this is an entry point._');
    }
    if (chains.outgoing.length) parts.push('**Calls out of this file**\n\n' + chains.outgoing.map((s) => `- ${link(s)}`).join('\n'));
    if (chains.truncated) parts.push('_Chain search stopped at its time budget._');
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: toRange(hit.range) };
}

function link(s: ChainStepInfo): string {
  const guess = s.resolution === 'name' ? ' _(guess)_' : '';
  if (!s.location) return `\`${s.qname}\` (external)${guess}`;
  if (s.kind === 'file') return `[${escape(s.location.file)} (module code)](${s.location.uri})`;
  const where = `${s.location.file}:${s.location.line + 1}`;
  return `[${escape(s.name)} (${escape(where)})](${s.location.uri}#L${s.location.line + 1})${guess}`;
}

function escape(s: string): string {
  return s.replace(/[[\]()*_`\\]/g, (c) => `\\${c}`);
}
