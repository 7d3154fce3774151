import * as vscode from 'vscode';
import { ChainsRequest, ReindexRequest, StatsRequest, type IndexStats } from '../../shared/protocol';
import { COMMANDS, LANGUAGE_IDS, type CommandName } from './commandIds';
import { migrateCommand, moveCommand, renameCommand, signatureCommand } from './refactorCommands';
import type { Session } from './session';
import { statsMarkdown } from './statsMarkdown';

// The command table: one handler per entry of COMMANDS (the type makes a missing or extra
// handler a compile error), all registered on and disposed with the session.

type Handler = (session: Session, ...args: unknown[]) => Promise<void> | void;

const fileCount = (stats: IndexStats) => stats.folders.reduce((sum, f) => sum + f.files, 0).toLocaleString('en-US');

export const COMMAND_TABLE: { readonly [K in CommandName]: Handler } = {
  async reindex(session) {
    const stats = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'SparkGraph: reindexing the workspace…', cancellable: false },
      () => session.request('reindex the workspace', (client) => client.sendRequest(ReindexRequest)),
    );
    if (!stats) return;
    if (stats.state === 'error') {
      session.offerLogs(vscode.window.showErrorMessage(`SparkGraph: reindexing failed: ${stats.message ?? 'unknown error'}`, 'Open Logs'));
    } else {
      void vscode.window.showInformationMessage(`SparkGraph: reindexed ${fileCount(stats)} files.`);
    }
  },

  async showStats(session) {
    const stats = await session.request('show index stats', (client) => client.sendRequest(StatsRequest));
    if (stats) await session.stats.show(statsMarkdown(stats));
  },

  async showCallChains(session) {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !(LANGUAGE_IDS as readonly string[]).includes(editor.document.languageId)) {
      void vscode.window.showInformationMessage('SparkGraph: put the cursor on a function or method in a TypeScript, JavaScript or Python file, then run Show Call Chains.');
      return;
    }
    const result = await session.request('show call chains', (client) =>
      client.sendRequest(ChainsRequest, {
        textDocument: { uri: client.code2ProtocolConverter.asUri(editor.document.uri) },
        position: client.code2ProtocolConverter.asPosition(editor.selection.active),
      }),
    );
    if (result) await session.callChains.show(result);
  },

  openLogs(session) {
    session.output.show(true);
  },

  async openChat(session) {
    if (!session.chat) return chatUnavailable(session);
    await session.chat.view.reveal();
  },

  /** With a string argument (keybindings, tests) asks it directly; otherwise prompts for one. */
  async ask(session, question) {
    const chat = session.chat;
    if (!chat) return chatUnavailable(session);
    let text = typeof question === 'string' ? question : undefined;
    if (text === undefined) {
      const editor = vscode.window.activeTextEditor;
      const selected = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection).trim() : '';
      text = await vscode.window.showInputBox({
        title: 'SparkGraph: ask about this workspace',
        prompt: 'A question in plain words, or /where, /callers, /chain, /explain',
        value: selected && selected.length <= 80 && !selected.includes('\n') ? `/where ${selected}` : '',
        ignoreFocusOut: true,
      });
    }
    if (text?.trim()) await chat.view.ask(text);
  },

  async setModelApiKey(session) {
    if (!session.chat) return chatUnavailable(session);
    await session.chat.setApiKey();
  },

  // Invoked by the server's code actions with (uri, position, …) or from the palette on the cursor.
  refactorRename: renameCommand,
  refactorMove: moveCommand,
  refactorSignature: signatureCommand,
  refactorMigrate: migrateCommand,
};

function chatUnavailable(session: Session): void {
  session.offerLogs(vscode.window.showErrorMessage('SparkGraph: the chat could not start; the logs say why.', 'Open Logs'));
}

export function registerCommands(session: Session): void {
  for (const name of Object.keys(COMMAND_TABLE) as CommandName[]) {
    session.own(vscode.commands.registerCommand(COMMANDS[name].id, (...args: unknown[]) => COMMAND_TABLE[name](session, ...args)));
  }
}
