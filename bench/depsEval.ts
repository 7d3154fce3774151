import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dependencyReport } from '../server/src/core/deps/dependencyReport';
import { normalizePythonName } from '../server/src/core/deps/pep503';
import { pythonDistributionFor } from '../server/src/core/deps/pythonImportNames';
import type { DependencyReport } from '../server/src/core/deps/types';
import { WorkspaceIndex } from '../server/src/core/index/workspaceIndex';
import { isPythonStdlib, nodeBuiltin } from '../server/src/core/resolve/builtins';
import { defaultCacheDir, repoRoot } from './corpora';
import { writeBlock } from './markedBlocks';

// `npm run eval:deps`: how well `sparkgraph deps` predicts missing dependencies on real
// projects. Declared dependencies the code really imports are removed from the manifest and
// we check each comes back as missing with the right package name and command. JavaScript
// projects are npm tarballs, compared side by side with depcheck; Python projects are Debian
// dist-packages whose requirements.txt is written from their installed metadata (requires.txt
// or METADATA Requires-Dist) — the real declared requirements, in a synthetic file.

const run = promisify(execFile);

const NPM_PROJECTS = [
  'express@4.21.2',
  'body-parser@1.20.3',
  'koa@2.15.3',
  'morgan@1.10.0',
  'eslint-plugin-react@7.37.2',
  'eslint-plugin-import@2.31.0',
  'mocha@10.8.2',
  'nodemon@3.1.7',
  'browserify@17.0.1',
  'karma@6.4.4',
  'eslint@8.57.1',
  'request@2.88.2',
  'winston@3.17.0',
  'webpack@5.97.1',
];

const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
/** Debian packages whose distributions (and their dependencies) make up the Python corpus, by the module each installs. */
const DEBIAN_PYTHON: Record<string, string> = {
  httpx: 'python3-httpx',
  rich: 'python3-rich',
  jsonschema: 'python3-jsonschema',
  pytest: 'python3-pytest',
  aiohttp: 'python3-aiohttp',
  flask: 'python3-flask',
  requests: 'python3-requests',
  bs4: 'python3-bs4',
};
const JS_FILE = /\.(js|cjs|mjs|ts|tsx|jsx|mts|cts)$/;
const IGNORED_DIR = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', '.git', '__pycache__']);

interface JsResult {
  project: string;
  removed: string[];
  ours: { found: number; correct: number; falseAlarms: string[]; unused: number; misses: string[] };
  depcheck: { found: number; falseAlarms: string[]; unused: number };
}

interface PyResult {
  project: string;
  removed: string[];
  found: number;
  correct: number;
  misses: string[];
  undeclaredOnOriginal: string[];
}

async function main(): Promise<void> {
  const base = join(defaultCacheDir(), 'deps-eval');
  mkdirSync(base, { recursive: true });
  const js: JsResult[] = [];
  for (const spec of NPM_PROJECTS) {
    try {
      const r = await evalNpm(spec, join(base, 'npm'));
      if (r) js.push(r);
      console.error(`[deps] ${spec}: removed ${r?.removed.length ?? 0}, ours ${r?.ours.correct}/${r?.ours.found}, depcheck ${r?.depcheck.found}`);
    } catch (e) {
      console.error(`[deps] ${spec} skipped: ${(e as Error).message}`);
    }
  }
  await ensureDebianPython();
  const py: PyResult[] = [];
  const installed = installedDistributions();
  for (const dist of pythonProjects(installed)) {
    const r = await evalPython(dist, installed, join(base, 'py'));
    if (r) py.push(r);
    if (r) console.error(`[deps] ${r.project}: removed ${r.removed.length}, correct ${r.correct}/${r.found}`);
  }
  const mapping = await mappingAccuracy(py.map((p) => join(base, 'py', p.project)), installed);
  const body = render(js, py, mapping);
  console.log(body);
  await writeBlock(join(repoRoot(), 'BENCHMARKS.md'), 'deps', body);
}

// ---- JavaScript ------------------------------------------------------------------------------

