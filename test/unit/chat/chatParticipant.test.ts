import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeVscode, type FakeCancellationToken } from '../../helpers/fakeVscode';
import type { AskResult } from '../../../shared/protocol';
import type { ChatDeps } from '../../../client/src/chat/chatEngine';
import { registerChatParticipant } from '../../../client/src/chat/chatParticipant';
import { SessionTally } from '../../../client/src/llm/usage';

// `@sparkgraph` against a stand-in of VS Code's chat API, and the rule that keeps the chat's
// and the model layer's logic free of `vscode` (so the tests above run without an editor).

type Handler = (request: { prompt: string; command?: string }, context: unknown, stream: { markdown(t: string): void }, token: FakeCancellationToken) => Promise<unknown>;

const answer: AskResult = { question: 'who calls handleLogin?', intent: 'callers', hits: [], markdown: '**Callers:** who calls handleLogin?\n\n1. `src/server.ts`' };

describe('@sparkgraph chat participant', () => {
  afterEach(() => (fakeVscode.chat = undefined));
  const deps = (asked: string[]): ChatDeps => ({
    ask: async (p) => (asked.push(p.question), answer),
    modelContext: async () => ({ text: '', hash: '', tokens: 0 }),
    chains: async () => ({ incoming: [], outgoing: [], truncated: false }),
    model: async () => ({ prices: { inputPer1k: 0, outputPer1k: 0 }, contextTokens: 3000 }),
    session: new SessionTally(),
  });

  it('is not registered where the editor has no chat API', () => {
    assert.equal(registerChatParticipant(deps([]), { path: '/ext' } as never, () => undefined), undefined);
  });

  it('answers a slash command with the graph answer', async () => {
    let registered: { id: string; handler: Handler } | undefined;
    fakeVscode.chat = { createChatParticipant: (id: string, handler: Handler) => ((registered = { id, handler }), { dispose() {} }) };
    const asked: string[] = [];
    const participant = registerChatParticipant(deps(asked), { path: '/ext' } as never, () => undefined) as unknown as { iconPath: { path: string } };
    assert.equal(registered?.id, 'sparkgraph.chat');
    assert.equal(participant.iconPath.path, '/ext/media/sparkgraph.svg');
    const written: string[] = [];
    const token = new fakeVscode.CancellationTokenSource().token;
    await registered!.handler({ prompt: 'handleLogin', command: 'callers' }, {}, { markdown: (t) => written.push(t) }, token);
    assert.deepEqual(asked, ['who calls handleLogin?']);
    assert.deepEqual(written, [answer.markdown]);
  });
});

describe('the chat and model layers outside the editor edge', () => {
  const ROOT = join(__dirname, '..', '..', '..', 'client', 'src');
  const EDGE = new Set(['llm/vscodeProvider.ts', 'llm/providers.ts', 'chat/chatView.ts', 'chat/chatController.ts', 'chat/chatParticipant.ts', 'chat/editorContext.ts']);

  it('import `vscode` only in the modules that talk to the editor', () => {
    const offenders: string[] = [];
    for (const dir of ['llm', 'chat']) {
      for (const name of readdirSync(join(ROOT, dir))) {
        const rel = `${dir}/${name}`;
        if (EDGE.has(rel)) continue;
        if (/from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(join(ROOT, rel), 'utf8'))) offenders.push(rel);
      }
    }
    assert.deepEqual(offenders, []);
  });
});
