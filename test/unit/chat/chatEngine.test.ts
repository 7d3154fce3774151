import { strict as assert } from 'node:assert';
import type { AskParams, AskResult, ChainsParams, ChainsResult, ModelContextParams } from '../../../shared/protocol';
import { addFileLinks, restoreTurns, runTurn, type ChatDeps, type ChatTurn, type ModelChoice } from '../../../client/src/chat/chatEngine';
import { turnWriter } from '../../../client/src/chat/participantStream';
import { renderTurn } from '../../../client/src/chat/renderTurn';
import { OpenAiProvider } from '../../../client/src/llm/openaiProvider';
import { SessionTally } from '../../../client/src/llm/usage';
import { FakeOpenAi, status, stream } from '../../helpers/fakeOpenAi';

// A chat turn end to end without an editor: the graph answer always comes first and stays;
// the model's answer (from a local OpenAI-wire server) streams under it or a note says why not.

const ROOT = 'file:///w/app';
const loginHit = {
  name: 'handleLogin',
  qname: 'handleLogin',
  kind: 'function',
  location: { file: 'src/auth/login.ts', uri: `${ROOT}/src/auth/login.ts`, line: 9, character: 22 },
  score: 2,
  reason: 'defines login',
};
const graphAnswer: AskResult = { question: 'q', intent: 'where', hits: [loginHit], markdown: `1. [\`handleLogin\`](${ROOT}/src/auth/login.ts#L10) — defines login` };
const CONTEXT_TEXT = '### src/auth/login.ts:10 function handleLogin (answer #1)\n10| export async function handleLogin() {\n\n### src/auth/users.ts:11 function findUser (called by handleLogin)\n11| export function findUser() {';

function fakeDeps(model: () => Promise<ModelChoice>, over: Partial<ChatDeps> = {}) {
  const calls = { ask: [] as AskParams[], context: [] as ModelContextParams[], chains: [] as ChainsParams[] };
  const deps: ChatDeps = {
    ask: async (p) => (calls.ask.push(p), graphAnswer),
    modelContext: async (p) => (calls.context.push(p), { text: CONTEXT_TEXT, hash: 'ctx-hash', tokens: 50 }),
    chains: async (p): Promise<ChainsResult> => (
      calls.chains.push(p),
      {
        symbol: { name: 'verifyPassword', qname: 'verifyPassword', kind: 'function', location: { file: 'src/auth/crypto.ts', uri: `${ROOT}/src/auth/crypto.ts`, line: 11, character: 16 } },
        incoming: [[{ name: 'src/server.ts', qname: 'src/server.ts', kind: 'file', location: { file: 'src/server.ts', uri: `${ROOT}/src/server.ts`, line: 0, character: 0 } }, { name: 'handleLogin', qname: 'handleLogin', kind: 'function', location: loginHit.location }]],
        outgoing: [],
        truncated: false,
      }
    ),
    model,
    session: new SessionTally(),
    ...over,
  };
  return { deps, calls };
}
const noModel = async (): Promise<ModelChoice> => ({ prices: { inputPer1k: 0, outputPer1k: 0 }, contextTokens: 3000 });
const editor = { uri: `${ROOT}/src/auth/crypto.ts`, label: 'src/auth/crypto.ts', selection: { start: { line: 11, character: 20 }, end: { line: 11, character: 20 } } };

