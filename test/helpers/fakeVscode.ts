import Module from 'node:module';

// A stand-in for the `vscode` module, for unit tests of the few client modules that need only a
// small part of it (the language-model and chat APIs). Installed before those modules load;
// each test sets `lm` and `chat` to what the editor under test would offer.

export interface FakeCancellationToken {
  isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

class CancellationTokenSource {
  private listeners: (() => void)[] = [];
  readonly token: FakeCancellationToken = {
    isCancellationRequested: false,
    onCancellationRequested: (l) => {
      this.listeners.push(l);
      return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
    },
  };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    for (const l of this.listeners) l();
  }
  dispose(): void {
    this.listeners = [];
  }
}

export const fakeVscode = {
  lm: undefined as unknown,
  chat: undefined as unknown,
  LanguageModelChatMessage: {
    User: (content: string) => ({ role: 'user', content }),
    Assistant: (content: string) => ({ role: 'assistant', content }),
  },
  LanguageModelError: class LanguageModelError extends Error {},
  CancellationTokenSource,
  Uri: { joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/') }) },
};

const loader = Module as unknown as { _load(request: string, parent: unknown, isMain: boolean): unknown };
const original = loader._load;
loader._load = function (request: string, parent: unknown, isMain: boolean) {
  if (request === 'vscode') return fakeVscode;
  return original.call(this, request, parent, isMain);
};
