import * as vscode from 'vscode';
import { CHAT_PARTICIPANT_ID } from '../commandIds';
import { runTurn, type ChatDeps, type EditorContext } from './chatEngine';

// `@sparkgraph` in VS Code's chat: the same turn as the panel (graph answer, then the model's
// answer streamed under it), written to the chat response stream. Editors without the chat API
// (older VS Code, code-server without a chat provider) simply get no participant.

interface ChatApi {
  createChatParticipant(id: string, handler: vscode.ChatRequestHandler): vscode.ChatParticipant;
}

export function registerChatParticipant(deps: ChatDeps, extensionUri: vscode.Uri, editor: () => EditorContext | undefined): vscode.Disposable | undefined {
  const chat = (vscode as unknown as { chat?: Partial<ChatApi> }).chat;
  if (typeof chat?.createChatParticipant !== 'function') return undefined;
  let count = 0;
  const participant = chat.createChatParticipant(CHAT_PARTICIPANT_ID, async (request, _context, stream, token) => {
    const prompt = request.command ? `/${request.command} ${request.prompt}` : request.prompt;
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    let graphShown = false;
    let noticeShown = false;
    let modelShown = 0;
    try {
      const turn = await runTurn(
        `participant-${++count}`,
        prompt,
        editor(),
        deps,
        (t) => {
          if (t.notice && !noticeShown) {
            noticeShown = true;
            stream.markdown(`${t.notice}\n\n`);
          }
          if (t.graph && !graphShown) {
            graphShown = true;
            stream.markdown(t.graph.markdown);
          }
          if (t.model && t.model.text.length > modelShown) {
            if (modelShown === 0) stream.markdown(`\n\n---\n**Model answer** (${t.model.name}):\n\n`);
            stream.markdown(t.model.text.slice(modelShown));
            modelShown = t.model.text.length;
          }
        },
        controller.signal,
      );
      if (turn.model?.note) stream.markdown(`\n\n> ${turn.model.note}`);
      if (turn.model?.usage) stream.markdown(`\n\n_${turn.model.usage}_`);
      return {};
    } finally {
      cancellation.dispose();
    }
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sparkgraph.svg');
  return participant;
}
