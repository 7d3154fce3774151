import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileId } from '../graph/ids';
import type { WorkspaceIndex } from '../index/workspaceIndex';
import { parseSimpleYaml } from '../resolve/simpleYaml';
import type { DependencyWorkspace } from './analyzeDependencies';
import { inDir } from './packageManager';
import { readManifest } from './readManifest';
import { goImports, rustImports } from './rustGoImports';
import { isGuardedJsImport, isGuardedPythonImport } from './optionalImports';
import { importsOfSkippedFile } from './skippedFileImports';
import type { Ecosystem, ExternalImport, Manifest } from './types';
import { readWorkspaceText, scanWorkspaceFiles, type WorkspaceFiles } from './workspaceFiles';

// Gathers what the analysis needs from a built index and the disk. Which imports leave the
// repository is the graph's answer: the linker already resolved relative paths, tsconfig
// paths, workspace packages and local Python packages, and an import whose edge reaches an
// npm or PyPI node is external. Rust and Go sources are read here.

export function externalImportsFromIndex(index: WorkspaceIndex): ExternalImport[] {
  const graph = index.graph.graph;
  const out: ExternalImport[] = [];
  for (const path of index.filePaths()) {
    const facts = index.facts(path);
    if (!facts || facts.imports.length === 0) continue;
    const fid = fileId(path);
    if (!graph.hasNode(fid)) continue;
    const external = new Map<string, Ecosystem>();
    const internal = new Set<string>();
    graph.forEachOutEdge(fid, (_e, attrs, _s, _t, _sa, ta) => {
      if (attrs.kind !== 'imports') return;
      for (const r of attrs.sites ?? []) {
        const key = r.join(',');
        if (ta.kind === 'file' || ta.kind === 'package' || ta.file !== undefined) internal.add(key);
        else if (ta.space === 'npm' || ta.space === 'pypi') external.set(key, ta.space);
      }
    });
    // Everything a declaration file imports is a type; @types packages satisfy it.
    const declarationFile = /\.d\.[cm]?ts$/.test(path);
    for (const imp of facts.imports) {
      const key = imp.range.join(',');
      const eco = external.get(key);
      if (!eco || internal.has(key)) continue;
      const e: ExternalImport = { file: path, specifier: imp.specifier, range: imp.range, ecosystem: eco };
      if (imp.typeOnly || declarationFile) e.typeOnly = true;
      out.push(e);
    }
  }
  return out;
}

export interface CollectOptions {
  /** Texts of open editor buffers, which win over the disk for manifests. */
  overlay?: (path: string) => string | undefined;
  /** A previous walk to reuse when no file was added or removed on disk since. */
  files?: WorkspaceFiles;
  /** The imports to judge instead of the workspace's own (a snippet's): nothing else is read for them. */
  imports?: readonly ExternalImport[];
}

export function collectDependencyWorkspace(index: WorkspaceIndex, options: CollectOptions = {}): DependencyWorkspace {
  const root = index.root;
  const files = options.files ?? scanWorkspaceFiles(root, (p, d) => index.isIgnored(p, d));
  const read = (p: string) => options.overlay?.(p) ?? readWorkspaceText(root, p);
  const manifests: Manifest[] = [];
  for (const p of files.manifests) {
    const m = readManifest(p, read);
    if (m) manifests.push(m);
  }
  for (const ws of files.toolFiles) {
    if (!ws.endsWith('pnpm-workspace.yaml')) continue;
    const dir = ws.includes('/') ? ws.slice(0, ws.lastIndexOf('/')) : '';
    const pkg = manifests.find((m) => m.kind === 'package.json' && m.dir === dir);
    const text = read(ws);
    let yaml: unknown;
    try {
      yaml = text === undefined ? undefined : parseSimpleYaml(text);
    } catch {
      yaml = undefined;
    }
    const list = yaml && typeof yaml === 'object' ? (yaml as { packages?: unknown }).packages : undefined;
    if (pkg && Array.isArray(list)) pkg.workspaces = [...(pkg.workspaces ?? []), ...list.filter((x): x is string => typeof x === 'string')];
  }
  const imports = options.imports ? [...options.imports] : workspaceImports(index, files, read);
  const configs: { path: string; text: string }[] = [];
  for (const p of files.configs) {
    const text = read(p);
    if (text !== undefined && text.length < 512 * 1024) configs.push({ path: p, text });
  }
  const binCache = new Map<string, readonly string[] | undefined>();
  const texts = new Map<string, string | undefined>();
  const textOf = (p: string) => {
    if (!texts.has(p)) texts.set(p, index.documentText(p) ?? read(p));
    return texts.get(p);
  };
  return {
    isOptional: (imp) => {
      if (imp.ecosystem !== 'npm' && imp.ecosystem !== 'pypi') return false;
      const text = textOf(imp.file);
      if (text === undefined) return false;
      return imp.ecosystem === 'pypi' ? isGuardedPythonImport(text, imp.range[0]) : isGuardedJsImport(text, imp.range[0], imp.range[1]);
    },
    localPythonModule: (dir, module) => {
      const base = dir === '' ? '' : `${dir}/`;
      return [`${base}${module}.py`, `${base}${module}/__init__.py`, `${base}src/${module}.py`, `${base}src/${module}/__init__.py`].some((p) => index.hasFile(p));
    },
    vendored: (file, pkg, manifestDir) => {
      // A node_modules folder checked in below the manifest (test fixtures, vendored code)
      // is where Node finds the package; no manifest is meant to declare it.
      let d = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      while (d !== manifestDir && d.startsWith(manifestDir === '' ? '' : `${manifestDir}/`) && d !== '') {
        if (existsSync(join(root, d, 'node_modules', pkg))) return true;
        d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
      }
      return false;
    },
    manifests,
    imports,
    toolFiles: files.toolFiles,
    configs,
    installedBins: (pkg, dir) => {
      const key = `${dir}\0${pkg}`;
      if (!binCache.has(key)) binCache.set(key, installedBins(root, pkg, dir));
      return binCache.get(key);
    },
  };
}

/** Every external import of the workspace: the graph's, compiled files the index skipped, Rust and Go sources. */
function workspaceImports(index: WorkspaceIndex, files: WorkspaceFiles, read: (p: string) => string | undefined): ExternalImport[] {
  const imports = externalImportsFromIndex(index);
  for (const skipped of index.summary()?.skipped ?? []) {
    if ((skipped.reason !== 'generated' && skipped.reason !== 'minified') || !/\.[cm]?js$/.test(skipped.path)) continue;
    const text = read(skipped.path);
    if (text !== undefined) imports.push(...importsOfSkippedFile(skipped.path, text));
  }
  for (const p of files.sources) {
    const text = read(p);
    if (text === undefined) continue;
    imports.push(...(p.endsWith('.rs') ? rustImports(p, text) : goImports(p, text)));
  }
  return imports;
}

/** `bin` names of an installed package, looked up like Node does: node_modules of the folder and its parents. */
function installedBins(root: string, pkg: string, dir: string): readonly string[] | undefined {
  for (let d = dir; ; d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '') {
    const text = readWorkspaceText(root, inDir(d, `node_modules/${pkg}/package.json`), 1024 * 1024);
    if (text !== undefined) {
      try {
        const bin = (JSON.parse(text) as { bin?: unknown }).bin;
        if (typeof bin === 'string') return [pkg.slice(pkg.lastIndexOf('/') + 1)];
        if (bin && typeof bin === 'object') return Object.keys(bin);
        return [];
      } catch {
        return undefined;
      }
    }
    if (d === '') return undefined;
  }
}
