import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FileSink } from './generator/fileSink';
import { ENTITIES, PY_PACKAGE_NAMES, TS_PACKAGE_NAMES } from './generator/names';
import { newPyPackage, writePyPackage, type PyPackage } from './generator/pyPackage';
import { Rng } from './generator/rng';
import { newTsPackage, writeTsPackage, type TsContext, type TsPackage } from './generator/tsPackage';

// A synthetic but realistic npm-workspaces + Python monorepo for the benchmark. Everything
// derives from the seed, so two runs with the same options write byte-identical trees.

export interface GenerateOptions {
  /** Source lines to write (TypeScript/JavaScript + Python). Default 500,000; at least 2,000. */
  lines?: number;
  seed?: number;
  /** Share of the lines that are Python, 0..0.9. Default 0.35. */
  pythonShare?: number;
}

export interface GeneratedMonorepo {
  /** Source files (.ts/.tsx/.js/.py) outside ignored folders. */
  files: number;
  /** Lines in those files: tsLines + pyLines. */
  lines: number;
  /** Lines of .ts, .tsx and .js (the npm workspace side). */
  tsLines: number;
  pyLines: number;
  /** Root-relative (forward slashes) path of the ~40-line TypeScript file. */
  smallFile: string;
  /** Root-relative path of the 5,000-line TypeScript file (smaller only when `lines` is below ~20k). */
  largeFile: string;
}

/** Marks a folder as ours, so regenerating may wipe it and a typo'd path never wipes user files. */
const MARKER = '.sparkgraph-bench-monorepo';
/** Bump whenever the generated text changes, so trees written by an older generator are not reused. */
const GENERATOR_VERSION = 1;

interface Marker {
  generator: 'sparkgraph-bench';
  version: number;
  options: Required<GenerateOptions>;
  result: GeneratedMonorepo;
}
const SOURCE_EXTS = ['.ts', '.tsx', '.js', '.py'];

function withDefaults(opts: GenerateOptions): Required<GenerateOptions> {
  return { lines: opts.lines ?? 500_000, seed: opts.seed ?? 1, pythonShare: opts.pythonShare ?? 0.35 };
}

function prepareDir(dir: string): void {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new Error(`generateMonorepo: ${dir} exists and is not a folder`);
    const entries = readdirSync(dir);
    if (entries.length > 0) {
      if (!entries.includes(MARKER)) {
        throw new Error(`generateMonorepo: ${dir} is not empty and was not made by generateMonorepo; refusing to overwrite it`);
      }
      rmSync(dir, { recursive: true, force: true });
    }
  }
  mkdirSync(dir, { recursive: true });
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, n));
}

function rootFiles(sink: FileSink, tsPackages: readonly TsPackage[], pyPackages: readonly PyPackage[]): void {
  const pkg = {
    name: 'acme-monorepo',
    private: true,
    workspaces: ['packages/*'],
    scripts: { build: 'tsc -b', test: 'vitest run', lint: 'eslint .' },
    devDependencies: { typescript: '^5.5.0', vitest: '^2.0.0', '@types/express': '^4.17.21', '@types/react': '^18.3.3' },
  };
  sink.add('package.json', JSON.stringify(pkg, null, 2).split('\n'));
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      jsx: 'react-jsx',
      strict: true,
      allowJs: true,
      esModuleInterop: true,
      skipLibCheck: true,
      baseUrl: '.',
      paths: { '@app/*': ['packages/*/src'] },
    },
    include: ['packages/*/src'],
  };
  sink.add('tsconfig.json', JSON.stringify(tsconfig, null, 2).split('\n'));
  sink.add('.gitignore', ['node_modules/', 'dist/', '__pycache__/', '*.log', '.venv/']);
  sink.add('README.md', [
    '# acme monorepo',
    '',
    `Generated for the SparkGraph benchmark: ${tsPackages.length} npm workspace packages under packages/ and ${pyPackages.length} Python distributions under py/.`,
  ]);
  // Build output that an indexer must skip because .gitignore says so; it duplicates real names.
  sink.add('dist/index.js', ["'use strict';", 'exports.makeId = function makeId(key, count) {', "  return key + '_' + count;", '};']);
  sink.add('dist/index.d.ts', ['export declare function makeId(key: string, count: number): string;']);
  sink.add('packages/core/dist/index.js', ["export { makeId } from './utils/ids.js';"]);
  sink.add('packages/core/dist/utils/ids.js', ['export function makeId(key, count) {', "  return `${key}_${String(count).padStart(6, '0')}`;", '}']);
}

