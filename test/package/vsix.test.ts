import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { StatsRequest, StatusNotification, type IndexStats, type StatusParams } from '../../shared/protocol';
import { readZip, type ZipEntry } from './zipEntries';

// Packs the extension the way it is published and checks what a user would install: the
// bundles and grammars are in, sources, tests, maps and node_modules are out, and the packed
// server indexes a folder on its own, without any node_modules next to it.

const ROOT = join(__dirname, '..', '..');
const VSIX = join(ROOT, 'sparkgraph.vsix');
const INPUTS = ['package.json', '.vscodeignore', 'LICENSE', 'README.md', 'grammars.json', 'scripts', 'client/src', 'server/src', 'shared', 'media'];

function newestInput(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((n) => newestInput(join(path, n))));
}

/** Reuses sparkgraph.vsix when nothing it is built from changed since; packs it otherwise. */
function freshVsix(): string {
  const newest = Math.max(...INPUTS.map((p) => newestInput(join(ROOT, p))));
  if (!existsSync(VSIX) || statSync(VSIX).mtimeMs <= newest) {
    execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
  }
  return VSIX;
}

describe('sparkgraph.vsix', function () {
  this.timeout(600_000);
  let entries: ZipEntry[];
  let names: string[];
  let zip: ReturnType<typeof readZip>;

  before(() => {
    zip = readZip(freshVsix());
    entries = zip.entries;
    names = entries.map((e) => e.name);
  });

  it('contains the client, the server, its parse worker, the grammars and the manifest', () => {
    for (const name of [
      'extension/package.json',
      'extension/dist/client/extension.js',
      'extension/dist/server/server.js',
      'extension/dist/server/parseWorker.js',
      'extension/grammars/web-tree-sitter.wasm',
      'extension/grammars/tree-sitter-typescript.wasm',
      'extension/grammars/tree-sitter-tsx.wasm',
      'extension/grammars/tree-sitter-javascript.wasm',
      'extension/grammars/tree-sitter-python.wasm',
    ]) {
      assert.ok(names.includes(name), `${name} missing; the vsix holds:\n${names.join('\n')}`);
    }
    assert.ok(names.some((n) => /^extension\/license(\.txt)?$/i.test(n)), 'LICENSE missing');
    assert.ok(names.some((n) => /^extension\/readme\.md$/i.test(n)), 'README missing');
  });

  it('contains the chat webview\'s script, stylesheet and icon, and every media file the manifest names', () => {
    for (const name of ['extension/media/chat.js', 'extension/media/chat.css', 'extension/media/sparkgraph.svg']) {
      assert.ok(names.includes(name), `${name} missing; the vsix holds:\n${names.join('\n')}`);
    }
    const manifest = JSON.parse(zip.read(entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    const icons = [...JSON.stringify(manifest.contributes).matchAll(/"(media\/[^"]+)"/g)].map((m) => m[1]);
    assert.ok(icons.length > 0, 'the manifest names no media file');
    for (const icon of icons) assert.ok(names.includes(`extension/${icon}`), `${icon} is named in package.json but not packed`);
  });

  it('contains no sources, tests, benchmarks, source maps or node_modules', () => {
    const forbidden = names.filter(
      (n) =>
        n.includes('node_modules/') ||
        /\.(ts|tsx|mts|cts)$/.test(n) ||
        n.endsWith('.map') ||
        /^extension\/(test|bench|server\/src|client\/src|shared|scripts|bin)\//.test(n) ||
        /^extension\/dist\/(cli|bench)\//.test(n),
    );
    assert.deepEqual(forbidden, []);
  });

  it('is smaller than 10 MB', () => {
    const size = statSync(VSIX).size;
    assert.ok(size < 10 * 1024 * 1024, `sparkgraph.vsix is ${size} bytes`);
  });

  it('has a manifest that points at the packed client bundle', () => {
    const manifest = JSON.parse(zip.read(entries.find((e) => e.name === 'extension/package.json')!).toString('utf8'));
    assert.equal(manifest.main, './dist/client/extension.js');
    assert.ok(names.includes(`extension/${manifest.main.replace(/^\.\//, '')}`));
  });

  it('runs the packed server without node_modules: it indexes a folder and reports ready', async function () {
    this.timeout(120_000);
    const unpacked = mkdtempSync(join(tmpdir(), 'sparkgraph-vsix-'));
    const cache = mkdtempSync(join(tmpdir(), 'sparkgraph-vsix-cache-'));
    try {
      for (const e of entries) {
        if (e.name.endsWith('/')) continue;
        const target = join(unpacked, e.name);
        mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, zip.read(e));
      }
      const folder = join(ROOT, 'test', 'fixtures', 'vsix-smoke');
      const child = spawn(process.execPath, [join(unpacked, 'extension', 'dist', 'server', 'server.js'), '--stdio'], {
        cwd: unpacked,
        env: { PATH: process.env.PATH, SPARKGRAPH_CACHE_DIR: cache },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      const logs: string[] = [];
      child.stderr.on('data', (d) => (stderr += d));
      const transcript = () => `log:\n${logs.join('\n')}\nstderr:\n${stderr}`;
      // Every wait below races the server's exit and a deadline, so a broken bundle fails fast.
      const exited = new Promise<never>((_, reject) =>
        child.once('exit', (code, signal) => reject(new Error(`the packed server exited (${code ?? signal}); ${transcript()}`))),
      );
      exited.catch(() => undefined);
      const guard = <T>(what: string, p: Promise<T>) =>
        Promise.race([
          p,
          exited,
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within 60 s; ${transcript()}`)), 60_000).unref()),
        ]);

      const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
      const settled = new Promise<StatusParams>((resolve) =>
        connection.onNotification(StatusNotification, (s) => {
          if (s.state === 'ready' || s.state === 'error') resolve(s);
        }),
      );
      connection.onNotification('window/logMessage', (m: { message: string }) => void logs.push(m.message));
      connection.onRequest('client/registerCapability', () => null);
      connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
      connection.listen();
      try {
        await guard(
          'initialize',
          connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri: null,
            capabilities: { workspace: { configuration: true, workspaceFolders: true } },
            workspaceFolders: [{ uri: pathToFileURL(folder).toString(), name: 'vsix-smoke' }],
          }),
        );
        await connection.sendNotification('initialized', {});
        const status = await guard('indexing', settled);
        assert.equal(status.state, 'ready', `server reported ${JSON.stringify(status)}; ${transcript()}`);
        const stats = await guard('stats', connection.sendRequest<IndexStats>(StatsRequest.method));
        assert.equal(stats.folders.length, 1);
        assert.equal(stats.folders[0].files, 2);
        assert.deepEqual(stats.folders[0].skipped, []);
        assert.ok(stats.folders[0].nodes > 2, `only ${stats.folders[0].nodes} nodes: the grammars did not load; ${transcript()}`);
        await guard('shutdown', connection.sendRequest('shutdown'));
        await connection.sendNotification('exit');
      } finally {
        connection.dispose();
        if (child.exitCode === null && child.signalCode === null) {
          const gone = new Promise((r) => child.once('exit', r));
          const kill = setTimeout(() => child.kill(), 5_000);
          await gone;
          clearTimeout(kill);
        }
      }
    } finally {
      rmSync(unpacked, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