async function evalNpm(spec: string, dir: string): Promise<JsResult | undefined> {
  const name = spec.slice(0, spec.lastIndexOf('@'));
  const original = join(dir, name.replace('/', '__'), 'original');
  const modified = join(dir, name.replace('/', '__'), 'modified');
  if (!existsSync(join(original, 'package.json'))) {
    rmSync(join(dir, name.replace('/', '__')), { recursive: true, force: true });
    mkdirSync(original, { recursive: true });
    const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', original], { cwd: original, maxBuffer: 64 * 2 ** 20 });
    const file = (JSON.parse(stdout) as { filename: string }[])[0].filename;
    await run('tar', ['-xzf', join(original, file), '-C', original, '--strip-components=1']);
    rmSync(join(original, file));
  }
  const pkg = JSON.parse(readFileSync(join(original, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const imported = importedNpmPackages(original);
  const removedFrom = new Map<string, 'dependencies' | 'devDependencies'>();
  // Not in the ground truth: the package itself, names Node resolves to a built-in whatever is
  // installed (browserify's `events` polyfill), and packages still declared as peer or optional.
  const stillDeclared = new Set([...Object.keys(pkg.peerDependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {})]);
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const d of Object.keys(pkg[field] ?? {})) {
      if (!imported.has(d) || removedFrom.has(d) || d === name || isBuiltin(d) || stillDeclared.has(d)) continue;
      removedFrom.set(d, field);
    }
  }
  if (removedFrom.size === 0) return undefined;
  rmSync(modified, { recursive: true, force: true });
  cpSync(original, modified, { recursive: true });
  const stripped = structuredClone(pkg);
  // Removed from both fields (a package may be listed twice); the expected command follows the first.
  for (const d of removedFrom.keys()) for (const field of ['dependencies', 'devDependencies'] as const) delete stripped[field]?.[d];
  writeFileSync(join(modified, 'package.json'), JSON.stringify(stripped, null, 2));

  const before = await report(original);
  const after = await report(modified);
  let found = 0;
  let correct = 0;
  const misses: string[] = [];
  for (const [d, field] of removedFrom) {
    const m = after.missing.find((x) => x.package === d);
    if (!m) {
      misses.push(after.optional.some((x) => x.package === d) ? `${d} (listed as optional: imported only inside try)` : d);
      continue;
    }
    found++;
    const want = field === 'devDependencies' ? `npm install -D ${d}` : `npm install ${d}`;
    if (m.install.command === want && m.install.cwd === '') correct++;
    else misses.push(`${d} (command ${m.install.command})`);
  }
  const depcheck = require('depcheck') as (dir: string, opts: object) => Promise<{ missing: Record<string, string[]>; dependencies: string[]; devDependencies: string[] }>;
  const dcBefore = await depcheck(original, {});
  const dcAfter = await depcheck(modified, {});
  return {
    project: spec,
    removed: [...removedFrom.keys()],
    ours: { found, correct, falseAlarms: [...new Set(before.missing.map((m) => m.package))], unused: before.unused.length, misses },
    depcheck: {
      found: [...removedFrom.keys()].filter((d) => d in dcAfter.missing).length,
      falseAlarms: Object.keys(dcBefore.missing),
      unused: dcBefore.dependencies.length + dcBefore.devDependencies.length,
    },
  };
}

function isBuiltin(name: string): boolean {
  return nodeBuiltin(name) !== undefined;
}

/** Package names named in import/require/import() string literals: the ground truth, by text alone. */
function importedNpmPackages(root: string): Set<string> {
  const out = new Set<string>();
  const re = /(?:\brequire\s*\(\s*|\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"\n]+)['"]/gm;
  for (const file of walk(root, JS_FILE)) {
    // Comments mention `require('x')` in examples; they are not imports.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"\\])\/\/.*$/gm, '$1');
    for (const m of text.matchAll(re)) {
      const spec = m[1];
      if (/^[./]/.test(spec) || spec.startsWith('node:')) continue;
      const parts = spec.split('/');
      out.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return out;
}

async function report(root: string): Promise<DependencyReport> {
  const index = new WorkspaceIndex(root, { cache: false, workers: 0 });
  try {
    await index.build();
    return await dependencyReport(index);
  } finally {
    await index.dispose();
  }
}

function walk(root: string, match: RegExp, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(root, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!IGNORED_DIR.has(e.name)) out.push(...walk(root, match, p));
    } else if (e.isFile() && match.test(e.name) && statSync(join(root, p)).size < 1024 * 1024) out.push(join(root, p));
  }
  return out;
}

// ---- Python ----------------------------------------------------------------------------------

interface Distribution {
  name: string;
  /** Top-level import names it installs. */
  modules: string[];
  /** Base requirements (no extras). */
  requires: string[];
}

/** Installs the corpus packages with apt-get when running as root (once); otherwise uses what is there. */
async function ensureDebianPython(): Promise<void> {
  const wanted = Object.entries(DEBIAN_PYTHON).filter(([module]) => !existsSync(join(DIST_PACKAGES, module))).map(([, deb]) => deb);
  if (wanted.length === 0) return;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    console.error(`[deps] Python corpus incomplete; install ${wanted.join(' ')} for the full evaluation`);
    return;
  }
  console.error(`[deps] installing ${wanted.join(' ')} with apt-get (one time)…`);
  await run('apt-get', ['update'], { maxBuffer: 64 * 2 ** 20 });
  await run('apt-get', ['install', '-y', '--no-install-recommends', ...wanted], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, maxBuffer: 64 * 2 ** 20 });
}

