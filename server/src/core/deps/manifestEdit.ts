import type { Range } from '../model';
import type { MissingDependency } from './types';

// The text edit that declares a missing package in its manifest, for an editor to preview
// before applying. Versions are left open ("*"): the lockfile pins what gets installed, and
// the install command replaces it with a real range where the tool does so.

export interface ManifestEdit {
  /** Root-relative manifest path. */
  path: string;
  /** The manifest does not exist yet and is created with `newText`. */
  create: boolean;
  range: Range;
  newText: string;
  label: string;
}

export function manifestEditFor(missing: MissingDependency, text: string | undefined): ManifestEdit | undefined {
  const path = missing.install.manifest;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const pkg = missing.package;
  const label = `Add ${pkg} to ${path}`;
  const make = (range: Range, newText: string): ManifestEdit => ({ path, create: text === undefined, range, newText, label });
  if (base === 'package.json') {
    if (text === undefined) return make([0, 0, 0, 0], `{\n  "${missing.dev ? 'devDependencies' : 'dependencies'}": {\n    "${pkg}": "*"\n  }\n}\n`);
    return packageJsonEdit(text, missing.dev ? 'devDependencies' : 'dependencies', pkg, make);
  }
  if (/\.(txt|in)$/.test(base)) {
    if (text === undefined) return make([0, 0, 0, 0], `${pkg}\n`);
    const lines = text.split('\n');
    const last = lines.length - 1;
    // Append as a line of its own, after a final newline if the file lacks one.
    return lines[last] === '' ? make([last, 0, last, 0], `${pkg}\n`) : make([last, lines[last].length, last, lines[last].length], `\n${pkg}\n`);
  }
  if (text === undefined) return undefined;
  const tool = missing.install.tool;
  switch (base) {
    case 'pyproject.toml':
      if (tool === 'poetry') return tomlKeyEdit(text, missing.dev ? 'tool.poetry.group.dev.dependencies' : 'tool.poetry.dependencies', `${pkg} = "*"`, make);
      if (missing.dev) return tomlArrayEdit(text, 'dependency-groups', 'dev', pkg, make);
      return tomlArrayEdit(text, 'project', 'dependencies', pkg, make);
    case 'Pipfile':
      return tomlKeyEdit(text, missing.dev ? 'dev-packages' : 'packages', `${quoteKey(pkg)} = "*"`, make);
    case 'Cargo.toml':
      return tomlKeyEdit(text, missing.dev ? 'dev-dependencies' : 'dependencies', `${quoteKey(pkg)} = "*"`, make);
  }
  // go.mod and setup.cfg: `go get` edits go.mod itself; setup.cfg layouts vary too much to edit blindly.
  return undefined;
}

type Make = (range: Range, newText: string) => ManifestEdit;

function packageJsonEdit(text: string, field: string, pkg: string, make: Make): ManifestEdit | undefined {
  const lines = text.split('\n');
  const fieldLine = lines.findIndex((l) => new RegExp(`^\\s*"${field}"\\s*:\\s*\\{`).test(l));
  if (fieldLine >= 0) {
    const line = lines[fieldLine];
    const open = line.indexOf('{', line.indexOf(`"${field}"`));
    const fieldIndent = /^\s*/.exec(line)![0];
    const closeSameLine = line.indexOf('}', open);
    if (closeSameLine >= 0) {
      // `"dependencies": {}` or `{ "a": "1" }` on one line.
      const inner = line.slice(open + 1, closeSameLine).trim();
      return make([fieldLine, open + 1, fieldLine, closeSameLine], inner ? ` "${pkg}": "*", ${inner} ` : `\n${fieldIndent}  "${pkg}": "*"\n${fieldIndent}`);
    }
    const next = lines[fieldLine + 1] ?? '';
    const indent = /^\s*/.exec(next)![0] || `${fieldIndent}  `;
    const empty = /^\s*\}/.test(next);
    return make([fieldLine, open + 1, fieldLine, open + 1], `\n${indent}"${pkg}": "*"${empty ? '' : ','}`);
  }
  // No such field yet: add it as the last member of the root object.
  if (text.trim() === '{}') {
    const l = lines.findIndex((x) => x.includes('{}'));
    const c = lines[l].indexOf('{}') + 1;
    return make([l, c, l, c], `\n  "${field}": {\n    "${pkg}": "*"\n  }\n`);
  }
  let close = -1;
  for (let i = lines.length - 1; i >= 0 && close < 0; i--) if (lines[i].trimEnd().endsWith('}')) close = i;
  if (close < 0) return undefined;
  const closeCol = lines[close].lastIndexOf('}');
  if (lines[close].slice(0, closeCol).trim() !== '') {
    // The last member ends on the closing line: `  "a": 1 }`.
    return make([close, closeCol, close, closeCol], `, "${field}": { "${pkg}": "*" } `);
  }
  let prev = close - 1;
  while (prev > 0 && lines[prev].trim() === '') prev--;
  const at = lines[prev].trimEnd().length;
  const comma = lines[prev].trim() === '{' ? '' : ',';
  return make([prev, at, prev, at], `${comma}\n  "${field}": {\n    "${pkg}": "*"\n  }`);
}

/** Insert `line` as the first entry of a TOML table, creating the table at the end when absent. */
function tomlKeyEdit(text: string, table: string, line: string, make: Make): ManifestEdit {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.trim() === `[${table}]`);
  if (header >= 0) return make([header + 1, 0, header + 1, 0], `${line}\n`);
  const last = lines.length - 1;
  const sep = lines[last] === '' ? (lines[last - 1]?.trim() === '' ? '' : '\n') : '\n\n';
  return make([last, lines[last].length, last, lines[last].length], `${sep}[${table}]\n${line}\n`);
}

/** Add `"pkg"` to the array `key = [...]` of a TOML table (one-line or multi-line), or create it. */
function tomlArrayEdit(text: string, table: string, key: string, pkg: string, make: Make): ManifestEdit {
  const lines = text.split('\n');
  const header = lines.findIndex((l) => l.trim() === `[${table}]`);
  if (header >= 0) {
    let end = lines.length;
    for (let i = header + 1; i < lines.length; i++) {
      if (/^\s*\[/.test(lines[i])) {
        end = i;
        break;
      }
    }
    for (let i = header + 1; i < end; i++) {
      const m = new RegExp(`^(\\s*${key}\\s*=\\s*\\[)(.*)$`).exec(lines[i]);
      if (!m) continue;
      const rest = m[2];
      const close = rest.lastIndexOf(']');
      if (close >= 0) {
        const inner = rest.slice(0, close).trim();
        const col = m[1].length + close;
        return make([i, col, i, col], inner ? (inner.endsWith(',') ? ` "${pkg}"` : `, "${pkg}"`) : `"${pkg}"`);
      }
      const indent = /^\s*/.exec(lines[i + 1] ?? '')![0] || '    ';
      return make([i + 1, 0, i + 1, 0], `${indent}"${pkg}",\n`);
    }
    let insertAt = end;
    while (insertAt - 1 > header && lines[insertAt - 1].trim() === '') insertAt--;
    return make([insertAt, 0, insertAt, 0], `${key} = ["${pkg}"]\n`);
  }
  const last = lines.length - 1;
  const sep = lines[last] === '' ? '\n' : '\n\n';
  return make([last, lines[last].length, last, lines[last].length], `${sep}[${table}]\n${key} = ["${pkg}"]\n`);
}

function quoteKey(name: string): string {
  return /^[A-Za-z0-9_-]+$/.test(name) ? name : `"${name}"`;
}
