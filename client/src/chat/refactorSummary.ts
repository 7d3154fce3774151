import type { RefactorJobResult } from '../../../shared/protocol';

// A refactor job's result as the chat shows it: what it would change, where, what the graph
// could not see, and the patch itself. Nothing is written from the chat; the editor offers the
// per-file diffs and VS Code's refactor preview beside it.

const MAX_PATCH_LINES = 150;

export function refactorSummary(r: RefactorJobResult): { markdown: string; fileLinks: Record<string, string> } {
  const fileLinks: Record<string, string> = {};
  if (r.state === 'cancelled') return { markdown: '_The refactor was cancelled; nothing was changed._', fileLinks };
  if (r.state !== 'done') return { markdown: `_The refactor could not be computed: ${r.error ?? r.state}._`, fileLinks };
  const out: string[] = [`**${r.title ?? 'refactor'}**`];
  const files = r.files ?? [];
  for (const f of files) fileLinks[f.path] = f.uri;
  if (files.length) {
    out.push('', 'Files it would change:', ...files.map((f) => `- [${f.path}](${f.uri}) — ${f.created ? 'new file' : `${f.edits} edit${f.edits === 1 ? '' : 's'}`}`));
  } else if (r.matches?.length) {
    out.push('', `${r.matches.length} match${r.matches.length === 1 ? '' : 'es'}, nothing to rewrite:`, ...r.matches.slice(0, 50).map((m) => `- [${m.path}:${m.line + 1}](${m.uri}#L${m.line + 1}) \`${m.lineText.trim()}\``));
  } else {
    out.push('', 'Nothing to change.');
  }
  if (r.risky?.length) {
    out.push('', 'Left unchanged for you to review (the graph cannot see these):', ...r.risky.slice(0, 30).map((s) => `- ${s.path}:${s.line + 1} — ${s.kind}: ${s.message}`));
    if (r.risky.length > 30) out.push(`- … and ${r.risky.length - 30} more (see SparkGraph: Open Logs)`);
  }
  if (r.patch) {
    const lines = r.patch.replace(/\n$/, '').split('\n');
    const shown = lines.slice(0, MAX_PATCH_LINES);
    out.push('', '```diff', ...shown, '```');
    if (lines.length > shown.length) out.push(`_The patch continues for ${lines.length - shown.length} more lines; Show Diffs has all of it._`);
  }
  if (files.length) out.push('', 'Nothing has been written: use **Show Diffs** or **Preview and Apply** in the notification to review and apply it.');
  return { markdown: out.join('\n'), fileLinks };
}
