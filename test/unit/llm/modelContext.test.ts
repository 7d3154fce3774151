import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { buildModelContext, nodeForHit, type ContextWorkspace } from '../../../server/src/core/llm/modelContext';
import { fixturePath } from '../../helpers/fixtures';

// The graph context a model is given: the hit's own code with file:line headers, its callees
// and callers, what its file imports — within the token budget, the same bytes every time.

describe('model context from the graph', () => {
  const root = fixturePath('editor-app');
  let index: WorkspaceIndex;
  let ws: ContextWorkspace;
  const login = { qname: 'handleLogin', file: 'src/auth/login.ts', line: 9 };

  before(async () => {
    index = new WorkspaceIndex(root, { workers: 0, cache: false });
    await index.build();
    ws = { graph: index.graph.graph, readText: (p) => readFileSync(join(root, p), 'utf8') };
  });
  after(() => index.dispose());

  it('shows the hit as numbered source lines under a file:line header, with its calls and callers', () => {
    const { text, shown } = buildModelContext([{ workspace: ws, ...login }], 4000, { question: 'where is login handled' });
    const lines = text.split('\n');
    assert.equal(lines[0], '### src/auth/login.ts:10 function handleLogin (answer #1)');
    assert.ok(lines.includes('12|   if (!record || !verifyPassword(password, record.salt, record.hash)) {'), text);
    assert.ok(lines.includes('16| }'), text);
    assert.match(text, /^calls: verifyPassword \(src\/auth\/crypto\.ts:12\), findUser \(src\/auth\/users\.ts:11\)/m);
    assert.match(text, /^called by: src\/server\.ts \(top-level code, src\/server\.ts:7\)$/m);
    assert.match(text, /^### src\/auth\/login\.ts imports\nsrc\/auth\/crypto\.ts \{verifyPassword\}\nsrc\/auth\/users\.ts \{findUser\}$/m);
    assert.deepEqual(shown, ['s:src/auth/login.ts#handleLogin', 's:src/auth/crypto.ts#verifyPassword', 's:src/auth/users.ts#findUser', 'f:src/server.ts']);
    assert.ok(lines.includes('### src/auth/crypto.ts:12 function verifyPassword (called by handleLogin)'));
    assert.ok(lines.includes('### src/server.ts:7 top-level code (calls handleLogin)'), text);
    assert.ok(lines.includes(' 7|   const session = await handleLogin(req.body.user, req.body.password);'), text);
  });

  it('stays within every token budget, keeping the top hit first', () => {
    for (const budget of [0, 10, 30, 60, 100, 150, 250, 400, 1000]) {
      const c = buildModelContext([{ workspace: ws, ...login }, { workspace: ws, qname: 'Router.dispatch', file: 'src/http/router.ts', line: 18 }], budget);
      assert.ok(c.text.length <= budget * 4, `budget ${budget}: ${c.text.length} chars`);
      assert.equal(c.tokens, Math.ceil(c.text.length / 4));
      if (budget >= 30) assert.ok(c.text.startsWith('### src/auth/login.ts:10 function handleLogin'), `budget ${budget}:\n${c.text}`);
    }
    assert.equal(buildModelContext([{ workspace: ws, ...login }], 0).text, '');
    // A budget too small for the body keeps the signature and drops the rest.
    const tight = buildModelContext([{ workspace: ws, ...login }], 40).text;
    assert.ok(tight.includes('10| export async function handleLogin('), tight);
    assert.ok(!tight.includes('11|'), tight);
  });

  it('gives the same text and hash for the same graph and hits, and the hash is the sha256 of the text', () => {
    const hits = [{ workspace: ws, ...login }, { workspace: ws, qname: 'findUser', file: 'src/auth/users.ts', line: 10 }];
    const a = buildModelContext(hits, 800, { question: 'login' });
    const b = buildModelContext(hits.map((h) => ({ ...h })), 800, { question: 'login' });
    assert.equal(a.text, b.text);
    assert.equal(a.hash, b.hash);
    assert.equal(a.hash, createHash('sha256').update(a.text, 'utf8').digest('hex'));
    assert.notEqual(buildModelContext(hits.slice(1), 800).hash, a.hash);
  });

  it('maps a hit to its node by qname, else by the innermost symbol at its line, else its file', () => {
    const g = index.graph.graph;
    assert.equal(nodeForHit(g, login), 's:src/auth/login.ts#handleLogin');
    assert.equal(nodeForHit(g, { qname: 'renamed', file: 'src/auth/login.ts', line: 12 }), 's:src/auth/login.ts#handleLogin');
    assert.equal(nodeForHit(g, { qname: 'x', file: 'src/http/router.ts', line: 19 }), 's:src/http/router.ts#Router.dispatch');
    assert.equal(nodeForHit(g, { qname: 'x', file: 'src/auth/login.ts', line: 0 }), 'f:src/auth/login.ts');
    assert.equal(nodeForHit(g, { qname: 'x', file: 'nope.ts', line: 0 }), undefined);
  });

  it('shows each node once even when hits repeat or neighbour each other', () => {
    const c = buildModelContext([{ workspace: ws, ...login }, { workspace: ws, qname: 'verifyPassword', file: 'src/auth/crypto.ts', line: 11 }, { workspace: ws, ...login }], 4000);
    assert.equal(new Set(c.shown).size, c.shown.length);
    assert.equal(c.text.split('\n').filter((l) => l.startsWith('### ') && l.includes('function verifyPassword')).length, 1, c.text);
    assert.ok(c.text.includes('function verifyPassword (answer #2)'));
  });

  it('falls back to the signature when the file cannot be read', () => {
    const blind: ContextWorkspace = { graph: ws.graph, readText: () => undefined };
    const c = buildModelContext([{ workspace: blind, ...login }], 1000);
    assert.ok(c.text.startsWith('### src/auth/login.ts:10 function handleLogin (answer #1)'));
    assert.ok(!/^\d+\|/m.test(c.text), c.text);
    assert.match(c.text, /handleLogin\(user: string, password: string\)/);
  });

  describe('a body longer than the view', () => {
    let dir: string;
    let long: WorkspaceIndex;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'sparkgraph-context-'));
      const body = Array.from({ length: 60 }, (_, i) => (i === 33 ? '  const token = signToken(user);' : `  const v${i} = ${i};`));
      writeFileSync(join(dir, 'big.ts'), ['export function signToken(u: string): string {', '  return u;', '}', 'export function issue(user: string): string {', ...body, '  return token;', '}', ''].join('\n'));
      long = new WorkspaceIndex(dir, { workers: 0, cache: false });
      await long.build();
    });
    after(async () => {
      await long.dispose();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps the signature, the call sites, the lines naming the question and the end, with gaps marked', () => {
      const w: ContextWorkspace = { graph: long.graph.graph, readText: (p) => readFileSync(join(dir, p), 'utf8') };
      const c = buildModelContext([{ workspace: w, qname: 'issue', file: 'big.ts', line: 3 }], 4000, { question: 'where is the token issued', hitLines: 6 });
      const view = c.text.split('\n\n')[0].split('\n');
      const code = view.filter((l) => /^ *\d+\|/.test(l) || /^ +\| …$/.test(l));
      assert.deepEqual(code, [' 4| export function issue(user: string): string {', '  | …', '38|   const token = signToken(user);', '  | …', '65|   return token;', '66| }']);
    });
  });
});
