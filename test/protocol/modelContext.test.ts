import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AskRequest, ModelContextRequest, type AskHit } from '../../shared/protocol';
import { positionOf } from '../helpers/fixtures';
import { serveFixtures } from '../helpers/lspClient';

// sparkgraph/modelContext over stdio: hits as the ask request returns them become code views
// read from the graph and the files, within the budget, with the hash of exactly that text.

describe('sparkgraph/modelContext over stdio', function () {
  this.timeout(60_000);
  const {
    lsp,
    fixtures: [app],
  } = serveFixtures(['editor-app']);

  const hitFor = (file: string, anchor: string, qname: string): AskHit => {
    const { line, character } = positionOf(readFileSync(join(app.root, file), 'utf8'), anchor);
    return { name: qname, qname, kind: 'function', location: { file, uri: lsp.uri(app.root, file), line, character }, score: 1, reason: 'test' };
  };

  it('renders the hits and their neighbours within the budget, hashed', async () => {
    const hits = [hitFor('src/auth/login.ts', 'handleLogin(user', 'handleLogin')];
    const r = await lsp.connection.sendRequest(ModelContextRequest, { question: 'where is login handled?', hits, tokenBudget: 2000 });
    assert.ok(r.text.startsWith('### src/auth/login.ts:10 function handleLogin (answer #1)'), r.text);
    assert.ok(r.text.includes('11|   const record = findUser(user);'), r.text);
    assert.ok(r.text.includes('### src/auth/users.ts:11 function findUser (called by handleLogin)'), r.text);
    assert.equal(r.hash, createHash('sha256').update(r.text).digest('hex'));
    assert.ok(r.tokens <= 2000 && r.tokens === Math.ceil(r.text.length / 4));

    const small = await lsp.connection.sendRequest(ModelContextRequest, { question: 'where is login handled?', hits, tokenBudget: 60 });
    assert.ok(small.text.length <= 240 && small.text.startsWith('### src/auth/login.ts:10'), small.text);
  });

  it('builds the context from the hits sparkgraph/ask returns', async () => {
    const answer = await lsp.connection.sendRequest(AskRequest, { question: 'where is the password verified?', k: 5 });
    assert.ok(answer.hits.length > 0, JSON.stringify(answer));
    const r = await lsp.connection.sendRequest(ModelContextRequest, { question: answer.question, hits: answer.hits, tokenBudget: 1500 });
    const top = answer.hits[0];
    assert.ok(r.text.startsWith(`### ${top.location.file}:${top.location.line + 1} `), `${JSON.stringify(top)}\n${r.text}`);
    assert.ok(r.tokens <= 1500);
    assert.match(r.text, /^\s*\d+\| export function verifyPassword\(password: string, salt: string, expectedHash: string\): boolean \{$/m);
  });

  it('reads an edited buffer rather than the file on disk', async () => {
    const uri = lsp.uri(app.root, 'src/auth/users.ts');
    const original = readFileSync(join(app.root, 'src/auth/users.ts'), 'utf8');
    const edited = original.replace('return users.find((u) => u.name === name);', 'return users.find((u) => u.name === name.toLowerCase());');
    await lsp.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: edited } });
    try {
      const r = await lsp.connection.sendRequest(ModelContextRequest, { question: 'find user', hits: [hitFor('src/auth/users.ts', 'findUser(name', 'findUser')], tokenBudget: 1000 });
      assert.ok(r.text.includes('12|   return users.find((u) => u.name === name.toLowerCase());'), r.text);
    } finally {
      await lsp.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  });

  it('answers an empty context for hits outside the workspace and rejects malformed params clearly', async () => {
    const outside: AskHit = { name: 'x', qname: 'x', kind: 'function', location: { file: 'x.ts', uri: 'file:///nowhere/x.ts', line: 0, character: 0 }, score: 1, reason: '' };
    const r = await lsp.connection.sendRequest(ModelContextRequest, { question: 'x', hits: [outside], tokenBudget: 500 });
    assert.deepEqual(r, { text: '', hash: createHash('sha256').update('').digest('hex'), tokens: 0 });
    await assert.rejects(
      lsp.connection.sendRequest(ModelContextRequest, { question: 'x', hits: 'nope', tokenBudget: 500 } as never),
      /needs \{ question, hits: AskHit\[\], tokenBudget: number \}/,
    );
  });
});