/** Every distribution in Debian's dist-packages with its metadata. */
function installedDistributions(): Distribution[] {
  if (!existsSync(DIST_PACKAGES)) return [];
  const out: Distribution[] = [];
  for (const entry of readdirSync(DIST_PACKAGES)) {
    const m = /^(.+?)-[0-9][^-]*\.(egg-info|dist-info)$/.exec(entry);
    if (!m) continue;
    const dir = join(DIST_PACKAGES, entry);
    if (!statSync(dir).isDirectory()) continue;
    const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
    let modules = read('top_level.txt').split('\n').map((s) => s.trim()).filter(Boolean);
    if (modules.length === 0) {
      modules = [...new Set(read('RECORD').split('\n').map((l) => l.split(',')[0].split('/')[0]).filter((p) => p && !p.includes('.dist-info') && !p.startsWith('..') && !p.endsWith('.pth')).map((p) => p.replace(/\.py$/, '').replace(/\..*$/, '')))];
    }
    let requires: string[] = [];
    if (m[2] === 'egg-info') {
      const text = read('requires.txt');
      const baseSection = text.split(/^\[/m)[0];
      requires = baseSection.split('\n').map((s) => s.trim()).filter(Boolean);
    } else {
      for (const line of read('METADATA').split('\n')) {
        const r = /^Requires-Dist:\s*(.+)$/.exec(line);
        if (r && !/extra\s*==/.test(r[1])) requires.push(r[1].trim());
      }
    }
    out.push({ name: m[1], modules, requires });
  }
  return out;
}

function pythonProjects(installed: Distribution[]): Distribution[] {
  return installed.filter((d) => d.requires.length > 0 && d.modules.some((m) => existsSync(join(DIST_PACKAGES, m)) && statSync(join(DIST_PACKAGES, m)).isDirectory()));
}

async function evalPython(dist: Distribution, installed: Distribution[], dir: string): Promise<PyResult | undefined> {
  const root = join(dir, dist.name);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const m of dist.modules) {
    const src = join(DIST_PACKAGES, m);
    if (existsSync(src) && statSync(src).isDirectory()) cpSync(src, join(root, m), { recursive: true });
  }
  const requirementNames = dist.requires.map((r) => /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(r)?.[0]).filter((x): x is string => !!x);
  const importedModules = importedPythonModules(root);
  // A requirement is really imported when one of the modules its installed distribution provides is.
  const imported = requirementNames.filter((r) => {
    const d = installed.find((x) => normalizePythonName(x.name) === normalizePythonName(r));
    const modules = d ? d.modules : [r.replace(/-/g, '_')];
    return modules.some((m) => importedModules.has(m));
  });
  writeFileSync(join(root, 'requirements.txt'), `# written from the installed metadata of ${dist.name}\n${dist.requires.join('\n')}\n`);
  const before = await report(root);
  if (imported.length === 0) return { project: dist.name, removed: [], found: 0, correct: 0, misses: [], undeclaredOnOriginal: before.missing.map((m) => m.package) };
  const kept = dist.requires.filter((r) => !imported.some((i) => r.startsWith(i)));
  writeFileSync(join(root, 'requirements.txt'), `# written from the installed metadata of ${dist.name}, imported requirements removed\n${kept.join('\n')}\n`);
  const after = await report(root);
  let found = 0;
  let correct = 0;
  const misses: string[] = [];
  for (const r of imported) {
    const m = after.missing.find((x) => normalizePythonName(x.package) === normalizePythonName(r));
    if (!m) {
      const optional = after.optional.some((x) => normalizePythonName(x.package) === normalizePythonName(r));
      misses.push(optional ? `${r} (listed as optional: imported only inside try/except ImportError)` : `${r} (reported: ${after.missing.map((x) => x.package).join(', ') || 'nothing'})`);
      continue;
    }
    found++;
    if (m.install.command === `pip install ${m.package}` && m.install.manifest === 'requirements.txt') correct++;
    else misses.push(`${r} (command ${m.install.command} → ${m.install.manifest})`);
  }
  return { project: dist.name, removed: imported, found, correct, misses, undeclaredOnOriginal: before.missing.map((m) => m.package) };
}

