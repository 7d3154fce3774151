import * as vscode from 'vscode';
import { CHAT_PARTICIPANT_ID } from '../commandIds';
import { runTurn, type ChatDeps, type EditorContext } from './chatEngine';
import { turnWriter } from './participantStream';

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
    const writer = turnWriter(stream);
    try {
      const turn = await runTurn(`participant-${++count}`, prompt, editor(), deps, (t) => writer.update(t), controller.signal);
      writer.finish(turn);
      return {};
    } finally {
      cancellation.dispose();
    }
  });
  participant.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'sparkgraph.svg');
  return participant;
}
