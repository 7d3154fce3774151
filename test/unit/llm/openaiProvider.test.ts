import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AskHit } from '../../../shared/protocol';
import { answerWithModel } from '../../../client/src/llm/modelAnswer';
import { completionsUrl, OpenAiProvider, parseRetryAfter, type OpenAiOptions } from '../../../client/src/llm/openaiProvider';
import { ResponseCache } from '../../../client/src/llm/responseCache';
import { ModelError } from '../../../client/src/llm/types';
import { SessionTally, usageLine } from '../../../client/src/llm/usage';
import { chunk, FakeOpenAi, status, stream } from '../../helpers/fakeOpenAi';

// The OpenAI-compatible provider and the model-answer flow against a real local HTTP server:
// what is sent, streaming, retries, time-outs, cancellation, the cache and the fallback.

const hit: AskHit = {
  name: 'handleLogin',
  qname: 'handleLogin',
  kind: 'function',
  location: { file: 'src/auth/login.ts', uri: 'file:///w/src/auth/login.ts', line: 9, character: 22 },
  score: 3.5,
  reason: 'defines the login check; called by the /login route',
};
const context = { text: '### src/auth/login.ts:10 function handleLogin (answer #1)\n10| export async function handleLogin(user: string, password: string) {', hash: 'abc123' };

