import type { IndexStats } from '../../shared/protocol';

// Renders `sparkgraph/stats` as the markdown of the "Index Stats" document.

const n = (v: number) => v.toLocaleString('en-US');

/** Keeps paths and messages from turning into markdown (tables break on `|`). */
function cell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[`*_[\]<>]/g, (c) => `\\${c}`).replace(/\r?\n/g, ' ');
}

function percent(part: number, total: number): string {
  return total ? ` (${Math.round((part / total) * 100)}%)` : '';
}

export function statsMarkdown(stats: IndexStats): string {
  const out: string[] = ['# SparkGraph index stats', '', `State: **${stats.state}**`];
  if (stats.message) out.push('', `> ${cell(stats.message)}`);
  if (stats.folders.length === 0) {
    out.push('', 'No workspace folder is indexed yet. Open a folder with TypeScript, JavaScript or Python files.');
    return out.join('\n') + '\n';
  }
  for (const f of stats.folders) {
    out.push('', `## ${cell(f.root)}`, '');
    out.push(
      '| | |',
      '|---|---:|',
      `| files | ${n(f.files)} |`,
      `| lines | ${n(f.lines)} |`,
      `| nodes | ${n(f.nodes)} |`,
      `| edges | ${n(f.edges)} |`,
      `| ignored files | ${n(f.ignored)} |`,
      `| skipped files | ${n(f.skipped.length)} |`,
      `| files from cache | ${n(f.fromCache)} |`,
      `| index time | ${n(Math.round(f.ms))} ms |`,
    );

    const languages = Object.entries(f.byLanguage).sort(([a], [b]) => a.localeCompare(b));
    out.push('', '### Languages', '');
    if (languages.length === 0) out.push('No files indexed.');
    else {
      out.push('| language | files | lines |', '|---|---:|---:|');
      for (const [lang, c] of languages) out.push(`| ${cell(lang)} | ${n(c.files)} | ${n(c.lines)} |`);
    }

    const kinds = Object.entries(f.edgesByKind).sort(([a], [b]) => a.localeCompare(b));
    out.push('', '### Edges by kind', '');
    if (kinds.length === 0) out.push('No edges.');
    else {
      out.push('| kind | edges |', '|---|---:|');
      for (const [kind, c] of kinds) out.push(`| ${cell(kind)} | ${n(c)} |`);
    }

    const c = f.calls;
    out.push(
      '',
      '### Calls',
      '',
      '| calls | count |',
      '|---|---:|',
      `| resolved | ${n(c.resolved)}${percent(c.resolved, c.total)} |`,
      `| guessed (by name) | ${n(c.guessed)}${percent(c.guessed, c.total)} |`,
      `| unresolved | ${n(c.unresolved)}${percent(c.unresolved, c.total)} |`,
      `| total | ${n(c.total)} |`,
    );

    out.push('', '### Skipped files', '');
    if (f.skipped.length === 0) out.push('None.');
    else {
      out.push('| file | reason | detail |', '|---|---|---|');
      for (const s of f.skipped) out.push(`| ${cell(s.path)} | ${cell(s.reason)} | ${cell(s.detail)} |`);
    }
  }
  return out.join('\n') + '\n';
}
