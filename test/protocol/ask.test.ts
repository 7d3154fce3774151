import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AskRequest } from '../../shared/protocol';
import { serveFixtures } from '../helpers/lspClient';

// `sparkgraph/ask` over stdio on the ask-app fixture: ranked hits with URIs a client can open,
// the markdown answer, edits in open documents seen by the next question, bad params answered.

describe('sparkgraph/ask over stdio', function () {
  this.timeout(60_000);
  const {
    lsp,
    fixtures: [app],
  } = serveFixtures(['ask-app']);

  it('answers a where question with locations, reasons and markdown links', async () => {
    const r = await lsp.connection.sendRequest(AskRequest, { question: 'where are passwords hashed?', k: 3 });
    assert.equal(r.intent, 'where');
    assert.equal(r.hits.length, 3);
    const h = r.hits[0];
    assert.equal(h.qname, 'hashPassword');
    assert.equal(h.location.uri, lsp.uri(app.root, 'src/auth/password.ts'));
    assert.deepEqual([h.location.file, h.location.line, h.location.character], ['src/auth/password.ts', 4, 16]);
    assert.match(h.reason, /name matches hashed, passwords/);
    assert.ok(r.markdown.includes(`(${lsp.uri(app.root, 'src/auth/password.ts')}#L5)`), r.markdown);
  });

  it('answers callers, chain and convention questions', async () => {
    const callers = await lsp.connection.sendRequest(AskRequest, { question: 'who calls verifyToken?' });
    assert.equal(callers.intent, 'callers');
    assert.deepEqual(callers.hits.map((h) => h.qname), ['requireAuth']);
    const chain = await lsp.connection.sendRequest(AskRequest, { question: 'how does createOrder reach query?' });
    assert.deepEqual(chain.hits.map((h) => h.qname), ['createOrder', 'insertOrder', 'query']);
    const conv = await lsp.connection.sendRequest(AskRequest, { question: 'how do I add a new API endpoint following our conventions?' });
    assert.equal(conv.intent, 'convention');
    assert.equal(conv.hits[0].location.file, 'src/routes/auth.ts');
  });

  it('explains the code at the editor selection sent as context', async () => {
    const uri = lsp.uri(app.root, 'src/handlers/orderHandlers.ts');
    const r = await lsp.connection.sendRequest(AskRequest, { question: 'explain', context: { uri, selection: { start: { line: 9, character: 4 }, end: { line: 9, character: 10 } } } });
    assert.equal(r.intent, 'explain');
    assert.equal(r.hits[0].qname, 'createOrder');
    assert.equal(r.hits[0].location.uri, uri);
    assert.ok(r.hits.some((h) => h.qname === 'insertOrder'));
  });

  it('sees an unsaved edit in an open document at the next question', async () => {
    const uri = lsp.uri(app.root, 'src/auth/jwt.ts');
    const text = readFileSync(join(app.root, 'src/auth/jwt.ts'), 'utf8');
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
    const line = text.split('\n').length - 1;
    await lsp.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '\n/** Replace the signing keys. */\nexport function rotateSigningKeys() {}\n' }],
    });
    const r = await lsp.connection.sendRequest(AskRequest, { question: 'where are the signing keys rotated?', k: 1 });
    assert.equal(r.hits[0]?.qname, 'rotateSigningKeys');
    assert.equal(r.hits[0].location.line, line + 2);
  });

  it('answers bad params with an empty answer instead of an error', async () => {
    const r = await lsp.connection.sendRequest(AskRequest, {} as never);
    assert.deepEqual(r.hits, []);
    assert.equal(r.intent, 'where');
    const odd = await lsp.connection.sendRequest(AskRequest, { question: 42, k: 'x', context: { uri: 7, selection: { start: {} } } } as never);
    assert.deepEqual([odd.question, odd.hits], ['', []]);
    const ok = await lsp.connection.sendRequest(AskRequest, { question: 'where are passwords hashed?', k: -3 });
    // A negative k falls back to the default of 10 (the fixture has more than 10 matches).
    assert.equal(ok.hits.length, 10);
  });
});

describe('sparkgraph/ask over two workspace folders', function () {
  this.timeout(60_000);
  const {
    lsp,
    fixtures: [app, py],
  } = serveFixtures(['ask-app', 'link-py']);

  it('answers from the folder that holds the answer, with URIs into that folder', async () => {
    const r = await lsp.connection.sendRequest(AskRequest, { question: 'where is the tax rate?', k: 3 });
    assert.equal(r.hits[0].location.uri, lsp.uri(py.root, 'src/shop/services/tax.py'));
    assert.equal(r.hits[0].qname, 'rate');
    const auth = await lsp.connection.sendRequest(AskRequest, { question: 'where are passwords hashed?', k: 1 });
    assert.equal(auth.hits[0].location.uri, lsp.uri(app.root, 'src/auth/password.ts'));
  });
});