describe('chat turn', () => {
  it('answers from the graph alone when no model is configured, passing the editor context', async () => {
    const { deps, calls } = fakeDeps(noModel);
    const states: string[] = [];
    const turn = await runTurn('t1', '/where login', editor, deps, (t) => states.push(`${t.state}:${t.graph ? 'graph' : '-'}`));
    assert.deepEqual(calls.ask, [{ question: 'where is login handled?', k: 8, context: { uri: editor.uri, selection: editor.selection } }]);
    assert.deepEqual(states, ['asking:-', 'asking:graph', 'done:graph']);
    assert.equal(turn.graph?.markdown, graphAnswer.markdown);
    assert.equal(turn.model, undefined);
    assert.deepEqual(calls.context, []);
    assert.ok(renderTurn(turn).includes('data-uri="file:///w/app/src/auth/login.ts" data-line="9"'));
  });

  it('says why, instead of an empty answer, when the graph request fails or a command is not available', async () => {
    const { deps } = fakeDeps(noModel, { ask: async () => Promise.reject(new Error('Unhandled method sparkgraph/ask')) });
    const failed = await runTurn('t', 'where is login?', undefined, deps, () => undefined);
    assert.equal(failed.notice, 'SparkGraph could not answer from the graph: Unhandled method sparkgraph/ask');
    const deps2 = fakeDeps(noModel);
    const later = await runTurn('t', '/deps', undefined, deps2.deps, () => undefined);
    assert.equal(later.notice, 'SparkGraph could not produce the dependency report: not available from this server');
    assert.deepEqual(deps2.calls.ask, []);
  });

  it('/deps shows the dependency report with its files linked, without asking the graph engine', async () => {
    const markdown = '**Missing dependencies** (1)\n- `zod`: run `npm install zod` (imported at src/a.ts:1)';
    const { deps, calls } = fakeDeps(noModel, {
      dependencies: async () => ({
        folders: [{ root: '/w/app', missing: [{ package: 'zod', ecosystem: 'npm', dev: false, imports: [{ file: 'src/a.ts', uri: `${ROOT}/src/a.ts`, line: 0, character: 0 }], install: { tool: 'npm', command: 'npm install zod', cwd: '', manifest: 'package.json' } }], optional: [], unused: [], problems: [] }],
        markdown,
      }),
    });
    const turn = await runTurn('t', '/deps', undefined, deps, () => undefined);
    assert.deepEqual(calls.ask, []);
    assert.deepEqual(turn.graph, { intent: 'deps', markdown, hits: [] });
    assert.equal(turn.fileLinks['src/a.ts'], `${ROOT}/src/a.ts`);
    const clean = await runTurn('t', '/deps', undefined, fakeDeps(noModel, { dependencies: async () => ({ folders: [], markdown: '' }) }).deps, () => undefined);
    assert.equal(clean.graph!.markdown, 'Every package the code imports is declared by its manifest.');
  });

  it('/refactor hands the request and the editor to the refactor job, and shows its summary', async () => {
    const seen: [string, string | undefined][] = [];
    const { deps } = fakeDeps(noModel, {
      refactor: async (request, ed) => (seen.push([request, ed?.uri]), { markdown: '**rename a to b: 2 edits in 1 files**', fileLinks: { 'src/a.ts': `${ROOT}/src/a.ts` } }),
    });
    const turn = await runTurn('t', '/refactor rename a to b', editor, deps, () => undefined);
    assert.deepEqual(seen, [['rename a to b', editor.uri]]);
    assert.deepEqual(turn.graph, { intent: 'refactor', markdown: '**rename a to b: 2 edits in 1 files**', hits: [] });
    const failing = fakeDeps(noModel, { refactor: async () => Promise.reject(new Error('cannot tell which refactor "x" asks for')) });
    const bad = await runTurn('t', '/refactor x', editor, failing.deps, () => undefined);
    assert.equal(bad.notice, 'SparkGraph could not produce the refactor: cannot tell which refactor "x" asks for');
  });

  it('/explain asks for the selection\'s call chains and puts the selected symbol first', async () => {
    const { deps, calls } = fakeDeps(noModel);
    const turn = await runTurn('t', '/explain', editor, deps, () => undefined);
    assert.deepEqual(calls.chains, [{ textDocument: { uri: editor.uri }, position: editor.selection.start }]);
    assert.equal(calls.ask[0].question, 'explain verifyPassword');
    assert.equal(turn.graph!.hits[0].qname, 'verifyPassword');
    assert.ok(turn.graph!.markdown.includes(`**How \`verifyPassword\` is reached** (shortest chains from entry points):\n1. [\`src/server.ts\`](${ROOT}/src/server.ts#L1) → [\`handleLogin\`](${ROOT}/src/auth/login.ts#L10)`), turn.graph!.markdown);
    const none = await runTurn('t', '/explain', undefined, deps, () => undefined);
    assert.match(none.notice!, /select a function/);
  });

  it('says the model was not asked when its settings are incomplete', async () => {
    const { deps } = fakeDeps(async () => ({ problem: 'set sparkgraph.model.name to the model to ask', prices: { inputPer1k: 0, outputPer1k: 0 }, contextTokens: 3000 }));
    const turn = await runTurn('t', 'where is login?', undefined, deps, () => undefined);
    assert.ok(turn.graph);
    assert.deepEqual(turn.model, { name: 'model', text: '', state: 'failed', note: 'The model was not asked: set sparkgraph.model.name to the model to ask. Showing the graph answer only.' });
  });

  describe('with an OpenAI-compatible model', () => {
    let server: FakeOpenAi;
    let baseUrl: string;
    beforeEach(async () => {
      server = new FakeOpenAi();
      baseUrl = await server.start();
    });
    afterEach(() => server.stop());
    const model = (maxRetries = 0) => async (): Promise<ModelChoice> => ({
      provider: new OpenAiProvider({ baseUrl, model: 'local-model', timeoutMs: 5000, maxRetries, sleep: async () => undefined }),
      prices: { inputPer1k: 0, outputPer1k: 0 },
      contextTokens: 1234,
    });

    it('streams the model answer under the graph answer, built on the graph context, with linked citations and usage', async () => {
      server.replies.push(stream(['It is in ', 'src/auth/login.ts:10, which calls ', 'src/auth/users.ts:11.'], [300, 20]));
      const { deps, calls } = fakeDeps(model());
      const seen: string[] = [];
      const turn = await runTurn('t', 'where is login handled?', undefined, deps, (t) => t.model && seen.push(`${t.model.state}:${t.model.text}`));
      assert.deepEqual(calls.context, [{ question: 'where is login handled?', hits: [loginHit], tokenBudget: 1234 }]);
      assert.ok(server.received[0].body.messages[1].content.endsWith(`Code context:\n${CONTEXT_TEXT}`));
      assert.deepEqual(seen, [
        'streaming:',
        'streaming:It is in ',
        'streaming:It is in src/auth/login.ts:10, which calls ',
        'streaming:It is in src/auth/login.ts:10, which calls src/auth/users.ts:11.',
        'done:It is in src/auth/login.ts:10, which calls src/auth/users.ts:11.',
      ]);
      assert.equal(turn.model!.usage, '300 prompt + 20 completion tokens · session: 1 model answer, 320 tokens');
      assert.equal(turn.graph!.markdown, graphAnswer.markdown);
      const html = renderTurn(turn);
      assert.ok(html.includes('data-uri="file:///w/app/src/auth/users.ts" data-line="10"'), html);
      assert.ok(html.indexOf('aria-label="Graph answer"') < html.indexOf('aria-label="Model answer from local-model"'));
    });

    it('puts the install command under a model answer whose code imports an undeclared package', async () => {
      server.replies.push(stream(['Use this:\n```ts\nimport { z } from ', "'zod';\nimport express from 'express';\n```\n"], [30, 10]));
      const asked: { code: string; language: string; uri?: string }[] = [];
      const { deps } = fakeDeps(model(), {
        snippetDependencies: async (p) => {
          asked.push(p);
          return { missing: [], markdown: p.code.includes("'zod'") ? 'This code imports a package the project does not declare:\n- `zod` is not declared in `package.json`: run `npm install zod`' : '' };
        },
      });
      const turn = await runTurn('t', 'how do I validate the body?', editor, deps, () => undefined);
      assert.deepEqual(asked, [{ code: "import { z } from 'zod';\nimport express from 'express';\n", language: 'typescript', uri: editor.uri }]);
      assert.equal(turn.model!.installHints, 'This code imports a package the project does not declare:\n- `zod` is not declared in `package.json`: run `npm install zod`');
      assert.match(renderTurn(turn), /class="install"[\s\S]*npm install zod/);
    });

    it('writes the same turn to an append-only chat response, each piece once (@sparkgraph)', async () => {
      server.replies.push(stream(['Checked in ', 'src/auth/login.ts:10.'], [40, 5]));
      const { deps } = fakeDeps(model());
      const written: string[] = [];
      const writer = turnWriter({ markdown: (t) => written.push(t) });
      writer.finish(await runTurn('p', 'where is login handled?', undefined, deps, (t) => writer.update(t)));
      assert.deepEqual(written, [
        graphAnswer.markdown,
        '\n\n---\n**Model answer** (local-model):\n\n',
        'Checked in ',
        'src/auth/login.ts:10.',
        '\n\n_40 prompt + 5 completion tokens · session: 1 model answer, 45 tokens_',
      ]);
      server.replies.push(status(500));
      const failed: string[] = [];
      const w2 = turnWriter({ markdown: (t) => failed.push(t) });
      w2.finish(await runTurn('p2', 'where else?', undefined, deps, (t) => w2.update(t)));
      assert.equal(failed[0], graphAnswer.markdown);
      assert.match(failed[failed.length - 1], /^\n\n> The model could not answer \(.*500.*\); showing the graph answer only\.$/);
    });

    it('keeps the graph answer and adds a visible note when the model fails', async () => {
      server.replies.push(status(503));
      const { deps } = fakeDeps(model());
      const turn = await runTurn('t', 'where is login handled?', undefined, deps, () => undefined);
      assert.equal(turn.graph!.markdown, graphAnswer.markdown);
      assert.equal(turn.model!.state, 'failed');
      assert.match(turn.model!.note!, /^The model could not answer \(.*answered 503: status 503\); showing the graph answer only\.$/);
      const html = renderTurn(turn);
      assert.ok(html.includes('class="note" role="status"'), html);
      assert.ok(html.includes('<section class="graph"'), html);
    });
  });

  it('maps files named in the context to URIs under the hits\' folder', () => {
    const links: Record<string, string> = {};
    addFileLinks(links, [loginHit], `${CONTEXT_TEXT}\n\n### src/my dir/a b.ts:3 function x (calls y)\n\n### src/server.ts imports\nsrc/http/router.ts {Router}`);
    assert.deepEqual(links, {
      'src/auth/login.ts': `${ROOT}/src/auth/login.ts`,
      'src/auth/users.ts': `${ROOT}/src/auth/users.ts`,
      'src/my dir/a b.ts': `${ROOT}/src/my%20dir/a%20b.ts`,
      'src/server.ts': `${ROOT}/src/server.ts`,
    });
  });

  it('restores a stored conversation, marking what was cut off', () => {
    const stored: ChatTurn[] = [
      { id: 'a', prompt: 'q1', state: 'done', fileLinks: {} },
      { id: 'b', prompt: 'q2', state: 'asking', fileLinks: {}, model: { name: 'm', text: 'half', state: 'streaming' } },
    ];
    const turns = restoreTurns(JSON.parse(JSON.stringify([...stored, { nonsense: true }])));
    assert.deepEqual(turns.map((t) => [t.id, t.state, t.model?.state]), [['a', 'done', undefined], ['b', 'done', 'cancelled']]);
    assert.match(turns[1].model!.note!, /interrupted/);
    assert.deepEqual(restoreTurns('garbage'), []);
  });
});
