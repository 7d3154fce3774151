import type { Range } from '../model';
import type { ExternalImport } from './types';

// Rust and Go are not parsed into the graph; their imports are plain enough to read by line:
// `use name::…` / `extern crate name` and Go `import "path"` / import blocks. Comments and
// strings that merely look like imports are the cost of not parsing; the crate and module
// names they yield are still checked against the manifest like any other.

const RUST_BUILTIN = new Set(['std', 'core', 'alloc', 'crate', 'self', 'super', 'proc_macro', 'test', 'Self']);

export function rustImports(path: string, text: string): ExternalImport[] {
  const out: ExternalImport[] = [];
  const lines = text.split('\n');
  let inBlockComment = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i];
    if (inBlockComment) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      line = line.slice(end + 2);
      inBlockComment = false;
    }
    const start = line.indexOf('/*');
    if (start >= 0 && line.indexOf('*/', start) < 0) {
      inBlockComment = true;
      line = line.slice(0, start);
    }
    const m = /^(\s*(?:pub(?:\([^)]*\))?\s+)?(?:use\s+(?:::)?|extern\s+crate\s+))([A-Za-z_][A-Za-z0-9_]*)/.exec(line);
    if (!m || RUST_BUILTIN.has(m[2])) continue;
    const col = m[1].length;
    const range: Range = [i, col, i, col + m[2].length];
    out.push({ file: path, specifier: m[2], range, ecosystem: 'cargo' });
  }
  return out;
}

export function goImports(path: string, text: string): ExternalImport[] {
  const out: ExternalImport[] = [];
  const lines = text.split('\n');
  let inBlock = false;
  const take = (i: number, line: string) => {
    const m = /^(\s*(?:import\s+)?(?:[A-Za-z_.][A-Za-z0-9_]*\s+)?)"([^"]+)"/.exec(line);
    if (!m) return;
    const spec = m[2];
    // The standard library has no dot in its first path element.
    if (!spec.split('/')[0].includes('.')) return;
    const col = m[1].length + 1;
    out.push({ file: path, specifier: spec, range: [i, col, i, col + spec.length], ecosystem: 'go' });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '');
    if (inBlock) {
      if (/^\s*\)/.test(line)) inBlock = false;
      else take(i, line);
      continue;
    }
    if (/^\s*import\s*\(/.test(line)) {
      inBlock = true;
      continue;
    }
    if (/^\s*import\s/.test(line)) take(i, line);
    // Imports come before any declaration.
    if (/^\s*(func|type|var|const)\s/.test(line)) break;
  }
  return out;
}

/** The module `go get` needs for an import path: the known hosting layouts, else the whole path. */
export function goModuleOf(importPath: string): string {
  const p = importPath.split('/');
  if (/^(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)$/.test(p[0])) return p.slice(0, 3).join('/');
  if (p[0] === 'golang.org' && p[1] === 'x') return p.slice(0, 3).join('/');
  if (p[0] === 'gopkg.in' || p[0] === 'go.uber.org' || p[0] === 'google.golang.org' || p[0] === 'go.opentelemetry.io' || p[0] === 'k8s.io') return p.slice(0, 2).join('/');
  return importPath;
}
