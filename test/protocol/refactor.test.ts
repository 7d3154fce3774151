import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  REFACTOR_COMMANDS,
  RefactorApplyRequest,
  RefactorCancelRequest,
  RefactorProgressNotification,
  RefactorResultRequest,
  RefactorSubmitRequest,
  type RefactorProgressParams,
} from '../../shared/protocol';
import { positionOf } from '../helpers/fixtures';
import { serveFixtures } from '../helpers/lspClient';

// Refactor jobs through the built server over stdio: code actions on a symbol and a call,
// submit → progress notifications → result (a WorkspaceEdit needing confirmation, per-file new
// text, the patch), cancellation, and the server-side atomic apply with its stale-file refusal.

describe('refactor jobs over LSP', function () {
  this.timeout(60_000);
  const progress: RefactorProgressParams[] = [];
  const {
    lsp,
    fixtures: [fx],
  } = serveFixtures(['refactor-ts'], (session) => session.connection.onNotification(RefactorProgressNotification, (p) => void progress.push(p)));
  const text = (path: string) => readFileSync(join(fx.root, path), 'utf8');

  it('offers rename, move and signature on a function, and a prefilled migration on a call', async () => {
    const uri = lsp.uri(fx.root, 'src/format.ts');
    const pos = positionOf(text('src/format.ts'), "formatPrice(p, 'EUR')", 2);
    const actions = (await lsp.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: pos, end: pos }, context: { diagnostics: [] } })) as { title: string; command: { command: string; arguments: unknown[] } }[];
    assert.deepEqual(
      actions.map((a) => a.command.command),
      [REFACTOR_COMMANDS.rename, REFACTOR_COMMANDS.move, REFACTOR_COMMANDS.signature, REFACTOR_COMMANDS.migrate],
    );
    assert.equal(actions[0].title, 'Rename formatPrice across the workspace…');
    const migrate = actions[3];
    assert.deepEqual(migrate.command.arguments.slice(2), ['formatPrice($ARG1, $ARG2)', 'typescript']);
  });

  it('submit answers with a job id, progress is notified, the result is a confirmable edit with previews', async () => {
    const uri = lsp.uri(fx.root, 'src/pricing.ts');
    const position = positionOf(text('src/pricing.ts'), 'computeTotal(prices', 0);
    const { jobId } = await lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, position, refactor: { kind: 'rename', newName: 'computeSum' } });
    assert.match(jobId, /^job-\d+$/);
    const result = await lsp.connection.sendRequest(RefactorResultRequest, { jobId });
    assert.equal(result.state, 'done', result.error);
    assert.equal(result.title, 'rename computeTotal to computeSum: 7 edits in 4 files');
    assert.deepEqual(result.files!.map((f) => f.path), ['src/checkout.ts', 'src/index.ts', 'src/pricing.ts', 'src/reports.ts']);
    assert.equal(result.files!.find((f) => f.path === 'src/index.ts')!.newText, "export { computeSum, Cart } from './pricing';\nexport * from './format';\n");
    const annotations = result.edit!.changeAnnotations!;
    assert.equal(Object.values(annotations)[0].needsConfirmation, true);
    const docs = result.edit!.documentChanges as { edits: { annotationId?: string }[] }[];
    assert.ok(docs.every((d) => d.edits.every((e) => e.annotationId === Object.keys(annotations)[0])));
    assert.match(result.patch!, /^\+export function computeSum\(/m);
    assert.ok(result.risky!.some((r) => r.kind === 'string' && r.path === 'src/reports.ts'));
    assert.ok(progress.some((p) => p.jobId === jobId && p.state === 'done'));
    assert.equal(text('src/pricing.ts').includes('computeSum'), false, 'computing a refactor writes nothing');
  });

  it('apply writes all files, and refuses (naming it) when a target changed after the job started', async () => {
    const uri = lsp.uri(fx.root, 'src/pricing.ts');
    const stale = await lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, symbol: 'formatPrice', refactor: { kind: 'signature', add: ['digits: number=2@1'] } });
    await lsp.connection.sendRequest(RefactorResultRequest, stale);
    writeFileSync(join(fx.root, 'src/format.ts'), text('src/format.ts') + '\n// edited\n');
    await assert.rejects(lsp.connection.sendRequest(RefactorApplyRequest, stale), /src\/format\.ts changed since the refactor was computed/);
    assert.doesNotMatch(text('src/pricing.ts'), /digits/);

    const fresh = await lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, symbol: 'src/pricing.ts:Cart.add', refactor: { kind: 'rename', newName: 'addPrice' } });
    const { written } = await lsp.connection.sendRequest(RefactorApplyRequest, fresh);
    assert.deepEqual(written, ['src/checkout.ts', 'src/pricing.ts']);
    assert.match(text('src/checkout.ts'), /cart\.addPrice\(p\)/);
  });

  it('a migration job lists its matches; cancelling a finished job does nothing; bad requests get clear errors', async () => {
    const uri = lsp.uri(fx.root, 'src/pricing.ts');
    const { jobId } = await lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, refactor: { kind: 'migrate', rule: { language: 'typescript', pattern: 'formatPrice($A, $B)', rewrite: 'formatPrice($B, $A)' } } });
    const r = await lsp.connection.sendRequest(RefactorResultRequest, { jobId });
    assert.equal(r.state, 'done');
    assert.deepEqual(r.matches!.map((m) => `${m.path}:${m.line + 1}`), ['src/format.ts:4', 'src/shipping.ts:7']);
    assert.deepEqual(await lsp.connection.sendRequest(RefactorCancelRequest, { jobId }), { cancelled: false });
    assert.equal((await lsp.connection.sendRequest(RefactorResultRequest, { jobId })).state, 'done');
    await assert.rejects(lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, position: { line: 0, character: 0 }, refactor: { kind: 'rename', newName: 'x' } }), /no symbol at that position/);
    await assert.rejects(lsp.connection.sendRequest(RefactorResultRequest, { jobId: 'job-999' }), /no refactor job job-999/);
    const failed = await lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, symbol: 'nothingLikeThis', refactor: { kind: 'rename', newName: 'x' } });
    const f = await lsp.connection.sendRequest(RefactorResultRequest, failed);
    assert.equal(f.state, 'failed');
    assert.match(f.error!, /no symbol named nothingLikeThis/);
  });

  it('takes a plain-language request, as the chat sends it, and refuses one it cannot read', async () => {
    const uri = lsp.uri(fx.root, 'src/pricing.ts');
    const job = await lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, refactor: { kind: 'message', text: 'rename shippingCost to deliveryCost' } });
    const r = await lsp.connection.sendRequest(RefactorResultRequest, job);
    assert.equal(r.state, 'done', r.error);
    assert.match(r.title!, /^rename shippingCost to deliveryCost: \d+ edits in \d+ files$/);
    assert.match(r.patch!, /^\+.*deliveryCost/m);
    await assert.rejects(lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, refactor: { kind: 'message', text: 'make it faster' } }), /cannot tell which refactor "make it faster" asks for; say one of: "rename <symbol> to <newName>"/);
    await assert.rejects(lsp.connection.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, refactor: { kind: 'message', text: 'find every use of formatPrice' } }), /ask "who calls formatPrice\?"/);
  });
});
