import type { NodeAttrs } from '../core/graph/types';
import type { IndexSummary } from '../core/index/workspaceIndex';
import type { CallLink, ChainStep } from '../core/query/callGraph';

// Human-readable output. Locations are `file:line` (1-based) so terminals and editors link them.

export function location(attrs: NodeAttrs): string {
  if (!attrs.file) return attrs.kind === 'package' ? 'package' : `external ${attrs.space ?? ''}`.trim();
  const line = (attrs.selection ?? attrs.range)?.[0];
  return line === undefined ? attrs.file : `${attrs.file}:${line + 1}`;
}

export function describe(attrs: NodeAttrs): string {
  return `${attrs.qname} (${attrs.kind}) ${location(attrs)}`;
}

export function formatSummary(s: IndexSummary, heading = 'indexed'): string {
  const lines: string[] = [];
  lines.push(`${heading} ${s.root}`);
  lines.push(`  files      ${s.files} (${s.lines.toLocaleString('en-US')} lines) in ${(s.ms / 1000).toFixed(2)} s` + (s.fromCache ? `, ${s.fromCache} from cache, ${s.linked} re-linked` : ''));
  for (const [lang, b] of Object.entries(s.byLanguage).sort()) {
    lines.push(`    ${lang.padEnd(11)} ${String(b.files).padStart(6)} files ${b.lines.toLocaleString('en-US').padStart(10)} lines`);
  }
  lines.push(`  nodes      ${s.nodes.toLocaleString('en-US')}`);
  lines.push(`  edges      ${s.edges.toLocaleString('en-US')} (${Object.entries(s.edgesByKind).sort().map(([k, n]) => `${k} ${n}`).join(', ')})`);
  const c = s.calls;
  lines.push(`  calls      ${c.total} sites: ${c.resolved} resolved, ${c.guessed} name-only guesses, ${c.unresolved} unresolved`);
  lines.push(`  imports    ${s.imports.total}, ${s.imports.unresolved} unresolved`);
  if (s.syntaxErrors) lines.push(`  syntax     ${s.syntaxErrors} files have syntax errors (indexed as far as they parse)`);
  lines.push(`  ignored    ${s.ignored} paths (.gitignore, .sparkignore, defaults)`);
  if (s.cacheNote) lines.push(`  cache      ${s.cacheNote}`);
  if (s.skipped.length) {
    const byReason = new Map<string, number>();
    for (const k of s.skipped) byReason.set(k.reason, (byReason.get(k.reason) ?? 0) + 1);
    lines.push(`  skipped    ${s.skipped.length} files (${[...byReason].map(([r, n]) => `${r} ${n}`).join(', ')})`);
    for (const k of s.skipped.slice(0, 50)) lines.push(`    ${k.path}: ${k.reason} — ${k.detail}`);
    if (s.skipped.length > 50) lines.push(`    … ${s.skipped.length - 50} more (use --json for all)`);
  }
  return lines.join('\n');
}

export function formatCallLinks(title: string, links: CallLink[], direction: 'from' | 'to'): string {
  if (links.length === 0) return `${title}: none`;
  const out = [`${title}:`];
  for (const l of links) {
    const sites = l.edge.sites ?? [];
    const how = l.edge.resolution === 'name' ? `name-only guess, confidence ${l.edge.confidence}` : `via ${l.edge.resolution}`;
    out.push(`  ${describe(l.attrs)}  [${how}]`);
    if (direction === 'from') {
      for (const r of sites.slice(0, 5)) out.push(`      call at ${l.attrs.file ?? ''}:${r[0] + 1}:${r[1] + 1}`);
    }
  }
  return out.join('\n');
}

export function formatChain(chain: ChainStep[]): string {
  return chain
    .map((step, i) => {
      const guess = step.via?.resolution === 'name' ? ' (name-only guess)' : '';
      return `${'  '.repeat(i)}${i === 0 ? '' : '→ '}${step.attrs.qname} (${location(step.attrs)})${guess}`;
    })
    .join('\n');
}
