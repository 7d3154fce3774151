import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ChainsRequest, StatsRequest } from '../../shared/protocol';
import { positionOf } from '../helpers/fixtures';
import { serveFixtures } from '../helpers/lspClient';

// The built server over stdio with a real JSON-RPC client, on two workspace folders (the
// TypeScript and the Python fixture) — what any LSP editor would see.

interface Loc {
  uri: string;
  range: { start: { line: number; character: number } };
}

describe('language server over stdio', function () {
  this.timeout(60_000);
  const {
    lsp,
    fixtures: [ts, py],
  } = serveFixtures(['link-ts', 'link-py']);
  const text = (root: string, path: string) => readFileSync(join(root, path), 'utf8');
  const at = (root: string, path: string, anchor: string, offset = 0) => ({
    textDocument: { uri: lsp.uri(root, path) },
    position: positionOf(text(root, path), anchor, offset),
  });

  it('reports indexing progress from begin to end and then ready with counts', async () => {
    const kinds = lsp.progress.map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('end'), `progress: ${kinds.join(',')}`);
    assert.ok(lsp.progress.some((p) => p.value.kind === 'report' && /files/.test(p.value.message ?? '')));
    const ready = lsp.statuses.find((s) => s.state === 'ready')!;
    const tsFiles = 14;
    const pyFiles = 8;
    assert.equal(ready.files, tsFiles + pyFiles);
    const stats = await lsp.connection.sendRequest(StatsRequest);
    assert.equal(stats.state, 'ready');
    assert.deepEqual(stats.folders.map((f) => f.files).sort((a, b) => a - b), [pyFiles, tsFiles]);
  });

  it('lists document symbols nested by class', async () => {
    const symbols = await lsp.connection.sendRequest<{ name: string; children?: { name: string }[] }[]>('textDocument/documentSymbol', {
      textDocument: { uri: lsp.uri(ts.root, 'src/models/user.ts') },
    });
    assert.deepEqual(
      symbols.map((s) => [s.name, (s.children ?? []).map((c) => c.name)]),
      [
        ['Entity', []],
        ['Base', ['save']],
        ['User', ['rename']],
      ],
    );
  });

  it('finds workspace symbols across folders and languages', async () => {
    const found = await lsp.connection.sendRequest<{ name: string; location: Loc }[]>('workspace/symbol', { query: 'UserServ' });
    assert.equal(found[0].name, 'UserService');
    assert.ok(found[0].location.uri.endsWith('src/services/userService.ts'));
    const pyFound = await lsp.connection.sendRequest<{ name: string; location: Loc }[]>('workspace/symbol', { query: 'compute' });
    assert.ok(pyFound.some((s) => s.location.uri.endsWith('shop/services/tax.py')));
    // Module-qualified, as an importer of the module writes it.
    const inModule = await lsp.connection.sendRequest<{ name: string; location: Loc }[]>('workspace/symbol', { query: 'strings.slug' });
    assert.equal(inModule[0].name, 'slugify');
    assert.ok(inModule[0].location.uri.endsWith('packages/util/src/strings.ts'));
  });

  it('goes to definitions across files in TypeScript and Python', async () => {
    const defs = await lsp.connection.sendRequest<Loc[]>('textDocument/definition', at(ts.root, 'src/app.ts', "svc.create('x')", 4));
    assert.equal(defs.length, 1);
    assert.ok(defs[0].uri.endsWith('src/services/userService.ts'));
    assert.equal(defs[0].range.start.line, positionOf(text(ts.root, 'src/services/userService.ts'), 'create(name').line);

    const pyDefs = await lsp.connection.sendRequest<Loc[]>('textDocument/definition', at(py.root, 'scripts/run.py', 'charge(Order'));
    assert.equal(pyDefs.length, 1);
    assert.ok(pyDefs[0].uri.endsWith('src/shop/services/billing.py'));
    assert.equal(pyDefs[0].range.start.line, positionOf(text(py.root, 'src/shop/services/billing.py'), 'def charge').line);
  });

  it('finds references from other files, through re-exports', async () => {
    const refs = await lsp.connection.sendRequest<Loc[]>('textDocument/references', {
      ...at(ts.root, 'packages/util/src/strings.ts', 'slugify'),
      context: { includeDeclaration: false },
    });
    const svc = text(ts.root, 'src/services/userService.ts');
    assert.deepEqual(
      refs.map((r) => [r.uri.slice(r.uri.indexOf('/src/')), r.range.start.line]),
      [
        ['/src/services/userService.ts', positionOf(svc, 'util.slug(').line],
        ['/src/services/userService.ts', positionOf(svc, 'slugify(name)').line],
      ],
    );
  });

  it('answers call hierarchy both ways', async () => {
    const items = await lsp.connection.sendRequest<{ name: string; uri: string }[]>('textDocument/prepareCallHierarchy', at(ts.root, 'src/models/user.ts', 'rename('));
    assert.deepEqual(
      items.map((i) => i.name),
      ['rename'],
    );
    const incoming = await lsp.connection.sendRequest<{ from: { name: string; uri: string } }[]>('callHierarchy/incomingCalls', { item: items[0] });
    assert.deepEqual(
      incoming.map((c) => [c.from.name, c.from.uri.slice(c.from.uri.lastIndexOf('/') + 1)]),
      [['create', 'userService.ts']],
    );
    const outgoing = await lsp.connection.sendRequest<{ to: { name: string } }[]>('callHierarchy/outgoingCalls', { item: items[0] });
    assert.deepEqual(
      outgoing.map((c) => c.to.name),
      ['save'],
    );
  });

  it('shows signature, doc and cross-file call chains on hover', async () => {
    const hover = await lsp.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', at(ts.root, 'src/models/user.ts', 'save()', 0));
    const md = hover.contents.value;
    assert.match(md, /save\(\): number/);
    assert.match(md, /Reached from/);
    // main (app.ts) → create (userService.ts) → rename (user.ts) → save: every step a link.
    const chainLine = md.split('\n').find((l) => l.startsWith('1. '))!;
    assert.match(chainLine, /\[main \(src\/app\.ts:8\)\]\(file:.*src\/app\.ts#L8\) → \[create \(src\/services\/userService\.ts:9\)\]/);
    assert.match(chainLine, /→ \[rename \(src\/models\/user\.ts:13\)\].* → \[save \(src\/models\/user\.ts:6\)\]/);

    const pyHover = await lsp.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', at(py.root, 'src/shop/services/tax.py', 'def rate', 4));
    assert.match(pyHover.contents.value, /main \(scripts\/run\.py:5\)/);
    assert.match(pyHover.contents.value, /Calls out of this file|Reached from/);
  });

  it('answers sparkgraph/chains for the symbol at a position', async () => {
    const result = await lsp.connection.sendRequest(ChainsRequest, at(py.root, 'src/shop/services/billing.py', 'def charge', 4));
    assert.equal(result.symbol?.name, 'charge');
    assert.deepEqual(
      result.incoming.map((c) => c.map((s) => s.name)),
      [['scripts/run.py', 'main', 'charge']],
    );
    const out = result.outgoing.map((s) => s.qname).sort();
    assert.ok(out.includes('Order.place') && out.includes('compute') && out.includes('os.path.join'), out.join(', '));
  });

  it('reflects an in-editor edit in the next answer', async () => {
    const path = 'src/app.ts';
    const uri = lsp.uri(ts.root, path);
    const original = text(ts.root, path);
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: original } });
    const insertAt = positionOf(original, '  helper();');
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: insertAt, end: insertAt }, text: '  brandNew();\n' }],
    });
    const end = { line: original.split('\n').length, character: 0 };
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: end, end }, text: 'export function brandNew(): void {}\n' }],
    });
    const found = await lsp.connection.sendRequest<{ name: string; location: Loc }[]>('workspace/symbol', { query: 'brandNew' });
    assert.deepEqual(
      found.map((s) => s.name),
      ['brandNew'],
    );
    const items = await lsp.connection.sendRequest<unknown[]>('textDocument/prepareCallHierarchy', at(ts.root, path, 'main()', 0));
    const outgoing = await lsp.connection.sendRequest<{ to: { name: string } }[]>('callHierarchy/outgoingCalls', { item: items[0] });
    assert.ok(outgoing.some((c) => c.to.name === 'brandNew'), JSON.stringify(outgoing.map((c) => c.to.name)));
  });

  it('drops a file deleted on disk from every answer', async () => {
    const before = await lsp.connection.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'frobnicate' });
    assert.ok(before.some((s) => s.name === 'frobnicate'));
    rmSync(join(ts.root, 'src/other.ts'));
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lsp.uri(ts.root, 'src/other.ts'), type: 3 }] });
    const after = await lsp.connection.sendRequest<{ name: string }[]>('workspace/symbol', { query: 'frobnicate' });
    assert.deepEqual(after, []);
  });
});