describe('OpenAI-compatible provider over a local HTTP server', () => {
  let server: FakeOpenAi;
  let baseUrl: string;
  let sleeps: number[];
  const provider = (o: Partial<OpenAiOptions> = {}) =>
    new OpenAiProvider({
      baseUrl,
      model: 'test-model',
      timeoutMs: 5000,
      maxRetries: 2,
      backoffMs: 100,
      sleep: async (ms) => void sleeps.push(ms),
      ...o,
    });

  beforeEach(async () => {
    server = new FakeOpenAi();
    baseUrl = await server.start();
    sleeps = [];
  });
  afterEach(() => server.stop());

  it('posts the messages at temperature 0 with streaming and the key, and streams the answer piece by piece', async () => {
    server.replies.push(stream(['The login ', 'check is in ', '`src/auth/login.ts:10`.'], [120, 14]));
    const pieces: string[] = [];
    const result = await provider({ apiKey: 'sk-test' }).complete({ messages: [{ role: 'user', content: 'hi' }], onDelta: (t) => pieces.push(t) });
    assert.deepEqual(pieces, ['The login ', 'check is in ', '`src/auth/login.ts:10`.']);
    assert.equal(result.text, 'The login check is in `src/auth/login.ts:10`.');
    assert.deepEqual(result.usage, { promptTokens: 120, completionTokens: 14 });
    const [req] = server.received;
    assert.equal(req.url, '/v1/chat/completions');
    assert.equal(req.headers.authorization, 'Bearer sk-test');
    assert.equal(req.body.model, 'test-model');
    assert.equal(req.body.temperature, 0);
    assert.equal(req.body.stream, true);
    assert.deepEqual(req.body.messages, [{ role: 'user', content: 'hi' }]);
  });

  it('sends no Authorization header without a key (local servers)', async () => {
    server.replies.push(stream(['ok']));
    await provider().complete({ messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(server.received[0].headers.authorization, undefined);
  });

  it('accepts a plain JSON answer from a server that does not stream', async () => {
    server.replies.push((_q, res) =>
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'whole answer' } }], usage: { prompt_tokens: 5, completion_tokens: 2 } })),
    );
    const pieces: string[] = [];
    const r = await provider().complete({ messages: [{ role: 'user', content: 'q' }], onDelta: (t) => pieces.push(t) });
    assert.equal(r.text, 'whole answer');
    assert.deepEqual(pieces, ['whole answer']);
    assert.deepEqual(r.usage, { promptTokens: 5, completionTokens: 2 });
  });

  it('retries 5xx with exponential backoff, then succeeds', async () => {
    server.replies.push(status(503), status(502), stream(['fine']));
    const r = await provider().complete({ messages: [{ role: 'user', content: 'q' }] });
    assert.equal(r.text, 'fine');
    assert.equal(server.received.length, 3);
    assert.deepEqual(sleeps, [100, 200]);
  });

  it('honours Retry-After on 429', async () => {
    server.replies.push(status(429, { 'retry-after': '3' }), stream(['after the wait']));
    const r = await provider().complete({ messages: [{ role: 'user', content: 'q' }] });
    assert.equal(r.text, 'after the wait');
    assert.deepEqual(sleeps, [3000]);
  });

  it('gives up after maxRetries with the server\'s message, and does not retry a 4xx', async () => {
    server.replies.push(status(500), status(500), status(500));
    await assert.rejects(provider().complete({ messages: [{ role: 'user', content: 'q' }] }), (e: ModelError) => e.kind === 'http' && e.status === 500 && /answered 500: status 500/.test(e.message));
    assert.equal(server.received.length, 3);
    server.replies.push(status(401, {}, JSON.stringify({ error: { message: 'invalid api key' } })));
    await assert.rejects(provider().complete({ messages: [{ role: 'user', content: 'q' }] }), /answered 401: invalid api key/);
    assert.equal(server.received.length, 4);
  });

  it('does not retry a stream that broke after text was shown', async () => {
    server.replies.push((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('half an '));
      setImmediate(() => res.destroy());
    });
    server.replies.push(stream(['should not be asked']));
    const pieces: string[] = [];
    await assert.rejects(provider().complete({ messages: [{ role: 'user', content: 'q' }], onDelta: (t) => pieces.push(t) }), (e: ModelError) => e.kind === 'network');
    assert.deepEqual(pieces, ['half an ']);
    assert.equal(server.received.length, 1);
  });

  it('is cancelled from the caller\'s AbortSignal mid-stream, closing the connection', async () => {
    server.replies.push((_q, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(chunk('first piece'));
    });
    const controller = new AbortController();
    const done = provider().complete({ messages: [{ role: 'user', content: 'q' }], signal: controller.signal, onDelta: () => controller.abort() });
    await assert.rejects(done, (e: ModelError) => e.kind === 'cancelled');
    await server.aborted;
  });

  it('times out a server that never answers', async () => {
    server.replies.push(() => undefined);
    await assert.rejects(provider({ timeoutMs: 300, maxRetries: 0 }).complete({ messages: [{ role: 'user', content: 'q' }] }), (e: ModelError) => e.kind === 'timeout' && /no answer from .* within 0\.3 s/.test(e.message));
  });

  it('reads Retry-After as seconds or a date, and finds the completions URL', () => {
    assert.equal(parseRetryAfter('2'), 2000);
    assert.equal(parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')), 10000);
    assert.equal(parseRetryAfter('soon'), undefined);
    assert.equal(completionsUrl('http://localhost:11434/v1/'), 'http://localhost:11434/v1/chat/completions');
    assert.equal(completionsUrl('http://h/v1/chat/completions'), 'http://h/v1/chat/completions');
  });

  describe('model answer under the graph answer', () => {
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sparkgraph-llm-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    const prices = { inputPer1k: 0.5, outputPer1k: 1.5 };

    it('sends the question, the ranked places and the graph context, and counts usage and cost', async () => {
      server.replies.push(stream(['Login is checked in ', '`src/auth/login.ts:10`.'], [1000, 200]));
      const session = new SessionTally();
      const streamed: string[] = [];
      const out = await answerWithModel({ question: 'where is login handled?', hits: [hit], context, provider: provider(), prices, session, onDelta: (t) => streamed.push(t) });
      assert.equal(out.kind, 'answer');
      const [system, user] = server.received[0].body.messages;
      assert.equal(system.role, 'system');
      assert.match(system.content, /Cite every place you mention as `path:line`/);
      assert.equal(user.role, 'user');
      assert.ok(user.content.startsWith('Question: where is login handled?\n'), user.content);
      assert.ok(user.content.includes('1. handleLogin (function) at src/auth/login.ts:10 — defines the login check; called by the /login route'), user.content);
      assert.ok(user.content.endsWith(`Code context:\n${context.text}`), user.content);
      assert.deepEqual(streamed, ['Login is checked in ', '`src/auth/login.ts:10`.']);
      if (out.kind !== 'answer') return;
      assert.deepEqual(out.usage, { promptTokens: 1000, completionTokens: 200, estimated: false });
      assert.equal(out.cost, 0.5 + 0.3);
      assert.equal(session.answers, 1);
      assert.equal(usageLine(out.usage, out.cost, false, session, true), '1,000 prompt + 200 completion tokens · ≈ $0.80 · session: 1 model answer, 1,200 tokens, ≈ $0.80');
    });

    it('estimates usage at 4 characters a token when the server reports none', async () => {
      server.replies.push(stream(['12345678']));
      const out = await answerWithModel({ question: 'q', hits: [], context: { text: '', hash: 'h' }, provider: provider(), prices, session: new SessionTally() });
      assert.equal(out.kind, 'answer');
      if (out.kind !== 'answer') return;
      const sent = server.received[0].body.messages.reduce((n, m) => n + m.content.length, 0);
      assert.deepEqual(out.usage, { promptTokens: Math.ceil(sent / 4), completionTokens: 2, estimated: true });
    });

    it('answers a repeated question from the cache on disk without asking the model, and asks again when the context changed', async () => {
      const file = join(dir, 'cache', 'model-answers.json');
      server.replies.push(stream(['first answer'], [10, 2]));
      const session = new SessionTally();
      const ask = (cache: ResponseCache, hash: string) => answerWithModel({ question: 'where?', hits: [hit], context: { ...context, hash }, provider: provider(), cache, prices, session });
      const first = await ask(new ResponseCache(file), 'h1');
      assert.equal(first.kind === 'answer' && first.cached, false);
      const again = await ask(new ResponseCache(file), 'h1');
      assert.equal(server.received.length, 1);
      assert.ok(again.kind === 'answer' && again.cached && again.text === 'first answer' && again.cost === 0);
      assert.equal(session.answers, 1);
      assert.deepEqual(readdirSync(join(dir, 'cache')), ['model-answers.json']);
      server.replies.push(stream(['second answer']));
      const changed = await ask(new ResponseCache(file), 'h2');
      assert.ok(changed.kind === 'answer' && changed.text === 'second answer' && !changed.cached);
      assert.equal(server.received.length, 2);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).entries.length, 2);
    });

    it('does not cache the answers of a provider that names no particular model', async () => {
      const file = join(dir, 'model-answers.json');
      let calls = 0;
      const floating = { id: 'vscode', model: '', cacheable: false, complete: async () => ({ text: `answer ${++calls}` }) };
      const ask = () => answerWithModel({ question: 'q', hits: [], context, provider: floating, cache: new ResponseCache(file), prices, session: new SessionTally() });
      const [a, b] = [await ask(), await ask()];
      assert.deepEqual([a.kind === 'answer' && a.text, b.kind === 'answer' && b.text], ['answer 1', 'answer 2']);
      assert.deepEqual(readdirSync(dir), []);
    });

    it('starts empty from a corrupt cache file and overwrites it whole', async () => {
      const file = join(dir, 'model-answers.json');
      writeFileSync(file, '{"version":1,"entr');
      const logs: string[] = [];
      server.replies.push(stream(['fresh']));
      const out = await answerWithModel({ question: 'q', hits: [], context, provider: provider(), cache: new ResponseCache(file, 200, (m) => logs.push(m)), prices, session: new SessionTally() });
      assert.equal(out.kind, 'answer');
      assert.match(logs.join('\n'), /unreadable/);
      assert.equal(JSON.parse(readFileSync(file, 'utf8')).entries[0][1].text, 'fresh');
    });

    it('falls back to the graph answer with a note when the model fails', async () => {
      server.replies.push(status(500), status(500), status(500));
      const out = await answerWithModel({ question: 'q', hits: [hit], context, provider: provider(), prices, session: new SessionTally() });
      assert.deepEqual(out, { kind: 'fallback', note: `The model could not answer (${baseUrl}/chat/completions answered 500: status 500); showing the graph answer only.`, partial: '' });
    });

    it('falls back with a note when the server cannot be reached', async () => {
      await server.stop();
      const out = await answerWithModel({ question: 'q', hits: [hit], context, provider: provider({ maxRetries: 1 }), prices, session: new SessionTally() });
      assert.equal(out.kind, 'fallback');
      assert.match(out.kind === 'fallback' ? out.note : '', /^The model could not answer \(cannot reach http:\/\/127\.0\.0\.1:\d+\/v1\/chat\/completions: ECONNREFUSED\)/);
      assert.deepEqual(sleeps, [100]);
      server = new FakeOpenAi();
      await server.start();
    });

    it('reports a cancellation with what had streamed', async () => {
      server.replies.push((_q, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(chunk('partial'));
      });
      const controller = new AbortController();
      const out = await answerWithModel({ question: 'q', hits: [], context, provider: provider(), prices, session: new SessionTally(), signal: controller.signal, onDelta: () => controller.abort() });
      assert.deepEqual(out, { kind: 'cancelled', note: 'Model answer cancelled; the graph answer above stands.', partial: 'partial' });
    });
  });
});
