import type { DependencyReport } from './types';

// The missing-dependencies answer as Markdown, for a chat panel or any other text surface:
// one line per package with where it is imported and the command that installs it.

export function renderMissingDependenciesMarkdown(report: DependencyReport, options: { unused?: boolean; maxImports?: number } = {}): string {
  const max = options.maxImports ?? 3;
  const out: string[] = [];
  if (report.missing.length === 0) out.push('Every imported package is declared in its manifest.');
  else {
    out.push(`**${report.missing.length} imported package${report.missing.length === 1 ? ' is' : 's are'} not declared:**`, '');
    for (const m of report.missing) {
      const where = m.imports.slice(0, max).map((i) => `\`${i.file}:${i.range[0] + 1}\``).join(', ') + (m.imports.length > max ? ` and ${m.imports.length - max} more` : '');
      const dir = m.install.cwd === '' ? 'the workspace root' : `\`${m.install.cwd}/\``;
      out.push(`- \`${m.package}\`${m.dev ? ' (dev)' : ''} — imported in ${where}`);
      out.push(`  run in ${dir}: \`${m.install.command}\`${m.install.tool === 'pip' ? ` and add it to \`${m.install.manifest}\`` : ''}`);
    }
  }
  if (report.optional.length) out.push('', `Optional (imported inside try, not declared): ${report.optional.map((m) => `\`${m.package}\``).join(', ')}.`);
  for (const p of report.problems) out.push('', `⚠ \`${p.manifest}:${p.range[0] + 1}\`: ${p.message}`);
  if (options.unused && report.unused.length) {
    out.push('', `Declared but not imported (${report.unused.length}):`);
    for (const u of report.unused) out.push(`- \`${u.package}\` in \`${u.manifest}\``);
  }
  return out.join('\n');
}
