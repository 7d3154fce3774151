import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

// Real-world code to index next to the generated monorepo: TypeScript sources from npm
// tarballs and Python packages from Debian. Everything downloaded lives in bench-data/
// (git-ignored) and is reused on later runs.

export type CorpusName = 'effect' | 'rxjs' | 'django' | 'sqlalchemy';
export const CORPORA: readonly CorpusName[] = ['effect', 'rxjs', 'django', 'sqlalchemy'];

const NPM_CORPORA: Partial<Record<CorpusName, string>> = { effect: 'effect', rxjs: 'rxjs' };
const DEBIAN_CORPORA: Partial<Record<CorpusName, { module: string; apt: string }>> = {
  django: { module: 'django', apt: 'python3-django' },
  sqlalchemy: { module: 'sqlalchemy', apt: 'python3-sqlalchemy' },
};
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const TS_SOURCE = /\.(ts|tsx|mts|cts)$/;
/** Written last, so a half-finished download is never mistaken for a cached corpus. */
const COMPLETE = '.complete.json';

const run = promisify(execFile);

/** The repository root (the folder whose package.json is SparkGraph's), from source or from dist/. */
export function repoRoot(start = __dirname): string {
  for (let dir = start; ; dir = dirname(dir)) {
    try {
      if (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name === 'sparkgraph') return dir;
    } catch {
      // no package.json here, keep walking
    }
    if (dirname(dir) === dir) return process.cwd();
  }
}

export function defaultCacheDir(): string {
  return join(repoRoot(), 'bench-data');
}

export function isCorpusName(name: string): name is CorpusName {
  return (CORPORA as readonly string[]).includes(name);
}

/** A folder of source files to index for `name`, downloading or installing it on first use. */
export async function ensureCorpus(name: CorpusName, cacheDir: string = defaultCacheDir()): Promise<string> {
  if (!isCorpusName(name)) throw new Error(`unknown corpus "${String(name)}"; known corpora: ${CORPORA.join(', ')}`);
  const npmName = NPM_CORPORA[name];
  if (npmName) return ensureNpmCorpus(npmName, join(cacheDir, name));
  return ensureDebianCorpus(DEBIAN_CORPORA[name]!);
}

/** `effect@4.1.0 (npm, src/)` and the like, once the corpus is in place. */
export function describeCorpus(name: CorpusName, cacheDir: string = defaultCacheDir()): string {
  const npmName = NPM_CORPORA[name];
  if (npmName) {
    try {
      const { version } = JSON.parse(readFileSync(join(cacheDir, name, COMPLETE), 'utf8')) as { version: string };
      return `${npmName}@${version} (npm tarball, src/ TypeScript only)`;
    } catch {
      return `${npmName} (npm tarball, not downloaded yet)`;
    }
  }
  const deb = DEBIAN_CORPORA[name]!;
  const where = pythonPackageDir(deb.module);
  return where ? `${deb.module} (${where})` : `${deb.module} (not installed)`;
}

async function ensureNpmCorpus(npmName: string, where: string): Promise<string> {
  // npm runs with cwd = dest, so a relative destination would be resolved twice.
  const dest = resolve(where);
  const src = join(dest, 'package', 'src');
  if (existsSync(join(dest, COMPLETE)) && existsSync(src)) return src;
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  let packed: { filename: string; version: string };
  try {
    // cwd = dest so a project .npmrc cannot redirect the download; --json names the tarball.
    const { stdout } = await run('npm', ['pack', npmName, '--json', '--pack-destination', dest], { cwd: dest, maxBuffer: 64 * 2 ** 20 });
    const info = (JSON.parse(stdout) as { filename: string; version: string }[])[0];
    if (!info?.filename) throw new Error('npm pack printed no tarball name');
    packed = { filename: info.filename, version: info.version };
  } catch (err) {
    throw new Error(`could not download ${npmName} with \`npm pack ${npmName}\` (needs the npm registry): ${(err as Error).message}`);
  }
  const tarball = join(dest, packed.filename);
  try {
    await run('tar', ['-xzf', tarball, '-C', dest, 'package/src', 'package/package.json']);
  } catch (err) {
    throw new Error(`${npmName}@${packed.version} has no src/ folder to index, or tar failed: ${(err as Error).message}`);
  } finally {
    rmSync(tarball, { force: true });
  }
  pruneNonTypeScript(src);
  writeFileSync(join(dest, COMPLETE), JSON.stringify({ name: npmName, version: packed.version }));
  return src;
}

/** The tarballs ship build configs and a stray .js in src/; the corpus is the TypeScript. */
function pruneNonTypeScript(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, entry.name);
    if (entry.isDirectory()) pruneNonTypeScript(abs);
    else if (!TS_SOURCE.test(entry.name) || entry.name.endsWith('.d.ts')) unlinkSync(abs);
  }
}

function pythonPackageDir(module: string): string | undefined {
  const debian = join(DIST_PACKAGES, module);
  if (existsSync(debian) && statSync(debian).isDirectory()) return debian;
  return undefined;
}

async function ensureDebianCorpus(deb: { module: string; apt: string }): Promise<string> {
  const found = pythonPackageDir(deb.module);
  if (found) return found;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `${join(DIST_PACKAGES, deb.module)} not found. Install it with \`sudo apt-get install ${deb.apt}\`, ` +
        'or index any copy of it by passing its folder: `npm run bench -- /path/to/folder`.',
    );
  }
  console.error(`[bench] installing ${deb.apt} with apt-get (one time)…`);
  await aptGet(['update']);
  await aptGet(['install', '-y', '--no-install-recommends', deb.apt]);
  const installed = pythonPackageDir(deb.module);
  if (!installed) throw new Error(`apt-get installed ${deb.apt} but ${join(DIST_PACKAGES, deb.module)} is still missing`);
  return installed;
}

function aptGet(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // Output goes to stderr so a bench run's stdout stays machine-readable.
    const child = spawn('apt-get', args, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    child.on('error', (err) => reject(new Error(`apt-get ${args.join(' ')} could not start: ${err.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`apt-get ${args.join(' ')} failed with exit code ${code}`))));
  });
}
