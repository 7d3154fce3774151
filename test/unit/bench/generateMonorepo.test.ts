import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, relative } from 'node:path';
import { generateMonorepo, readGeneratedMonorepo, type GeneratedMonorepo } from '../../../bench/generateMonorepo';
import { grammarOnlyModule, type FloorLanguage } from '../../../bench/parseFloor';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';

// The benchmark's synthetic workspace: reproducible from its seed, the size asked for, every
// file valid TypeScript/JavaScript/Python, and the small and large files the edit tests use.

const LANGUAGE: Record<string, FloorLanguage> = { '.ts': 'typescript', '.tsx': 'tsx', '.js': 'javascript', '.py': 'python' };

/** Every file under `root` (relative, sorted), ignored build output included. */
function allFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, e.name);
      if (e.isDirectory()) walk(abs);
      else out.push(relative(root, abs).split('\\').join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function treeHash(root: string): string {
  const h = createHash('sha256');
  for (const rel of allFiles(root)) h.update(rel).update('\0').update(readFileSync(join(root, rel))).update('\0');
  return h.digest('hex');
}

function lineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').length - 1;
}

function isIgnored(rel: string): boolean {
  return /(^|\/)dist\//.test(rel);
}

const sourceFiles = (root: string) => allFiles(root).filter((p) => LANGUAGE[extname(p)] && !isIgnored(p));

async function filesWithSyntaxErrors(root: string): Promise<string[]> {
  const host = new TreeSitterHost();
  const bad: string[] = [];
  for (const rel of allFiles(root)) {
    const language = LANGUAGE[extname(rel)];
    if (!language) continue;
    const { tree } = await host.parse(grammarOnlyModule(language), readFileSync(join(root, rel), 'utf8'));
    if (tree.rootNode.hasError) bad.push(rel);
    tree.delete();
  }
  return bad;
}

