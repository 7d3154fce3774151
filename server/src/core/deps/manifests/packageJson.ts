import type { DeclaredDependency, DependencyGroup, Manifest } from '../types';
import { escapeRegExp, jsonErrorPosition, lineMatching, problemAt } from './problem';

// package.json: the four dependency fields, the workspace patterns, scripts (tools run from
// the command line are used without an import) and the declared package manager.

const FIELDS: [string, DependencyGroup][] = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['peerDependencies', 'peer'],
  ['optionalDependencies', 'optional'],
];

export function readPackageJsonManifest(path: string, text: string): Manifest {
  const dir = dirOf(path);
  const manifest: Manifest = { path, dir, kind: 'package.json', ecosystem: 'npm', dependencies: [] };
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const { line, column } = jsonErrorPosition(e as Error, text);
    manifest.problem = problemAt(path, `package.json is not valid JSON: ${(e as Error).message}`, line, column, text);
    return manifest;
  }
  if (!isRecord(json)) {
    manifest.problem = problemAt(path, 'package.json must hold a JSON object', 0, 0, text);
    return manifest;
  }
  if (typeof json.name === 'string' && json.name) manifest.ownName = json.name;
  const seen = new Set<string>();
  for (const [field, group] of FIELDS) {
    const deps = json[field];
    if (deps === undefined) continue;
    if (!isRecord(deps)) {
      const line = lineMatching(text, new RegExp(`"${field}"\\s*:`)) ?? 0;
      manifest.problem ??= problemAt(path, `"${field}" must be an object of package names to versions`, line, 0, text);
      continue;
    }
    const fieldLine = lineMatching(text, new RegExp(`"${field}"\\s*:`)) ?? 0;
    for (const name of Object.keys(deps)) {
      // A package both in dependencies and peerDependencies counts once, in the first field.
      if (seen.has(`${group}\0${name}`)) continue;
      seen.add(`${group}\0${name}`);
      const d: DeclaredDependency = { name, key: name, group };
      const line = lineMatching(text, new RegExp(`"${escapeRegExp(name)}"\\s*:`), fieldLine);
      if (line !== undefined) d.line = line;
      manifest.dependencies.push(d);
    }
  }
  const ws = json.workspaces;
  const list = Array.isArray(ws) ? ws : isRecord(ws) ? ws.packages : undefined;
  if (Array.isArray(list)) manifest.workspaces = list.filter((p): p is string => typeof p === 'string');
  if (isRecord(json.scripts)) manifest.scripts = Object.values(json.scripts).filter((s): s is string => typeof s === 'string');
  // VS Code extensions import `vscode` from the extension host, never from the registry.
  if (isRecord(json.engines) && typeof json.engines.vscode === 'string') manifest.provides = ['vscode'];
  if (isRecord(json.browser)) {
    const aliases: Record<string, string | false> = {};
    for (const [k, v] of Object.entries(json.browser)) if (!/^[./]/.test(k) && (typeof v === 'string' || v === false)) aliases[k] = v;
    if (Object.keys(aliases).length) manifest.aliases = aliases;
  }
  const rest = Object.entries(json).filter(([k]) => !FIELDS.some(([f]) => f === k) && !['name', 'version', 'description', 'scripts', 'workspaces'].includes(k));
  if (rest.length) manifest.configText = JSON.stringify(Object.fromEntries(rest), null, 1);
  if (typeof json.packageManager === 'string') manifest.tools = [json.packageManager.split('@')[0]];
  return manifest;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