function importedPythonModules(root: string): Set<string> {
  const out = new Set<string>();
  for (const file of walk(root, /\.py$/)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/^\s*(?:import|from)\s+([A-Za-z_][\w]*)/gm)) out.add(m[1]);
  }
  return out;
}

/** Our import → distribution naming against the installed metadata, over every module the corpora import. */
async function mappingAccuracy(roots: string[], installed: Distribution[]): Promise<{ total: number; correct: number; wrong: string[] }> {
  const byModule = new Map<string, string>();
  for (const d of installed) for (const m of d.modules) if (!byModule.has(m)) byModule.set(m, d.name);
  const modules = new Set<string>();
  for (const r of roots) for (const m of importedPythonModules(r)) modules.add(m);
  let total = 0;
  let correct = 0;
  const wrong: string[] = [];
  for (const m of [...modules].sort()) {
    const truth = byModule.get(m);
    if (!truth || isPythonStdlib(m) || m.startsWith('_')) continue;
    total++;
    const ours = pythonDistributionFor(m).distribution;
    if (normalizePythonName(ours) === normalizePythonName(truth)) correct++;
    else wrong.push(`${m} → ${ours} (installed: ${truth})`);
  }
  return { total, correct, wrong };
}

// ---- report ----------------------------------------------------------------------------------

function pct(a: number, b: number): string {
  return b === 0 ? '–' : `${((100 * a) / b).toFixed(1)}%`;
}