describe('generateMonorepo', function () {
  this.timeout(120_000);
  let base: string;
  let a: string;
  let resultA: GeneratedMonorepo;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'sparkgraph-monorepo-'));
    a = join(base, 'a');
    resultA = await generateMonorepo(a, { lines: 20_000, seed: 7 });
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  it('is deterministic: the same seed gives the same files and contents, another seed does not', async () => {
    const b = join(base, 'b');
    const resultB = await generateMonorepo(b, { lines: 20_000, seed: 7 });
    assert.deepEqual(resultB, resultA);
    assert.deepEqual(allFiles(b), allFiles(a));
    assert.equal(treeHash(b), treeHash(a));
    const c = join(base, 'c');
    await generateMonorepo(c, { lines: 20_000, seed: 8 });
    assert.notEqual(treeHash(c), treeHash(a));
  });

  it('writes within 5% of the requested lines, about 35% of them Python, and reports them truthfully', () => {
    assert.ok(Math.abs(resultA.lines - 20_000) <= 1_000, `lines ${resultA.lines}`);
    const files = sourceFiles(a);
    const ts = files.filter((p) => !p.endsWith('.py')).reduce((n, p) => n + lineCount(join(a, p)), 0);
    const py = files.filter((p) => p.endsWith('.py')).reduce((n, p) => n + lineCount(join(a, p)), 0);
    assert.equal(resultA.files, files.length);
    assert.equal(resultA.tsLines, ts);
    assert.equal(resultA.pyLines, py);
    assert.equal(resultA.lines, ts + py);
    assert.ok(Math.abs(py / (ts + py) - 0.35) < 0.03, `python share ${py / (ts + py)}`);
  });

  it('mixes .ts, .tsx, CommonJS .js and .py files of 50–400 lines', () => {
    const files = sourceFiles(a);
    for (const ext of ['.ts', '.tsx', '.js', '.py']) assert.ok(files.some((p) => p.endsWith(ext)), `no ${ext} file`);
    const sizes = files.filter((p) => !/index\.ts$|__init__\.py$|server\.ts$|base\.py$/.test(p)).map((p) => lineCount(join(a, p)));
    const typical = sizes.filter((n) => n >= 30 && n <= 420).length;
    assert.ok(typical / sizes.length > 0.8, `${typical} of ${sizes.length} files are 30-420 lines`);
    const js = files.find((p) => p.endsWith('.js'))!;
    assert.match(readFileSync(join(a, js), 'utf8'), /module\.exports = \{/);
  });

  it('generates no file with a syntax error (every file parsed with the tree-sitter grammars)', async () => {
    assert.deepEqual(await filesWithSyntaxErrors(a), []);
  });

  it('writes the ~40-line small file and the 5,000-line large file, and other files import them', () => {
    assert.equal(resultA.smallFile, 'packages/core/src/utils/ids.ts');
    assert.equal(resultA.largeFile, 'packages/core/src/engine/pipeline.ts');
    const small = lineCount(join(a, resultA.smallFile));
    const large = lineCount(join(a, resultA.largeFile));
    assert.ok(small >= 35 && small <= 45, `small file has ${small} lines`);
    assert.ok(large >= 4_900 && large <= 5_100, `large file has ${large} lines`);
    const others = sourceFiles(a)
      .filter((p) => p !== resultA.smallFile && p !== resultA.largeFile)
      .map((p) => readFileSync(join(a, p), 'utf8'));
    for (const file of [resultA.smallFile, resultA.largeFile]) {
      const names = [...readFileSync(join(a, file), 'utf8').matchAll(/^export (?:async )?function (\w+)/gm)].map((m) => m[1]!);
      assert.ok(names.length > 0, `${file} exports no function`);
      const called = names.filter((n) => others.some((text) => new RegExp(`\\b${n}\\(`).test(text)));
      assert.ok(called.length > 0, `no function of ${file} is called from another file`);
    }
  });

  it('lays out an npm-workspaces monorepo with path aliases and src-layout Python packages', () => {
    const pkg = JSON.parse(readFileSync(join(a, 'package.json'), 'utf8'));
    assert.deepEqual(pkg.workspaces, ['packages/*']);
    const tsconfig = JSON.parse(readFileSync(join(a, 'tsconfig.json'), 'utf8'));
    assert.equal(tsconfig.compilerOptions.baseUrl, '.');
    assert.deepEqual(tsconfig.compilerOptions.paths, { '@app/*': ['packages/*/src'] });
    const packages = readdirSync(join(a, 'packages'));
    assert.ok(packages.length >= 3);
    for (const p of packages) {
      const manifest = JSON.parse(readFileSync(join(a, 'packages', p, 'package.json'), 'utf8'));
      assert.equal(manifest.name, `@app/${p}`);
      assert.equal(manifest.exports['.'], './src/index.ts');
      assert.ok(existsSync(join(a, 'packages', p, 'src', 'index.ts')));
    }
    const dists = readdirSync(join(a, 'py'));
    assert.ok(dists.length >= 1);
    for (const d of dists) {
      assert.match(readFileSync(join(a, 'py', d, 'pyproject.toml'), 'utf8'), /where = \["src"\]/);
      const [pkgName] = readdirSync(join(a, 'py', d, 'src'));
      assert.ok(existsSync(join(a, 'py', d, 'src', pkgName!, '__init__.py')));
    }
    const all = sourceFiles(a).map((p) => readFileSync(join(a, p), 'utf8')).join('\n');
    for (const pattern of [
      /^import \{[^}]*\} from '@app\/\w+';$/m,
      /^import \* as \w+ from '@app\/\w+';$/m,
      /^import express from 'express';$/m,
      /^router\.(get|post|put|patch|delete)\('\/[\w/:]+', \w+\);$/m,
      /^export \* from '\.\/[\w/]+';$/m,
      /^export (type )?\{ \w+ as \w+ \} from '\.\/[\w/]+';$/m,
      /^export class \w+ implements \w+ \{$/m,
      /\bthis\.\w+\(/,
      /^const \w+ = require\('\.\/\w+'\);$/m,
      /^from \.\.?[\w.]* import .+ as \w+$/m,
      /^from \w+(\.\w+)+ import \w+/m,
      /^import requests$/m,
      /^from sqlalchemy import /m,
      /^    @classmethod$/m,
      /\bcls\.\w+\(/,
      /\bself\.\w+\(/,
      /^@dataclass$/m,
    ]) {
      assert.match(all, pattern);
    }
  });

  it('writes a .gitignore and ignored build output under dist/', () => {
    const gitignore = readFileSync(join(a, '.gitignore'), 'utf8').split('\n');
    assert.ok(gitignore.includes('node_modules/'));
    assert.ok(gitignore.includes('dist/'));
    assert.ok(allFiles(a).filter(isIgnored).length >= 2);
  });

  it('scales down: a 5,000-line monorepo is within 5%, parses cleanly and has a shorter large file', async () => {
    const d = join(base, 'd');
    const r = await generateMonorepo(d, { lines: 5_000, seed: 3 });
    assert.ok(Math.abs(r.lines - 5_000) <= 250, `lines ${r.lines}`);
    assert.ok(lineCount(join(d, r.largeFile)) < 5_000 * 0.5);
    assert.deepEqual(await filesWithSyntaxErrors(d), []);
  });

  it('regenerates its own folder but refuses to overwrite a folder it did not write', async () => {
    const e = join(base, 'e');
    await generateMonorepo(e, { lines: 3_000, seed: 1 });
    writeFileSync(join(e, 'stale.ts'), 'export const stale = 1;\n');
    await generateMonorepo(e, { lines: 3_000, seed: 1 });
    assert.equal(existsSync(join(e, 'stale.ts')), false);

    const foreign = join(base, 'foreign');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'keep.txt'), 'mine\n');
    await assert.rejects(generateMonorepo(foreign, { lines: 3_000 }), /not empty and was not made by generateMonorepo/);
    assert.equal(readFileSync(join(foreign, 'keep.txt'), 'utf8'), 'mine\n');
  });

  it('remembers what it generated, so a tree is reused only for the same options', () => {
    assert.deepEqual(readGeneratedMonorepo(a, { lines: 20_000, seed: 7 }), resultA);
    assert.deepEqual(readGeneratedMonorepo(a, { lines: 20_000, seed: 7, pythonShare: 0.35 }), resultA);
    assert.equal(readGeneratedMonorepo(a, { lines: 20_000, seed: 8 }), undefined);
    assert.equal(readGeneratedMonorepo(a, { lines: 30_000, seed: 7 }), undefined);
    assert.equal(readGeneratedMonorepo(a, { lines: 20_000, seed: 7, pythonShare: 0.5 }), undefined);
    assert.equal(readGeneratedMonorepo(join(base, 'never-generated')), undefined);
  });

  it('rejects impossible options with a clear message', async () => {
    await assert.rejects(generateMonorepo(join(base, 'x'), { lines: 100 }), /lines must be an integer >= 2000/);
    await assert.rejects(generateMonorepo(join(base, 'y'), { pythonShare: 2 }), /pythonShare must be within 0\.\.0\.9/);
  });
});
