import { parseToml, TomlError, type TomlTable, type TomlValue } from '../toml';
import type { DependencyGroup, Manifest } from '../types';
import { dirOf } from './packageJson';
import { escapeRegExp, lineMatching, problemAt } from './problem';

// Cargo.toml: `[dependencies]`, `[dev-dependencies]`, `[build-dependencies]`, their
// `[target.<cfg>.…]` variants and `[workspace.dependencies]`. A dependency key is the name
// code uses (`use serde_json::…` for `serde-json`... after `-` → `_`); `package = "…"` renames.

export function crateKey(name: string): string {
  return name.replace(/-/g, '_');
}

export function readCargoManifest(path: string, text: string): Manifest {
  const manifest: Manifest = { path, dir: dirOf(path), kind: 'Cargo.toml', ecosystem: 'cargo', dependencies: [] };
  let doc: TomlTable;
  try {
    doc = parseToml(text).value;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    manifest.problem = problemAt(path, `Cargo.toml is not valid TOML: ${e.message}`, e.line, e.column, text);
    return manifest;
  }
  const pkg = asTable(doc.package);
  if (pkg && typeof pkg.name === 'string') manifest.ownName = pkg.name;
  const read = (t: TomlValue | undefined, group: DependencyGroup) => {
    for (const name of Object.keys(asTable(t) ?? {})) {
      const line = lineMatching(text, new RegExp(`^\\s*["']?${escapeRegExp(name)}["']?\\s*(=|\\.)`));
      manifest.dependencies.push({ name, key: crateKey(name), group, line });
    }
  };
  const sections = (t: TomlTable | undefined) => {
    read(t?.dependencies, 'prod');
    read(t?.['dev-dependencies'], 'dev');
    read(t?.['build-dependencies'], 'dev');
  };
  sections(doc);
  for (const target of Object.values(asTable(doc.target) ?? {})) sections(asTable(target));
  read(asTable(doc.workspace)?.dependencies, 'prod');
  const members = asTable(doc.workspace)?.members;
  if (Array.isArray(members)) manifest.workspaces = members.filter((m): m is string => typeof m === 'string');
  return manifest;
}

function asTable(v: TomlValue | undefined): TomlTable | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}