export async function generateMonorepo(dir: string, opts: GenerateOptions = {}): Promise<GeneratedMonorepo> {
  const { lines, seed, pythonShare } = withDefaults(opts);
  if (!Number.isInteger(lines) || lines < 2_000) throw new RangeError(`generateMonorepo: lines must be an integer >= 2000 (got ${lines})`);
  if (!Number.isInteger(seed)) throw new RangeError(`generateMonorepo: seed must be an integer (got ${seed})`);
  if (!(pythonShare >= 0 && pythonShare <= 0.9)) throw new RangeError(`generateMonorepo: pythonShare must be within 0..0.9 (got ${pythonShare})`);
  prepareDir(dir);

  const sink = new FileSink();
  const pyTarget = Math.round(lines * pythonShare);
  const tsTarget = lines - pyTarget;

  // Separate streams, so the Python side does not shift whenever the TypeScript side draws more numbers.
  const tsRng = new Rng(seed);
  const tsCount = clamp(Math.round(tsTarget / 11_000), 3, TS_PACKAGE_NAMES.length);
  const tsPackages: TsPackage[] = [];
  const ctx: TsContext = { rng: tsRng, sink, featured: [] };
  let tsWritten = 0;
  let smallFile = '';
  let largeFile = '';
  for (let i = 0; i < tsCount; i++) {
    const deps = i === 0 ? [] : [tsPackages[0]!, ...tsRng.sample(tsPackages.slice(1), tsRng.int(0, 3))];
    const pkg = newTsPackage(tsRng, TS_PACKAGE_NAMES[i]!, deps, ENTITIES);
    if (i === 0) ctx.core = pkg;
    const budget = Math.floor((tsTarget - tsWritten) / (tsCount - i));
    const out = writeTsPackage(ctx, pkg, budget, i === 0 ? { largeLines: Math.min(5_000, Math.floor(tsTarget * 0.4)) } : undefined);
    tsWritten += out.lines;
    if (out.small) smallFile = out.small;
    if (out.large) largeFile = out.large;
    tsPackages.push(pkg);
  }

  const pyRng = new Rng((seed ^ 0x5bd1e995) >>> 0);
  const pyCount = pyTarget < 300 ? 0 : clamp(Math.round(pyTarget / 12_000), 1, PY_PACKAGE_NAMES.length);
  const pyPackages: PyPackage[] = [];
  let pyWritten = 0;
  for (let i = 0; i < pyCount; i++) {
    const deps = i === 0 ? [] : [pyPackages[0]!, ...pyRng.sample(pyPackages.slice(1), pyRng.int(0, 2))];
    const pkg = newPyPackage(pyRng, PY_PACKAGE_NAMES[i]!, deps);
    pyWritten += writePyPackage({ rng: pyRng, sink }, pkg, Math.floor((pyTarget - pyWritten) / (pyCount - i)));
    pyPackages.push(pkg);
  }

  // Root files and ignored build output go to their own sink so they never count as sources.
  const extras = new FileSink();
  rootFiles(extras, tsPackages, pyPackages);
  const tsLines = sink.linesFor('.ts', '.tsx', '.js');
  const pyLines = sink.linesFor('.py');
  const files = sink.paths().filter((p) => SOURCE_EXTS.some((e) => p.endsWith(e))).length;
  const result: GeneratedMonorepo = { files, lines: tsLines + pyLines, tsLines, pyLines, smallFile, largeFile };
  const marker: Marker = { generator: 'sparkgraph-bench', version: GENERATOR_VERSION, options: { lines, seed, pythonShare }, result };
  extras.add(MARKER, [JSON.stringify(marker)]);
  await sink.writeTo(dir);
  await extras.writeTo(dir);
  return result;
}

/**
 * What generateMonorepo returned for `dir`, if `dir` holds a tree this generator version wrote
 * with the same options (defaults applied as generateMonorepo applies them); else undefined.
 * Lets a benchmark reuse a generated tree instead of writing it again.
 */
export function readGeneratedMonorepo(dir: string, opts: GenerateOptions = {}): GeneratedMonorepo | undefined {
  let marker: Marker;
  try {
    marker = JSON.parse(readFileSync(join(dir, MARKER), 'utf8')) as Marker;
  } catch {
    return undefined;
  }
  const want = withDefaults(opts);
  const same =
    marker.generator === 'sparkgraph-bench' &&
    marker.version === GENERATOR_VERSION &&
    marker.options?.lines === want.lines &&
    marker.options.seed === want.seed &&
    marker.options.pythonShare === want.pythonShare;
  return same ? marker.result : undefined;
}

/** True when `dir` holds a tree written by generateMonorepo. */
export function isGeneratedMonorepo(dir: string): boolean {
  return existsSync(join(dir, MARKER));
}
