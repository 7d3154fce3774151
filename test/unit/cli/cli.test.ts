import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../server/src/cli/main';
import { cli } from '../../helpers/cli';
import { fixturePath, writeWorkspace } from '../../helpers/fixtures';

// The CLI driven in-process with captured output: each command's answer on the fixture
// workspaces, and bad input turned into clear messages and exit codes.

describe('sparkgraph CLI', function () {
  this.timeout(60_000);
  let cacheDir: string;
  const ts = fixturePath('link-ts');
  const py = fixturePath('link-py');

  before(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-cli-cache-'));
    process.env.SPARKGRAPH_CACHE_DIR = cacheDir;
  });
  after(() => {
    delete process.env.SPARKGRAPH_CACHE_DIR;
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('indexes a folder and summarizes files per language, nodes and edges', async () => {
    const r = await cli('index', ts, '--workers', '0');
    assert.equal(r.code, EXIT.ok);
    assert.match(r.out, /files\s+14 \(/);
    assert.match(r.out, /typescript\s+10 files/);
    assert.match(r.out, /javascript\s+3 files/);
    assert.match(r.out, /edges\s+\d+ \(calls \d+, contains \d+/);
    const json = JSON.parse((await cli('stats', '-C', ts, '--json')).out);
    assert.equal(json.files, 14);
    assert.equal(json.byLanguage.tsx.files, 1);
  });

  it('answers symbols, callers, callees and chains', async () => {
    const symbols = await cli('symbols', 'UserServ', '-C', ts);
    assert.match(symbols.out.split('\n')[0], /^UserService \(class\) src\/services\/userService\.ts:6/);

    const callers = await cli('callers', 'Base.save', '-C', ts);
    assert.equal(callers.code, EXIT.ok);
    assert.match(callers.out, /User\.rename \(method\) src\/models\/user\.ts:13 {2}\[via this\]/);

    const callees = JSON.parse((await cli('callees', 'charge', '-C', py, '--json')).out);
    const targets = callees[0].callees.map((c: { qname: string; edge: { resolution: string } }) => `${c.qname} ${c.edge.resolution}`).sort();
    assert.deepEqual(targets, [
      'Order instantiation',
      'Order.place instantiation',
      'compute import',
      'fmt import',
      'json.dumps import',
      'os.path.join import',
      'print import',
      'requests.post import',
    ]);

    const chain = await cli('chain', 'main', 'Base.save', '-C', ts);
    assert.equal(chain.code, EXIT.ok);
    assert.match(chain.out, /main \(src\/app\.ts:8\)\n\s+→ UserService\.create \(src\/services\/userService\.ts:9\)\n\s+→ User\.rename \(src\/models\/user\.ts:13\)\n\s+→ Base\.save \(src\/models\/user\.ts:6\)/);
  });

  it('marks name-only guesses as guesses', async () => {
    const r = await cli('callers', 'frobnicate', '-C', ts);
    assert.match(r.out, /main \(function\) src\/app\.ts:8 {2}\[name-only guess, confidence 0\.5\]/);
  });

  it('finds calls on values of unknown type by their text', async () => {
    const r = await cli('callers', 'cursor.execute', '-C', py);
    assert.equal(r.code, EXIT.ok);
    assert.match(r.out, /receiver type unknown/);
    assert.match(r.out, /src\/shop\/services\/billing\.py:17:\d+ in charge/);
  });

  it('says what it could not find, with suggestions and exit code 1', async () => {
    const r = await cli('callers', 'UserServic', '-C', ts);
    assert.equal(r.code, EXIT.notFound);
    assert.match(r.out, /no symbol named UserServic; did you mean:\n {2}UserService \(class\)/);
    const chain = await cli('chain', 'helper', 'slugify', '-C', ts);
    assert.equal(chain.code, EXIT.notFound);
  });

  it('rejects bad usage with exit code 2', async () => {
    assert.equal((await cli('frobnicate')).code, EXIT.usage);
    assert.equal((await cli('callers')).code, EXIT.usage);
    const r = await cli('index', '--max-file-size', 'lots');
    assert.equal(r.code, EXIT.usage);
    assert.match(r.err, /--max-file-size needs a size/);
  });

  it('reports a missing workspace folder with exit code 3', async () => {
    const r = await cli('index', join(tmpdir(), 'sparkgraph-does-not-exist'));
    assert.equal(r.code, EXIT.workspace);
    assert.match(r.err, /does not exist|no such|not found/i);
  });

  it('exports the whole graph as JSON and GraphML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sparkgraph-export-'));
    try {
      const r = await cli('export', '-C', ts, '--out', join(dir, 'g.json'));
      assert.equal(r.code, EXIT.ok);
      const g = JSON.parse(require('node:fs').readFileSync(join(dir, 'g.json'), 'utf8'));
      const call = g.edges.find((e: { kind: string; source: string; target: string }) => e.kind === 'calls' && e.target === 's:src/models/user.ts#Base.save');
      assert.deepEqual({ source: call.source, resolution: call.resolution, sites: call.sites }, { source: 's:src/models/user.ts#User.rename', resolution: 'this', sites: [[14, 4, 14, 13]] });
      const node = g.nodes.find((n: { id: string }) => n.id === 's:packages/util/src/math.ts#add');
      assert.deepEqual({ file: node.file, range: node.range, doc: node.doc }, { file: 'packages/util/src/math.ts', range: [1, 0, 3, 1], doc: 'Adds two numbers.' });
      const xml = await cli('export', '-C', ts, '--format', 'graphml', '--out', join(dir, 'g.graphml'));
      assert.equal(xml.code, EXIT.ok);
      const text = require('node:fs').readFileSync(join(dir, 'g.graphml'), 'utf8') as string;
      assert.match(text, /^<\?xml/);
      assert.equal((text.match(/<edge /g) ?? []).length, g.edges.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('bad input in the workspace', () => {
    let root: string;
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'sparkgraph-bad-'));
      mkdirSync(join(root, 'src', 'loop'), { recursive: true });
      writeFileSync(join(root, 'src', 'ok.ts'), 'export function ok(): number { return 1; }\n');
      writeFileSync(join(root, 'src', 'broken.ts'), 'export function half(a: number {\n  return ((a;\n}\nexport class Fine { run() { return ok(); } }\nimport { ok } from "./ok";\n');
      writeFileSync(join(root, 'src', 'junk.py'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0xff, 0xfe]));
      writeFileSync(join(root, 'src', 'latin1.py'), Buffer.from('x = "caf\xe9"\n', 'latin1'));
      const line = 'var a=function(){return 1};'.repeat(200);
      writeFileSync(join(root, 'src', 'bundle.js'), (line + '\n').repeat(Math.ceil((10 * 1024 * 1024) / line.length)));
      symlinkSync('..', join(root, 'src', 'loop', 'up'));
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('skips each with its reason, indexes syntax errors as far as they parse, and never fails', async () => {
      const r = await cli('index', root, '--json', '--max-file-size', '20m', '--no-cache');
      assert.equal(r.code, EXIT.ok);
      const s = JSON.parse(r.out);
      const reasons = Object.fromEntries(s.skipped.map((k: { path: string; reason: string }) => [k.path, k.reason]));
      assert.deepEqual(reasons, {
        'src/bundle.js': 'minified',
        'src/junk.py': 'binary',
        'src/latin1.py': 'invalid-utf8',
        'src/loop/up': 'symlink-loop',
      });
      assert.equal(s.files, 2);
      assert.equal(s.syntaxErrors, 1);
      const callers = JSON.parse((await cli('callers', 'ok', '-C', root, '--json', '--no-cache')).out);
      assert.deepEqual(
        callers[0].callers.map((c: { qname: string }) => c.qname),
        ['Fine.run'],
      );
    });

    it('skips a file over the size limit with the sizes in the reason', async () => {
      const s = JSON.parse((await cli('index', root, '--json', '--no-cache')).out);
      const big = s.skipped.find((k: { path: string }) => k.path === 'src/bundle.js');
      assert.equal(big.reason, 'too-large');
      assert.match(big.detail, /10(\.\d)? MB > 1(\.0)? MB limit/);
    });
  });
});

describe('sparkgraph CLI: module-qualified names', function () {
  this.timeout(60_000);
  let ws: ReturnType<typeof writeWorkspace>;
  let root: string;

  before(() => {
    // A library that exposes its implementation under a public module, as effect and many
    // TypeScript libraries do, used through a namespace import; and a Python package.
    ws = writeWorkspace(
      {
        'src/internal/stream.ts': 'export function map(xs: number[], f: (x: number) => number) {\n  return xs.map(f);\n}\n',
        'src/Stream.ts': "import * as internal from './internal/stream';\n\nexport const map = internal.map;\n\nexport function drain(xs: number[]) {\n  return xs.length;\n}\n",
        'src/app.ts': "import * as Stream from './Stream';\n\nexport function main() {\n  Stream.drain(Stream.map([1, 2], (x) => x + 1));\n}\n",
        'src/Queue.ts': 'export class Buffer {\n  drain() {\n    return 0;\n  }\n}\n',
        'py/shop/__init__.py': '',
        'py/shop/services/__init__.py': '',
        'py/shop/services/tax.py': 'def rate():\n    return 0.2\n',
        'py/shop/checkout.py': 'from shop.services import tax\n\n\ndef total(x):\n    return x * tax.rate()\n',
      },
      'cli-modules',
    );
    root = ws.root;
  });
  after(() => ws.cleanup());

  it('finds `Module.member` as the member of that module file, and dotted Python module paths', async () => {
    const drain = JSON.parse((await cli('callers', 'Stream.drain', '-C', root, '--json', '--no-cache')).out);
    assert.deepEqual([drain[0].symbol.id, drain[0].callers.map((c: { qname: string }) => c.qname)], ['s:src/Stream.ts#drain', ['main']]);
    for (const q of ['tax.rate', 'services.tax.rate', 'shop.services.tax.rate']) {
      const rate = JSON.parse((await cli('callers', q, '-C', root, '--json', '--no-cache')).out);
      assert.deepEqual([rate[0].symbol.id, rate[0].callers.map((c: { qname: string }) => c.qname)], ['s:py/shop/services/tax.py#rate', ['total']], q);
    }
    const none = await cli('callers', 'Nowhere.drain', '-C', root, '--no-cache');
    assert.equal(none.code, EXIT.notFound);
  });

  it('searches symbols by module-qualified name and prefix, top-level members only', async () => {
    const first = async (q: string) => (await cli('symbols', q, '-C', root, '--no-cache')).out.split('\n')[0];
    assert.match(await first('Stream.dr'), /^drain \(function\) src\/Stream\.ts:5/);
    assert.match(await first('services.tax.ra'), /^rate \(function\) py\/shop\/services\/tax\.py:1/);
    // Module paths are case-sensitive, as imports are: internal/stream.ts is `stream`, Stream.ts `Stream`.
    const ids = async (q: string) => (JSON.parse((await cli('symbols', q, '-C', root, '--json', '--no-cache')).out) as { id: string }[]).map((m) => m.id);
    assert.deepEqual(await ids('stream.map'), ['s:src/internal/stream.ts#map']);
    assert.deepEqual(await ids('Stream.map'), ['s:src/Stream.ts#map']);
    // A method is `Module.Class.method`, not `Module.method`.
    assert.deepEqual(await ids('Queue.Buffer.drain'), ['s:src/Queue.ts#Buffer.drain']);
    assert.equal((await cli('symbols', 'Queue.drain', '-C', root, '--no-cache')).code, EXIT.notFound);
    const none = await cli('symbols', 'Nowhere.dr', '-C', root, '--no-cache');
    assert.equal(none.code, EXIT.notFound);
  });

  it('answers for an alias with the callers of what it names, and says so', async () => {
    const r = await cli('callers', 'Stream.map', '-C', root, '--no-cache');
    assert.equal(r.code, EXIT.ok);
    assert.match(r.out, /callers of map \(variable\) src\/Stream\.ts:3, an alias of map \(function\) src\/internal\/stream\.ts:1:/);
    assert.match(r.out, /main \(function\) src\/app\.ts:3/);
    const json = JSON.parse((await cli('callers', 'Stream.map', '-C', root, '--json', '--no-cache')).out);
    assert.equal(json[0].aliasOf.id, 's:src/internal/stream.ts#map');
    const asked = await cli('ask', 'who calls Stream.map', '-C', root, '--no-cache');
    assert.match(asked.out, /Callers of `map` \(`map` is an alias of `map` in src\/internal\/stream\.ts, which calls reach\):/);
    assert.match(asked.out, /main \(function\) src\/app\.ts/);
    // A rename is about the name asked for, not what it aliases.
    const uses = await cli('refactor', 'uses', 'Stream.map', '-C', root, '--no-cache');
    assert.match(uses.out, /src\/Stream\.ts:3:14 \[definition\]/);
  });
});
