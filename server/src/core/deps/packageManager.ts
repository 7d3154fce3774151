import type { Ecosystem, InstallCommand, Manifest, PackageTool } from './types';

// The command this project's own tooling uses to add a package, chosen from lockfiles and
// config the way a person would: pnpm-lock.yaml means pnpm, uv.lock means uv, and so on. The
// command runs in the package's own folder, except npm workspaces which are driven from the
// workspace root with `--workspace`.

export interface ToolingView {
  exists(path: string): boolean;
  /** Manifests by folder. */
  manifestsIn(dir: string): readonly Manifest[];
}

export function ancestors(dir: string): string[] {
  const out = [dir];
  for (let d = dir; d !== ''; ) {
    d = d.includes('/') ? d.slice(0, d.lastIndexOf('/')) : '';
    out.push(d);
  }
  return out;
}

export function inDir(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

const NPM_LOCKS: [string, PackageTool][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['pnpm-workspace.yaml', 'pnpm'],
  ['bun.lockb', 'bun'],
  ['bun.lock', 'bun'],
  ['yarn.lock', 'yarn'],
  ['.yarnrc.yml', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

export function npmToolFor(dir: string, view: ToolingView): { tool: PackageTool; workspaceRoot?: string } {
  let tool: PackageTool | undefined;
  let workspaceRoot: string | undefined;
  for (const d of ancestors(dir)) {
    const pkg = view.manifestsIn(d).find((m) => m.kind === 'package.json');
    if (pkg?.workspaces?.length || view.exists(inDir(d, 'pnpm-workspace.yaml'))) workspaceRoot = d;
    if (tool) continue;
    const declared = pkg?.tools?.[0];
    if (declared === 'npm' || declared === 'pnpm' || declared === 'yarn' || declared === 'bun') tool = declared;
    else for (const [file, t] of NPM_LOCKS) if (!tool && view.exists(inDir(d, file))) tool = t;
  }
  return { tool: tool ?? 'npm', workspaceRoot };
}

export function npmCommand(pkg: string, dev: boolean, dir: string, view: ToolingView): InstallCommand {
  const { tool, workspaceRoot } = npmToolFor(dir, view);
  const manifest = inDir(dir, 'package.json');
  switch (tool) {
    case 'pnpm':
      return { tool, command: `pnpm add ${dev ? '-D ' : ''}${pkg}`, cwd: dir, manifest };
    case 'yarn':
      return { tool, command: `yarn add ${dev ? '-D ' : ''}${pkg}`, cwd: dir, manifest };
    case 'bun':
      return { tool, command: `bun add ${dev ? '--dev ' : ''}${pkg}`, cwd: dir, manifest };
    default:
      if (workspaceRoot !== undefined && workspaceRoot !== dir) {
        const rel = workspaceRoot === '' ? dir : dir.slice(workspaceRoot.length + 1);
        return { tool: 'npm', command: `npm install ${dev ? '-D ' : ''}${pkg} --workspace ${rel}`, cwd: workspaceRoot, manifest };
      }
      return { tool: 'npm', command: `npm install ${dev ? '-D ' : ''}${pkg}`, cwd: dir, manifest };
  }
}

/** The Python project folder a file belongs to: the nearest folder holding a Python manifest. */
export function pythonCommand(dist: string, dev: boolean, dir: string, view: ToolingView): InstallCommand {
  const here = view.manifestsIn(dir).filter((m) => m.ecosystem === 'pypi');
  const pyproject = here.find((m) => m.kind === 'pyproject.toml');
  let tool: PackageTool | undefined;
  for (const d of ancestors(dir)) {
    if (view.exists(inDir(d, 'uv.lock'))) tool = 'uv';
    else if (view.exists(inDir(d, 'poetry.lock'))) tool = 'poetry';
    else if (view.exists(inDir(d, 'Pipfile.lock')) || view.exists(inDir(d, 'Pipfile'))) tool = 'pipenv';
    else if (view.exists(inDir(d, 'pdm.lock'))) tool = 'pdm';
    if (tool) break;
  }
  const tools = pyproject?.tools ?? [];
  if (!tool && tools.includes('poetry')) tool = 'poetry';
  if (!tool && tools.includes('uv')) tool = 'uv';
  if (!tool && tools.includes('pdm')) tool = 'pdm';
  const pyprojectPath = inDir(dir, 'pyproject.toml');
  switch (tool) {
    case 'uv':
      return { tool, command: `uv add ${dev ? '--dev ' : ''}${dist}`, cwd: dir, manifest: pyprojectPath };
    case 'poetry':
      return { tool, command: `poetry add ${dev ? '--group dev ' : ''}${dist}`, cwd: dir, manifest: pyprojectPath };
    case 'pipenv':
      return { tool, command: `pipenv install ${dev ? '--dev ' : ''}${dist}`, cwd: dir, manifest: inDir(dir, 'Pipfile') };
    case 'pdm':
      return { tool, command: `pdm add ${dev ? '--dev ' : ''}${dist}`, cwd: dir, manifest: pyprojectPath };
  }
  return { tool: 'pip', command: `pip install ${dist}`, cwd: dir, manifest: requirementsTarget(dev, dir, here) };
}

/** Where a pip project declares what it installs: its requirements file (dev one for dev), else pyproject. */
function requirementsTarget(dev: boolean, dir: string, here: readonly Manifest[]): string {
  const reqs = here.filter((m) => m.kind === 'requirements').map((m) => m.path);
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const isDev = (p: string) => /(dev|test|lint|docs|ci)/i.test(base(p));
  const prod = reqs.find((p) => base(p) === 'requirements.in') ?? reqs.find((p) => base(p) === 'requirements.txt') ?? reqs.find((p) => !isDev(p));
  if (dev) {
    const devFile = reqs.find((p) => isDev(p) && /\.(txt|in)$/.test(p));
    if (devFile) return devFile;
  }
  if (prod) return prod;
  const setupCfg = here.find((m) => m.kind === 'setup.cfg' && m.dependencies.length > 0);
  if (setupCfg) return setupCfg.path;
  if (here.some((m) => m.kind === 'pyproject.toml')) return inDir(dir, 'pyproject.toml');
  return inDir(dir, 'requirements.txt');
}

export function cargoCommand(crate: string, dev: boolean, dir: string): InstallCommand {
  return { tool: 'cargo', command: `cargo add ${dev ? '--dev ' : ''}${crate}`, cwd: dir, manifest: inDir(dir, 'Cargo.toml') };
}

export function goCommand(module: string, dir: string): InstallCommand {
  return { tool: 'go', command: `go get ${module}`, cwd: dir, manifest: inDir(dir, 'go.mod') };
}

export function commandFor(ecosystem: Ecosystem, pkg: string, dev: boolean, dir: string, view: ToolingView): InstallCommand {
  switch (ecosystem) {
    case 'npm':
      return npmCommand(pkg, dev, dir, view);
    case 'pypi':
      return pythonCommand(pkg, dev, dir, view);
    case 'cargo':
      return cargoCommand(pkg, dev, dir);
    case 'go':
      return goCommand(pkg, dir);
  }
}
