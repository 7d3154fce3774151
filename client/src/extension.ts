import type * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Session } from './session';

// Entry points VS Code calls; everything else lives in the session.

let session: Session | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  session = new Session(context.extensionPath);
  // Commands first, so they exist even when the server cannot start.
  registerCommands(session);
  await session.start();
}

export async function deactivate(): Promise<void> {
  const ending = session;
  session = undefined;
  await ending?.dispose();
}
