import { strict as assert } from 'node:assert';
import { fakeVscode, type FakeCancellationToken } from '../../helpers/fakeVscode';
import { ModelError } from '../../../client/src/llm/types';
import { languageModelApi, VsCodeModelProvider } from '../../../client/src/llm/vscodeProvider';

// The vscode.lm provider against a stand-in of the API: missing API, no model, streaming, and
// cancellation reaching the model's token.

interface SentRequest {
  messages: { role: string; content: string }[];
  token: FakeCancellationToken;
}

function fakeModel(name: string, pieces: string[], sent: SentRequest[], hold?: Promise<void>) {
  return {
    name,
    async sendRequest(messages: SentRequest['messages'], _options: unknown, token: FakeCancellationToken) {
      sent.push({ messages, token });
      return {
        text: (async function* () {
          for (const p of pieces) {
            yield p;
            if (hold) await hold;
            if (token.isCancellationRequested) throw new Error('Canceled');
          }
        })(),
      };
    },
  };
}

describe('VS Code language-model provider', () => {
  afterEach(() => (fakeVscode.lm = undefined));

  it('says the API is unavailable in an editor without vscode.lm', async () => {
    assert.equal(languageModelApi(), undefined);
    await assert.rejects(new VsCodeModelProvider('').complete({ messages: [{ role: 'user', content: 'q' }] }), (e: ModelError) => e.kind === 'unavailable' && /no language-model API/.test(e.message));
  });

  it('says so when no model matches', async () => {
    fakeVscode.lm = { selectChatModels: async () => [] };
    await assert.rejects(new VsCodeModelProvider('gpt-x').complete({ messages: [{ role: 'user', content: 'q' }] }), /no language model "gpt-x" is available/);
  });

  it('streams the chosen model\'s answer, with the instruction sent as a user turn', async () => {
    const sent: SentRequest[] = [];
    const selectors: unknown[] = [];
    fakeVscode.lm = {
      selectChatModels: async (s: unknown) => (selectors.push(s), [fakeModel('Fake 1', ['Hello ', 'world'], sent)]),
    };
    const pieces: string[] = [];
    const result = await new VsCodeModelProvider('fake-1').complete({
      messages: [
        { role: 'system', content: 'instruction' },
        { role: 'user', content: 'question' },
      ],
      onDelta: (t) => pieces.push(t),
    });
    assert.equal(result.text, 'Hello world');
    assert.deepEqual(pieces, ['Hello ', 'world']);
    assert.deepEqual(sent[0].messages, [
      { role: 'user', content: 'instruction' },
      { role: 'user', content: 'question' },
    ]);
    assert.deepEqual(selectors, [{ id: 'fake-1' }, { family: 'fake-1' }]);
  });

  it('cancels the model request from the AbortSignal', async () => {
    const sent: SentRequest[] = [];
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    fakeVscode.lm = { selectChatModels: async () => [fakeModel('Fake', ['one ', 'two'], sent, hold)] };
    const controller = new AbortController();
    const done = new VsCodeModelProvider('').complete({
      messages: [{ role: 'user', content: 'q' }],
      signal: controller.signal,
      onDelta: () => {
        controller.abort();
        release();
      },
    });
    await assert.rejects(done, (e: ModelError) => e.kind === 'cancelled');
    assert.equal(sent[0].token.isCancellationRequested, true);
  });
});
