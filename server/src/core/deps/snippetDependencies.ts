import type { WorkspaceIndex } from '../index/workspaceIndex';
import { resolveJsImport } from '../resolve/jsResolver';
import { resolvePythonImport } from '../resolve/pythonResolver';
import { createFsResolveHost } from '../resolve/resolveHost';
import { analyzeDependencies } from './analyzeDependencies';
import { collectDependencyWorkspace } from './collectWorkspace';
import { importsOfSkippedFile } from './skippedFileImports';
import type { ExternalImport, MissingDependency } from './types';
import type { WorkspaceFiles } from './workspaceFiles';

// Code that is not in the workspace yet — an answer in the chat panel, a pasted snippet — may
// import packages the project lacks. Its imports are read by pattern, resolved as if the code
// were the file `asPath` (so tsconfig paths, workspace packages and local Python packages
// count as in-repo), and checked against the manifests that govern that path.

export type SnippetLanguage = 'typescript' | 'javascript' | 'python';

export function snippetImports(code: string, language: SnippetLanguage, asPath: string): ExternalImport[] {
  if (language !== 'python') return importsOfSkippedFile(asPath, code);
  const out: ExternalImport[] = [];
  const lines = code.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const from = /^(\s*from\s+)([A-Za-z_][\w.]*)\s+import\b/.exec(line);
    if (from) {
      out.push({ file: asPath, specifier: from[2], range: [i, from[1].length, i, from[1].length + from[2].length], ecosystem: 'pypi' });
      continue;
    }
    const imp = /^(\s*import\s+)(.+)$/.exec(line);
    if (!imp) continue;
    let col = imp[1].length;
    for (const part of imp[2].split(',')) {
      const name = /^\s*([A-Za-z_][\w.]*)/.exec(part);
      if (name) {
        const start = col + part.indexOf(name[1]);
        out.push({ file: asPath, specifier: name[1], range: [i, start, i, start + name[1].length], ecosystem: 'pypi' });
      }
      col += part.length + 1;
    }
  }
  return out;
}

/** Packages a snippet imports that the manifests governing `asPath` do not declare, with their commands. */
export async function missingForSnippet(index: WorkspaceIndex, code: string, language: SnippetLanguage, asPath: string, files?: WorkspaceFiles): Promise<MissingDependency[]> {
  await index.whenCurrent();
  const host = createFsResolveHost(index.root, new Set(index.filePaths()));
  const imports = snippetImports(code, language, asPath).filter((imp) => {
    const res = imp.ecosystem === 'pypi' ? resolvePythonImport(asPath, imp.specifier, host) : resolveJsImport(asPath, imp.specifier, host);
    return res.kind === 'external';
  });
  if (imports.length === 0) return [];
  // Only the snippet's own imports are judged; the workspace's were reported already.
  return analyzeDependencies(collectDependencyWorkspace(index, { imports, files })).missing;
}

/** Markdown to put under an answer: one install line per package its code would need. */
export function renderInstallHints(missing: readonly MissingDependency[]): string {
  if (missing.length === 0) return '';
  const lines = missing.map((m) => `- \`${m.package}\` is not declared in \`${m.install.manifest}\`: run \`${m.install.command}\`${m.install.cwd ? ` in \`${m.install.cwd}/\`` : ''}${m.install.tool === 'pip' ? ` and add it to \`${m.install.manifest}\`` : ''}`);
  return `This code imports ${missing.length === 1 ? 'a package' : 'packages'} the project does not declare:\n${lines.join('\n')}`;
}