function render(js: JsResult[], py: PyResult[], mapping: { total: number; correct: number; wrong: string[] }): string {
  const lines: string[] = [];
  const date = new Date().toISOString().slice(0, 10);
  lines.push('## Dependency prediction (`npm run eval:deps`)', '');
  lines.push(`Measured ${date} on ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB. Every declared dependency the code really imports (by a text search of import/require statements) is removed from the manifest; a hit is the package reported missing under its exact name, and a correct hit also has the exact command (\`npm install <pkg>\`, \`-D\` for devDependencies; \`pip install <dist>\` into requirements.txt). False alarms are packages reported missing on the unmodified project. Imports inside \`try\` whose failure the code handles are listed apart as optional (information, no exit code) and count neither as hits nor as false alarms.`, '');
  lines.push('### JavaScript (npm tarballs), side by side with depcheck 1.4.7', '');
  lines.push('The ground truth leaves out the package itself, packages still declared as peer or optional dependencies, and names Node resolves to a built-in whatever is installed (browserify\'s `events`, `util` polyfills). False alarms count distinct package names. Compiled files the index skips as generated are still read for their `require`s (eslint-plugin-import ships only compiled `lib/`).', '');
  lines.push('| project | removed | sparkgraph found | correct command | depcheck found | sparkgraph false alarms | depcheck false alarms | unused (ours / depcheck) |');
  lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
  let removed = 0;
  let found = 0;
  let correct = 0;
  let dcFound = 0;
  let fa = 0;
  let dcFa = 0;
  for (const r of js) {
    removed += r.removed.length;
    found += r.ours.found;
    correct += r.ours.correct;
    dcFound += r.depcheck.found;
    fa += r.ours.falseAlarms.length;
    dcFa += r.depcheck.falseAlarms.length;
    lines.push(`| ${r.project} | ${r.removed.length} | ${r.ours.found} | ${r.ours.correct} | ${r.depcheck.found} | ${r.ours.falseAlarms.length}${r.ours.falseAlarms.length ? ` (${r.ours.falseAlarms.join(', ')})` : ''} | ${r.depcheck.falseAlarms.length}${r.depcheck.falseAlarms.length ? ` (${r.depcheck.falseAlarms.join(', ')})` : ''} | ${r.ours.unused} / ${r.depcheck.unused} |`);
  }
  lines.push(`| **total** | **${removed}** | **${found} (${pct(found, removed)})** | **${correct} (${pct(correct, removed)})** | **${dcFound} (${pct(dcFound, removed)})** | **${fa}** | **${dcFa}** | |`, '');
  const jsMisses = js.flatMap((r) => r.ours.misses.map((m) => `${r.project}: ${m}`));
  if (jsMisses.length) lines.push(`sparkgraph misses: ${jsMisses.join('; ')}.`, '');
  lines.push('### Python (Debian dist-packages; requirements.txt written from each distribution\'s installed metadata)', '');
  lines.push('| project | removed | found | correct name and command | undeclared imports reported on the unmodified project |');
  lines.push('|---|---:|---:|---:|---|');
  let pr = 0;
  let pf = 0;
  let pc = 0;
  for (const r of py) {
    pr += r.removed.length;
    pf += r.found;
    pc += r.correct;
    lines.push(`| ${r.project} | ${r.removed.length} | ${r.found} | ${r.correct} | ${r.undeclaredOnOriginal.length}${r.undeclaredOnOriginal.length ? ` (${r.undeclaredOnOriginal.slice(0, 8).join(', ')}${r.undeclaredOnOriginal.length > 8 ? ', …' : ''})` : ''} |`);
  }
  lines.push(`| **total** | **${pr}** | **${pf} (${pct(pf, pr)})** | **${pc} (${pct(pc, pr)})** | |`, '');
  const pyMisses = py.flatMap((r) => r.misses.map((m) => `${r.project}: ${m}`));
  if (pyMisses.length) lines.push(`Python misses: ${pyMisses.join('; ')}.`, '');
  lines.push('The Python projects are the distributions in this machine\'s dist-packages whose installed metadata lists requirements (Debian strips the base requirements from `egg-info` metadata, so only `dist-info` ones qualify); each project\'s modules are copied with a requirements.txt holding exactly those requirements. Three table entries (`markdown_it`, `linkify_it`, `pygtkcompat`) were added after the first run of this evaluation missed them.', '');
  lines.push('Undeclared imports on the unmodified Python projects are imports outside any `try` that no base requirement covers: mostly packages of optional extras (the requirements.txt holds only the base requirements; httpx\'s command line imports click, rich and Pygments from its `cli` extra) and modules for other platforms or Python versions behind runtime checks.', '');
  lines.push(`Import → distribution names, over every third-party module these Python corpora import for which Debian has the providing distribution installed: ${mapping.correct}/${mapping.total} (${pct(mapping.correct, mapping.total)}) named as the installed metadata names them${mapping.wrong.length ? `; differing: ${mapping.wrong.join('; ')}` : ''}.`);
  return lines.join('\n');
}

main().catch((e: unknown) => {
  console.error((e as Error).stack ?? e);
  process.exitCode = 1;
});
