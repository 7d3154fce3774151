import { normalizePythonName, requirementName } from '../pep503';
import type { DeclaredDependency, Manifest } from '../types';
import { dirOf } from './packageJson';
import { problemAt } from './problem';

// requirements*.txt: one requirement per line, `-r`/`--requirement` and `-c` includes (read
// through `readText`, each file once, so include cycles end), options and comments skipped.
// Files named for development (requirements-dev.txt, requirements/test.txt) declare dev
// dependencies.

const DEV_NAME = /(^|[-_./])(dev|develop|development|test|tests|testing|lint|docs|ci|tox|extra|optional)([-_./]|$)/i;

export function isDevRequirementsFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const parent = dirOf(path);
  const inReqDir = /(^|\/)requirements$/.test(parent);
  return DEV_NAME.test(base.replace(/\.(txt|in)$/, '')) || (inReqDir && DEV_NAME.test(`/${base.replace(/\.(txt|in)$/, '')}`));
}

export function readRequirementsManifest(path: string, readText: (path: string) => string | undefined): Manifest {
  // requirements/base.txt, requirements/dev.txt belong to the project in the folder above.
  const own = dirOf(path);
  const dir = /(^|\/)requirements$/.test(own) ? dirOf(own) : own;
  const manifest: Manifest = { path, dir, kind: 'requirements', ecosystem: 'pypi', dependencies: [] };
  const visited = new Set<string>();
  const visit = (file: string, dev: boolean, via: string | undefined, viaLine: number, viaText: string) => {
    if (visited.has(file)) return;
    visited.add(file);
    const text = readText(file);
    if (text === undefined) {
      if (via !== undefined) manifest.problem ??= problemAt(via, `included file ${file} cannot be read`, viaLine, 0, viaText);
      return;
    }
    if (text.includes('\0')) {
      manifest.problem ??= problemAt(file, `${file} is not a text requirements file`, 0, 0, '');
      return;
    }
    const lines = text.replace(/^\uFEFF/, '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      let line = lines[i].replace(/\r$/, '');
      // Continuation lines join before comments are stripped, like pip does.
      const start = i;
      while (line.endsWith('\\') && i + 1 < lines.length) line = line.slice(0, -1) + lines[++i].replace(/\r$/, '');
      const content = line.replace(/(^|\s)#.*$/, '').trim();
      if (!content) continue;
      const inc = /^(?:-r|--requirement|-c|--constraint)(?:\s*=\s*|\s+)(\S+)$/.exec(content) ?? /^-[rc](\S+)$/.exec(content);
      if (inc) {
        // Constraints pin versions without declaring anything.
        if (/^(-c|--constraint)/.test(content)) continue;
        const target = joinPath(dirOf(file), inc[1]);
        visit(target, dev || isDevRequirementsFile(target), file, start, text);
        continue;
      }
      if (content.startsWith('-')) {
        const editable = /^(?:-e|--editable)\s+(\S+)/.exec(content);
        const name = editable ? requirementName(editable[1]) : undefined;
        if (name) manifest.dependencies.push({ name, key: normalizePythonName(name), group: dev ? 'dev' : 'prod', line: file === path ? start : undefined });
        continue;
      }
      const name = requirementName(content);
      if (!name) {
        if (!/^(\.|\/|[a-z+]+:\/\/|git\+)/i.test(content)) {
          manifest.problem ??= problemAt(file, `cannot read requirement "${content}"`, start, 0, text);
        }
        continue;
      }
      const d: DeclaredDependency = { name, key: normalizePythonName(name), group: dev ? 'dev' : 'prod' };
      if (file === path) d.line = start;
      manifest.dependencies.push(d);
    }
  };
  visit(path, isDevRequirementsFile(path), undefined, 0, '');
  return manifest;
}

/** Root-relative join that stays inside the workspace; `..` above the root is dropped. */
export function joinPath(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const p of rel.replace(/\\/g, '/').split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/');
}
