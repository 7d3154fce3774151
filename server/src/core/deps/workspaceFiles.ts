import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_IGNORES } from '../discovery';

// One walk of the workspace for what the dependency analysis reads besides source files:
// manifests, lockfiles, tool configuration, and Rust/Go sources (which the graph does not
// parse). Ignored folders (.gitignore and defaults, through `isIgnored`) are skipped.

export const MANIFEST_NAME = /^(package\.json|pyproject\.toml|setup\.cfg|Pipfile|Cargo\.toml|go\.mod|requirements[^/]*\.(txt|in)|[^/]*requirements\.(txt|in))$/;

const TOOL_FILE =
  /^(pnpm-lock\.yaml|pnpm-workspace\.yaml|yarn\.lock|\.yarnrc\.yml|bun\.lockb?|package-lock\.json|npm-shrinkwrap\.json|uv\.lock|poetry\.lock|Pipfile\.lock|pdm\.lock|Cargo\.lock|go\.sum)$/;

export const CONFIG_FILE =
  /^(\.eslintrc(\.[a-z]+)?|eslint\.config\.[cm]?[jt]s|\.babelrc(\.[a-z]+)?|babel\.config\.[a-z]+|jest\.config\.[a-z]+|\.prettierrc(\.[a-z]+)?|prettier\.config\.[a-z]+|[jt]sconfig(\.[^/]*)?\.json|\.stylelintrc(\.[a-z]+)?|stylelint\.config\.[a-z]+|postcss\.config\.[a-z]+|tailwind\.config\.[a-z]+|vite\.config\.[a-z]+|vitest\.config\.[a-z]+|webpack\.config\.[a-z]+|rollup\.config\.[a-z]+|\.mocharc(\.[a-z]+)?|nodemon\.json|\.lintstagedrc(\.[a-z]+)?|commitlint\.config\.[a-z]+|\.commitlintrc(\.[a-z]+)?|karma\.conf\.[a-z]+|\.nycrc(\.[a-z]+)?|[a-z]+\.config\.[cm]?[jt]s|tox\.ini|pytest\.ini|mypy\.ini|\.flake8|\.pre-commit-config\.yaml|noxfile\.py|Makefile|Procfile|Dockerfile|\.pylintrc|\.coveragerc)$/;

const SOURCE = /\.(rs|go)$/;
const MAX_ENTRIES = 300_000;

export interface WorkspaceFiles {
  manifests: string[];
  /** Lockfiles and workspace files present, root-relative. */
  toolFiles: Set<string>;
  configs: string[];
  /** Rust and Go sources. */
  sources: string[];
}

export function scanWorkspaceFiles(root: string, isIgnored?: (path: string, isDir: boolean) => boolean): WorkspaceFiles {
  const out: WorkspaceFiles = { manifests: [], toolFiles: new Set(), configs: [], sources: [] };
  const ignoredNames = new Set(DEFAULT_IGNORES.filter((p) => p.endsWith('/') && !p.includes('*')).map((p) => p.slice(0, -1)));
  let seen = 0;
  const walk = (dir: string, depth: number) => {
    if (depth > 40 || seen > MAX_ENTRIES) return;
    let entries;
    try {
      entries = readdirSync(dir === '' ? root : join(root, dir), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      seen++;
      const rel = dir === '' ? e.name : `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (ignoredNames.has(e.name) || e.name.endsWith('.egg-info') || isIgnored?.(rel, true)) continue;
        walk(rel, depth + 1);
        continue;
      }
      if (!e.isFile()) continue;
      if (isIgnored?.(rel, false) && !TOOL_FILE.test(e.name)) continue;
      if (MANIFEST_NAME.test(e.name) || (/\.(txt|in)$/.test(e.name) && /(^|\/)requirements$/.test(dir))) out.manifests.push(rel);
      else if (TOOL_FILE.test(e.name)) out.toolFiles.add(rel);
      else if (SOURCE.test(e.name)) out.sources.push(rel);
      if (CONFIG_FILE.test(e.name)) out.configs.push(rel);
    }
  };
  walk('', 0);
  return out;
}

/** Text of a root-relative file; undefined when missing, unreadable or too large to be a manifest. */
export function readWorkspaceText(root: string, path: string, maxBytes = 4 * 1024 * 1024): string | undefined {
  try {
    const abs = join(root, path);
    if (statSync(abs).size > maxBytes) return undefined;
    return readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
}
