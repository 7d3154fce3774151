import { normalizePythonName, requirementName } from '../pep503';
import { parseToml, TomlError, type TomlTable, type TomlValue } from '../toml';
import type { DeclaredDependency, DependencyGroup, Manifest } from '../types';
import { dirOf } from './packageJson';
import { escapeRegExp, lineMatching, problemAt } from './problem';
import { lowestPython } from '../pythonVersion';

// pyproject.toml: PEP 621 `[project]` dependencies and optional-dependencies, PEP 735
// `[dependency-groups]`, Poetry (`[tool.poetry.dependencies]`, dev-dependencies, groups),
// uv and PDM dev dependencies. The tool tables also say which tool runs the project.

export function readPyprojectManifest(path: string, text: string): Manifest {
  const manifest: Manifest = { path, dir: dirOf(path), kind: 'pyproject.toml', ecosystem: 'pypi', dependencies: [] };
  let doc: TomlTable;
  try {
    doc = parseToml(text).value;
  } catch (e) {
    if (!(e instanceof TomlError)) throw e;
    manifest.problem = problemAt(path, `pyproject.toml is not valid TOML: ${e.message}`, e.line, e.column, text);
    return manifest;
  }
  const add = (spec: TomlValue, group: DependencyGroup, section: string) => {
    if (typeof spec !== 'string') return;
    const name = requirementName(spec);
    if (name) push(manifest, text, name, group, section);
  };
  const project = table(doc.project);
  if (project) {
    if (typeof project.name === 'string') manifest.ownName = project.name;
    if (typeof project['requires-python'] === 'string') manifest.pythonVersion = lowestPython(project['requires-python']);
    for (const spec of list(project.dependencies)) add(spec, 'prod', 'dependencies');
    for (const [, specs] of entries(project['optional-dependencies'])) for (const spec of list(specs)) add(spec, 'optional', 'optional-dependencies');
  }
  for (const [group, specs] of entries(doc['dependency-groups'])) {
    // Groups may include other groups ({include-group = "test"}): those are listed on their own.
    for (const spec of list(specs)) add(spec, group === 'main' ? 'prod' : 'dev', 'dependency-groups');
  }
  const tool = table(doc.tool);
  const tools: string[] = [];
  const poetry = table(tool?.poetry);
  if (poetry) {
    tools.push('poetry');
    if (typeof poetry.name === 'string') manifest.ownName ??= poetry.name;
    const names = (t: TomlValue | undefined, group: DependencyGroup, section: string) => {
      for (const [name] of entries(t)) if (name.toLowerCase() !== 'python') push(manifest, text, name, group, section);
    };
    names(poetry.dependencies, 'prod', 'tool.poetry.dependencies');
    const python = table(poetry.dependencies)?.python;
    if (typeof python === 'string') manifest.pythonVersion ??= lowestPython(python);
    names(poetry['dev-dependencies'], 'dev', 'tool.poetry.dev-dependencies');
    for (const [group, spec] of entries(poetry.group)) names(table(spec)?.dependencies, group === 'main' ? 'prod' : 'dev', `tool.poetry.group.${group}`);
  }
  const uv = table(tool?.uv);
  if (uv) {
    tools.push('uv');
    for (const spec of list(uv['dev-dependencies'])) add(spec, 'dev', 'tool.uv');
  }
  const pdm = table(tool?.pdm);
  if (pdm) {
    tools.push('pdm');
    for (const [, specs] of entries(pdm['dev-dependencies'])) for (const spec of list(specs)) add(spec, 'dev', 'tool.pdm');
  }
  if (tools.length) manifest.tools = tools;
  if (manifest.pythonVersion === undefined) delete manifest.pythonVersion;
  return manifest;
}

function push(manifest: Manifest, text: string, name: string, group: DependencyGroup, section: string): void {
  const d: DeclaredDependency = { name, key: normalizePythonName(name), group };
  const sectionLine = lineMatching(text, new RegExp(`^\\s*\\[?${escapeRegExp(section.split('.').pop()!)}`)) ?? 0;
  const line = lineMatching(text, new RegExp(`(^|["'\\s])${escapeRegExp(name)}\\b`), sectionLine);
  if (line !== undefined) d.line = line;
  manifest.dependencies.push(d);
}

function table(v: TomlValue | undefined): TomlTable | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : undefined;
}

function list(v: TomlValue | undefined): TomlValue[] {
  return Array.isArray(v) ? v : [];
}

function entries(v: TomlValue | undefined): [string, TomlValue][] {
  const t = table(v);
  return t ? Object.entries(t) : [];
}
