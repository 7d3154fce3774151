import type * as vscode from 'vscode';
import { ChatController } from './chat/chatController';
import { registerCommands } from './commands';
import { Session } from './session';

// Entry points VS Code calls; everything else lives in the session.

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  session = new Session(context.extensionPath);
  // Commands first, so they exist even when the server cannot start.
  registerCommands(session);
  try {
    session.chat = session.own(new ChatController(session, context));
  } catch (e) {
    session.output.error(`the chat panel could not start: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  await session.start();
}

export async function deactivate(): Promise<void> {
  const ending = session;
  session = undefined;
  await ending?.dispose();
}
