import type { DependencyReport } from '../core/deps/types';

// `sparkgraph deps` as text: each missing package with where it is imported and the command,
// then manifest problems, then declared packages nothing uses.

export function formatDependencyReport(r: DependencyReport): string {
  const out: string[] = [];
  if (r.manifests.length === 0) return 'no manifests found (package.json, requirements*.txt, pyproject.toml, setup.cfg, Pipfile, Cargo.toml, go.mod)';
  if (r.missing.length === 0) out.push(`no missing dependencies (${r.manifests.length} manifests checked)`);
  else {
    out.push(`missing dependencies: ${r.missing.length}`);
    for (const m of r.missing) {
      out.push(`  ${m.package}${m.dev ? ' (dev)' : ''}  not declared in ${m.install.manifest}`);
      for (const i of m.imports.slice(0, 5)) out.push(`      imported at ${i.file}:${i.range[0] + 1}:${i.range[1] + 1} ('${i.specifier}')`);
      if (m.imports.length > 5) out.push(`      … ${m.imports.length - 5} more imports`);
      out.push(`      run in ${m.install.cwd === '' ? '.' : m.install.cwd}: ${m.install.command}${m.install.tool === 'pip' ? `  (and add it to ${m.install.manifest})` : ''}`);
    }
  }
  if (r.optional.length) {
    out.push(`optional imports not declared (inside try, the code runs without them): ${r.optional.length}`);
    for (const m of r.optional) {
      const at = m.imports.slice(0, 3).map((i) => `${i.file}:${i.range[0] + 1}`).join(', ');
      out.push(`  ${m.package}  at ${at}${m.imports.length > 3 ? ', …' : ''}  (to declare: ${m.install.command}${m.install.cwd ? ` in ${m.install.cwd}` : ''})`);
    }
  }
  if (r.problems.length) {
    out.push(`manifest problems: ${r.problems.length}`);
    for (const p of r.problems) out.push(`  ${p.manifest}:${p.range[0] + 1}:${p.range[1] + 1}: ${p.message}`);
  }
  if (r.unused.length) {
    out.push(`declared but never imported: ${r.unused.length}`);
    for (const u of r.unused) out.push(`  ${u.package} (${u.group}) in ${u.manifest}${u.line !== undefined ? `:${u.line + 1}` : ''}`);
  }
  return out.join('\n');
}
