import * as vscode from 'vscode';
import { ModelError, type CompletionRequest, type CompletionResult, type ModelProvider } from './types';

// VS Code's own language-model API (Copilot and other model extensions). Older editors and
// code-server builds have no `vscode.lm`; that becomes a clear "unavailable", not a crash.

interface LmApi {
  selectChatModels(selector?: { family?: string; id?: string }): Thenable<vscode.LanguageModelChat[]>;
}

export function languageModelApi(): LmApi | undefined {
  const lm = (vscode as unknown as { lm?: Partial<LmApi> }).lm;
  return typeof lm?.selectChatModels === 'function' ? (lm as LmApi) : undefined;
}

export class VsCodeModelProvider implements ModelProvider {
  readonly id = 'vscode';
  readonly cacheable: boolean;

  constructor(readonly model: string) {
    this.cacheable = model !== '';
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    const lm = languageModelApi();
    if (!lm || typeof vscode.LanguageModelChatMessage?.User !== 'function') throw new ModelError('unavailable', "this editor has no language-model API (vscode.lm)");
    if (request.signal?.aborted) throw new ModelError('cancelled', 'cancelled');
    const models = this.model ? [...(await lm.selectChatModels({ id: this.model })), ...(await lm.selectChatModels({ family: this.model }))] : await lm.selectChatModels();
    const chosen = models[0];
    if (!chosen) throw new ModelError('unavailable', this.model ? `no language model "${this.model}" is available in this editor` : 'no language model is available in this editor (install or sign in to a model provider)');
    // The API has no system role: the instruction goes first as a user turn.
    const messages = request.messages.map((m) => (m.role === 'assistant' ? vscode.LanguageModelChatMessage.Assistant(m.content) : vscode.LanguageModelChatMessage.User(m.content)));
    const cts = new vscode.CancellationTokenSource();
    const cancel = () => cts.cancel();
    request.signal?.addEventListener('abort', cancel, { once: true });
    let text = '';
    try {
      const response = await chosen.sendRequest(messages, { justification: 'SparkGraph answers your question from the code graph context.' }, cts.token);
      for await (const piece of response.text) {
        text += piece;
        request.onDelta?.(piece);
      }
    } catch (e) {
      if (request.signal?.aborted) throw new ModelError('cancelled', 'cancelled');
      if (e instanceof vscode.LanguageModelError) throw new ModelError('unavailable', `${chosen.name}: ${e.message}`);
      throw new ModelError('network', `${chosen.name}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      request.signal?.removeEventListener('abort', cancel);
      cts.dispose();
    }
    if (request.signal?.aborted) throw new ModelError('cancelled', 'cancelled');
    if (!text) throw new ModelError('protocol', `${chosen.name} returned an empty answer`);
    return { text };
  }
}
