import type { Manifest } from '../types';
import { dirOf } from './packageJson';
import { problemAt } from './problem';

// go.mod: the module path (imports under it are the module itself) and `require` lines, single
// or in a block. `// indirect` requirements still make their packages importable.

export function readGoModManifest(path: string, text: string): Manifest {
  const manifest: Manifest = { path, dir: dirOf(path), kind: 'go.mod', ecosystem: 'go', dependencies: [] };
  const lines = text.split('\n');
  let inRequire = false;
  let inOtherBlock = false;
  for (let i = 0; i < lines.length; i++) {
    // `// indirect` requirements serve other modules: importable, but never "unused" here.
    const indirect = /\/\/\s*indirect\b/.test(lines[i]);
    const line = lines[i].replace(/\/\/.*$/, '').trim();
    if (!line) continue;
    if (inOtherBlock) {
      if (line === ')') inOtherBlock = false;
      continue;
    }
    if (inRequire) {
      if (line === ')') {
        inRequire = false;
        continue;
      }
      const m = /^(\S+)\s+\S+/.exec(line);
      if (m) manifest.dependencies.push({ name: unquote(m[1]), key: unquote(m[1]), group: indirect ? 'optional' : 'prod', line: i });
      else manifest.problem ??= problemAt(path, `go.mod: expected "module version" in require block`, i, 0, text);
      continue;
    }
    const mod = /^module\s+(\S+)/.exec(line);
    if (mod) {
      manifest.ownName = unquote(mod[1]);
      continue;
    }
    if (/^require\s*\($/.test(line)) {
      inRequire = true;
      continue;
    }
    const req = /^require\s+(\S+)\s+\S+/.exec(line);
    if (req) {
      manifest.dependencies.push({ name: unquote(req[1]), key: unquote(req[1]), group: indirect ? 'optional' : 'prod', line: i });
      continue;
    }
    if (/^(replace|exclude|retract|tool|godebug)\s*\($/.test(line)) {
      inOtherBlock = true;
      continue;
    }
    if (!/^(go|toolchain|replace|exclude|retract|godebug|tool)\b/.test(line)) {
      manifest.problem ??= problemAt(path, `go.mod: unknown directive "${line.split(/\s+/)[0]}"`, i, 0, text);
    }
  }
  if (inRequire) manifest.problem ??= problemAt(path, 'go.mod: require block is not closed', lines.length - 1, 0, text);
  if (!manifest.ownName) manifest.problem ??= problemAt(path, 'go.mod has no module line', 0, 0, text);
  return manifest;
}

function unquote(s: string): string {
  return s.replace(/^"(.*)"$/, '$1');
}
