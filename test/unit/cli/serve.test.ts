import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { intentFromMessage } from '../../../server/src/core/refactor/chatIntent';
import { RefactorError } from '../../../server/src/core/refactor/types';
import { parseArgs } from '../../../server/src/cli/args';
import { runRemoteRefactor } from '../../../server/src/cli/remoteRefactor';
import { serve, type RunningServer } from '../../../server/src/cli/serve';
import { copyFixture } from '../../helpers/fixtures';

// The HTTP API in-process on an ephemeral loopback port: the token is required, repositories
// come only from the allowed roots (or an inline manifest that stays inside its own folder),
// a job id comes back at once and the job's result carries the diff; nothing is written.

describe('sparkgraph serve', function () {
  this.timeout(60_000);
  let fx: ReturnType<typeof copyFixture>;
  /** Only the CLI-client test uses it, so its first job still has to index. */
  let fresh: ReturnType<typeof copyFixture>;
  let outside: string;
  let api: RunningServer;
  const TOKEN = 'test-token-123';

  const call = async (method: string, path: string, body?: unknown, token: string | null = TOKEN) => {
    const res = await fetch(api.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };

  const finished = async (id: string) => {
    // Poll with a growing interval, as a client would.
    for (let delay = 10; ; delay = Math.min(delay * 2, 500)) {
      const r = await call('GET', `/v2/jobs/${id}`);
      if (!['queued', 'running'].includes(r.body.status)) return r.body;
      await new Promise((done) => setTimeout(done, delay));
    }
  };

  before(async () => {
    fx = copyFixture('refactor-ts');
    fresh = copyFixture('refactor-ts');
    outside = mkdtempSync(join(tmpdir(), 'sparkgraph-serve-outside-'));
    api = await serve({ host: '127.0.0.1', port: 0, token: TOKEN, allowedRoots: [fx.root, fresh.root] });
  });
  after(async () => {
    await api?.close();
    fx?.cleanup();
    fresh?.cleanup();
    rmSync(outside, { recursive: true, force: true });
  });

  it('reads the refactor a message asks for, and refuses anything else with the forms it knows', () => {
    assert.deepEqual(intentFromMessage('Rename computeTotal to computeSum.'), { kind: 'rename', symbol: 'computeTotal', newName: 'computeSum' });
    assert.deepEqual(intentFromMessage('move src/pricing.ts:computeTotal to src/totals.ts'), { kind: 'move', symbol: 'src/pricing.ts:computeTotal', to: 'src/totals.ts' });
    assert.deepEqual(intentFromMessage('find every use of Cart.add'), { kind: 'uses', symbol: 'Cart.add' });
    assert.deepEqual(intentFromMessage('change signature of formatPrice: order currency, value'), { kind: 'signature', symbol: 'formatPrice', change: { order: ['currency', 'value'] } });
    assert.deepEqual(intentFromMessage('migrate `db.query($A)` to `orm.run($A)` in python'), { kind: 'migrate', rule: { language: 'python', pattern: 'db.query($A)', rewrite: 'orm.run($A)' } });
    assert.throws(() => intentFromMessage('make it faster'), (e: Error) => e instanceof RefactorError && /rename <symbol> to <newName>/.test(e.message));
  });

  it('requires the bearer token', async () => {
    assert.equal((await call('GET', '/v2/jobs/job-1', undefined, null)).status, 401);
    assert.equal((await call('GET', '/v2/jobs/job-1', undefined, 'wrong-token-xyz')).status, 401);
  });

  it('POST returns a job id; GET reports the result with its patch; the repository is not written', async () => {
    const before = readFileSync(join(fx.root, 'src/pricing.ts'), 'utf8');
    const r = await call('POST', '/v2/chat/completions/spark', { messages: [{ role: 'user', content: 'rename src/pricing.ts:computeTotal to computeSum' }], repository_context: { path: fx.root } });
    assert.equal(r.status, 202);
    assert.match(r.body.job_id, /^job-\d+$/);
    const job = await finished(r.body.job_id);
    assert.equal(job.status, 'done', JSON.stringify(job.error));
    assert.match(job.result.patch, /^\+export function computeSum\(/m);
    assert.deepEqual(job.result.files.map((f: { path: string }) => f.path), ['src/checkout.ts', 'src/index.ts', 'src/pricing.ts', 'src/reports.ts']);
    assert.match(job.choices[0].message.content, /```diff/);
    assert.equal(readFileSync(join(fx.root, 'src/pricing.ts'), 'utf8'), before);
    const del = await call('DELETE', `/v2/jobs/${r.body.job_id}`);
    assert.deepEqual(del.body, { id: r.body.job_id, cancelled: false });
  });

  it('an inline manifest is refactored in its own scratch folder; uses lists lines', async () => {
    const files = [
      { path: 'a.ts', content: 'export function greet(n: string) {\n  return `hi ${n}`;\n}\n' },
      { path: 'b.ts', content: "import { greet } from './a';\ngreet('x');\n" },
    ];
    const r = await call('POST', '/v2/chat/completions/spark', { messages: [{ role: 'user', content: 'find every use of greet' }], repository_context: { files } });
    const job = await finished(r.body.job_id);
    assert.equal(job.status, 'done', JSON.stringify(job.error));
    assert.deepEqual(job.result.matches.map((m: { path: string; line: number }) => `${m.path}:${m.line}`), ['a.ts:1', 'b.ts:1', 'b.ts:2']);
  });

  it('the CLI client submits, polls with exponential backoff and applies the result locally', async () => {
    const sleeps: number[] = [];
    let out = '';
    let err = '';
    const args = parseArgs(['refactor', 'rename', 'src/pricing.ts:Cart.add', 'addPrice', '--server', api.url, '--token', TOKEN, '-C', fresh.root, '--apply']);
    const code = await runRemoteRefactor(args, {
      out: (t) => (out += t + '\n'),
      err: (t) => (err += t + '\n'),
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((done) => setTimeout(done, 1));
      },
    });
    assert.equal(code, 0, err);
    assert.ok(sleeps.length >= 1, 'the job was still running at the first poll');
    assert.deepEqual(sleeps, sleeps.map((_, i) => Math.min(100 * 2 ** i, 2000)));
    assert.match(err, /rename Cart\.add to addPrice: 2 edits in 2 files/);
    assert.match(readFileSync(join(fresh.root, 'src/checkout.ts'), 'utf8'), /cart\.addPrice\(p\)/);
    const wrongToken = await runRemoteRefactor(parseArgs(['refactor', 'uses', 'formatPrice', '--server', api.url, '--token', 'nope', '-C', fx.root]), { out: () => undefined, err: () => undefined });
    assert.equal(wrongToken, 2);
  });

  it('refuses paths outside the allowed roots, in a path or in a manifest', async () => {
    const msg = [{ role: 'user', content: 'rename x to y' }];
    const p = await call('POST', '/v2/chat/completions/spark', { messages: msg, repository_context: { path: outside } });
    assert.equal(p.status, 403);
    assert.match(p.body.error.message, /outside the allowed roots/);
    const m1 = await call('POST', '/v2/chat/completions/spark', { messages: msg, repository_context: { files: [{ path: '../escape.ts', content: 'x' }] } });
    assert.equal(m1.status, 403);
    writeFileSync(join(outside, 'x.ts'), 'export const x = 1;\n');
    const m2 = await call('POST', '/v2/chat/completions/spark', { messages: msg, repository_context: { files: [{ path: join(outside, 'x.ts') }] } });
    assert.equal(m2.status, 403);
    assert.match(m2.body.error.message, /manifest file .*x\.ts is outside the allowed roots/);
    assert.equal((await call('POST', '/v2/chat/completions/spark', { messages: [{ role: 'user', content: 'hello' }], repository_context: { path: fx.root } })).status, 422);
    assert.equal((await call('POST', '/v2/chat/completions/spark', { repository_context: { path: fx.root } })).status, 400);
    assert.equal((await call('GET', '/v2/jobs/job-999')).status, 404);
  });
});
