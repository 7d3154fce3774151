import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DependenciesRequest, INSTALL_DEPENDENCY_COMMAND, SnippetDependenciesRequest, type InstallDependencyArgs } from '../../shared/protocol';
import { positionOf } from '../helpers/fixtures';
import { serveFixtures, type Diagnostic } from '../helpers/lspClient';

// Dependency diagnostics and code actions as any LSP client sees them: on the pnpm monorepo
// fixture and the fixture with broken manifests.

interface CodeAction {
  title: string;
  kind?: string;
  command?: { command: string; arguments?: unknown[] };
  edit?: {
    documentChanges?: { textDocument?: { uri: string }; kind?: string; edits?: { range: Diagnostic['range']; newText: string; annotationId?: string }[] }[];
    changeAnnotations?: Record<string, { label: string; needsConfirmation?: boolean }>;
  };
}

const missingFor = (pkg: string) => (ds: Diagnostic[]) => ds.some((d) => d.code === 'missing-dependency' && d.message.startsWith(`${pkg} is imported`));

describe('dependency diagnostics over stdio', function () {
  this.timeout(60_000);
  const {
    lsp,
    fixtures: [ws, broken],
  } = serveFixtures(['deps-pnpm-ws', 'deps-broken']);
  const server = 'packages/app/src/server.ts';

  it('puts a warning with the install command on an undeclared import', async () => {
    const ds = await lsp.waitForDiagnostics(lsp.uri(ws.root, server), missingFor('lodash'));
    const lodash = ds.find((d) => d.message.startsWith('lodash'))!;
    const text = readFileSync(join(ws.root, server), 'utf8');
    assert.deepEqual(lodash.range.start, positionOf(text, "import merge from 'lodash/merge'"));
    assert.equal(lodash.severity, 2);
    assert.equal(lodash.source, 'sparkgraph');
    assert.match(lodash.message, /not declared in packages\/app\/package.json\. Install it with `pnpm add lodash` in packages\/app\//);
    const names = ds.filter((d) => d.code === 'missing-dependency').map((d) => d.message.split(' ')[0]).sort();
    assert.deepEqual(names, ['chalk', 'dayjs', 'lodash', 'zod']);
  });

  it('marks unused declarations on the manifest line and broken manifests with an error', async () => {
    const app = await lsp.waitForDiagnostics(lsp.uri(ws.root, 'packages/app/package.json'), (ds) => ds.length > 0);
    assert.deepEqual(app.map((d) => [d.code, d.severity, d.range.start.line, d.message.split(' ')[0]]), [['unused-dependency', 3, 6, 'left-pad']]);
    const manifestText = readFileSync(join(ws.root, 'packages/app/package.json'), 'utf8');
    assert.deepEqual(app[0].range, { start: positionOf(manifestText, 'left-pad'), end: positionOf(manifestText, 'left-pad', 'left-pad'.length) });
    const web = await lsp.waitForDiagnostics(lsp.uri(broken.root, 'web/package.json'), (ds) => ds.length > 0);
    assert.equal(web[0].code, 'manifest-problem');
    assert.equal(web[0].severity, 1);
    assert.equal(web[0].range.start.line, 4);
    await lsp.waitForDiagnostics(lsp.uri(broken.root, 'ok/app.py'), missingFor('requests'));
  });

  it('offers to install with a confirmed client command and to add the package as a previewed edit', async () => {
    const uri = lsp.uri(ws.root, server);
    const ds = await lsp.waitForDiagnostics(uri, missingFor('lodash'));
    const lodash = ds.find((d) => d.message.startsWith('lodash'))!;
    const actions = await lsp.connection.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: lodash.range, context: { diagnostics: [lodash] } });
    assert.deepEqual(actions.map((a) => a.title), ['Install lodash with `pnpm add lodash`', 'Add lodash to packages/app/package.json']);
    const install = actions[0].command!;
    assert.equal(install.command, INSTALL_DEPENDENCY_COMMAND);
    const args = install.arguments![0] as InstallDependencyArgs;
    assert.deepEqual(args, {
      package: 'lodash',
      command: 'pnpm add lodash',
      cwd: pathToFileURL(join(ws.root, 'packages/app')).toString(),
      manifest: lsp.uri(ws.root, 'packages/app/package.json'),
    });
    const edit = actions[1].edit!;
    const [change] = edit.documentChanges!;
    assert.equal(change.textDocument!.uri, lsp.uri(ws.root, 'packages/app/package.json'));
    const annotation = edit.changeAnnotations![change.edits![0].annotationId!];
    assert.equal(annotation.needsConfirmation, true);
    assert.equal(annotation.label, 'Add lodash to packages/app/package.json');

    // Applying the edit to disk and telling the server clears the diagnostic.
    const path = join(ws.root, 'packages/app/package.json');
    const lines = readFileSync(path, 'utf8').split('\n');
    const e = change.edits![0];
    lines[e.range.start.line] = lines[e.range.start.line].slice(0, e.range.start.character) + e.newText + lines[e.range.start.line].slice(e.range.end.character);
    writeFileSync(path, lines.join('\n'));
    assert.ok(JSON.parse(lines.join('\n')).dependencies.lodash);
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: lsp.uri(ws.root, 'packages/app/package.json'), type: 2 }] });
    const after = await lsp.waitForDiagnostics(uri, (d) => !missingFor('lodash')(d));
    assert.ok(missingFor('zod')(after));
  });

  it('follows edits in an open document', async () => {
    const uri = lsp.uri(ws.root, 'packages/lib/src/index.ts');
    const text = readFileSync(join(ws.root, 'packages/lib/src/index.ts'), 'utf8');
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    await lsp.waitForDiagnostics(uri, missingFor('uuid'));
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "import pino from 'pino';\n" }],
    });
    const ds = await lsp.waitForDiagnostics(uri, missingFor('pino'));
    assert.deepEqual(ds.find((d) => d.message.startsWith('pino'))!.range.start, { line: 0, character: 0 });
    assert.deepEqual(ds.find((d) => d.message.startsWith('uuid'))!.range.start, { line: 1, character: 0 });
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: "try { require('fsevents'); } catch {}\n" }],
    });
    const withOptional = await lsp.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'optional-dependency'));
    const opt = withOptional.find((x) => x.code === 'optional-dependency')!;
    assert.equal(opt.severity, 3);
    assert.match(opt.message, /^fsevents is imported inside try \(optional\) and not declared in packages\/lib\/package.json\. To declare it: `pnpm add fsevents`/);
  });

  it('answers sparkgraph/dependencies with the report and its markdown', async () => {
    const r = await lsp.connection.sendRequest(DependenciesRequest);
    const folder = r.folders.find((f) => f.root === ws.root)!;
    assert.ok(folder.missing.some((m) => m.package === 'zod' && m.install.command === 'pnpm add zod'));
    assert.match(r.markdown, /`pnpm add -D supertest`/);
    assert.ok(r.folders.find((f) => f.root === broken.root)!.problems.some((p) => p.manifest === 'web/package.json'));
  });

  it('says which packages a code snippet (a chat answer) would need, for the file it is meant for', async () => {
    const code = "import express from 'express';\nimport { z } from 'zod';\nimport helmet from 'helmet/index.js';\nimport { util } from '@ws/lib';\n";
    const r = await lsp.connection.sendRequest(SnippetDependenciesRequest, { code, language: 'typescript', uri: lsp.uri(ws.root, server) });
    assert.deepEqual(r.missing.map((m) => [m.package, m.install.command]), [['helmet', 'pnpm add helmet'], ['zod', 'pnpm add zod']]);
    assert.match(r.markdown, /`helmet` is not declared in `packages\/app\/package.json`: run `pnpm add helmet` in `packages\/app\/`/);
    const none = await lsp.connection.sendRequest(SnippetDependenciesRequest, { code: "import express from 'express';\n", language: 'typescript', uri: lsp.uri(ws.root, server) });
    assert.deepEqual([none.missing, none.markdown], [[], '']);
  });

  it('finds a manifest and a file created on disk after the first analysis', async () => {
    mkdirSync(join(broken.root, 'svc'));
    writeFileSync(join(broken.root, 'svc/requirements.txt'), 'flask\n');
    writeFileSync(join(broken.root, 'svc/main.py'), 'import flask\nimport httpx\n');
    await lsp.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: lsp.uri(broken.root, 'svc/requirements.txt'), type: 1 },
        { uri: lsp.uri(broken.root, 'svc/main.py'), type: 1 },
      ],
    });
    const ds = await lsp.waitForDiagnostics(lsp.uri(broken.root, 'svc/main.py'), missingFor('httpx'));
    assert.equal(ds.length, 1);
    assert.match(ds[0].message, /Install it with `pip install httpx` in svc\/ and add it to svc\/requirements.txt/);
  });

  it('sparkgraph.dependencies.enabled = false clears the diagnostics', async () => {
    const uri = lsp.uri(ws.root, server);
    await lsp.waitForDiagnostics(uri, missingFor('zod'));
    lsp.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ dependencies: { enabled: false } })));
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await lsp.waitForDiagnostics(uri, (ds) => ds.length === 0);
    await lsp.waitForDiagnostics(lsp.uri(broken.root, 'web/package.json'), (ds) => ds.length === 0);
  });

  it('clears the diagnostics of a folder removed from the workspace', async () => {
    const uri = lsp.uri(broken.root, 'ok/app.py');
    lsp.connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await lsp.waitForDiagnostics(uri, missingFor('requests'));
    await lsp.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: pathToFileURL(broken.root).toString(), name: 'broken' }] } });
    await lsp.waitForDiagnostics(uri, (ds) => ds.length === 0);
  });
});
