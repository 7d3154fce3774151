import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  RevealOutputChannelOn,
  TransportKind,
  type CloseHandlerResult,
  type ErrorHandler,
  type ErrorHandlerResult,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { DEFAULT_SETTINGS, normalizeSettings, type SparkGraphSettings } from '../../shared/settings';
import { LANGUAGE_IDS } from './commandIds';
import { RestartPolicy } from './restartPolicy';

// Starts the bundled language server and decides what happens when it dies: restart quietly,
// tell the user once, and give up on a crash loop instead of flooding them with pop-ups.

export const CLIENT_ID = 'sparkgraph';
export const CLIENT_NAME = 'SparkGraph';
export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60_000;

/** The server as the build lays it out, relative to the installed extension. */
export function serverModulePath(extensionPath: string): string {
  return join(extensionPath, 'dist', 'server', 'server.js');
}

export function readSettings(): SparkGraphSettings {
  const config = vscode.workspace.getConfiguration(CLIENT_ID);
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(DEFAULT_SETTINGS)) raw[key] = config.get(key);
  return normalizeSettings(raw);
}

/** What the rest of the extension hears about the server's life. */
export interface ServerLifeHooks {
  /** The server died or its connection broke; `restarting` says whether it comes back. */
  down(message: string, restarting: boolean): void;
  /** The user picked "Open Logs" on a crash message. */
  openLogs(): void;
}

export function crashErrorHandler(output: vscode.LogOutputChannel, hooks: ServerLifeHooks, policy = new RestartPolicy(MAX_RESTARTS, RESTART_WINDOW_MS)): ErrorHandler {
  let toldGiveUp = false;
  const minutes = Math.round(policy.windowMs / 60_000);
  const offerLogs = (show: Thenable<string | undefined>) => void show.then((pick) => pick === 'Open Logs' && hooks.openLogs());

  return {
    error(error, _message, count): ErrorHandlerResult {
      // A few write/read errors are transient; a steady stream means the pipe is gone.
      const shutdown = (count ?? 0) > 3;
      output.error(`connection error (${count ?? 1}): ${error.message}${shutdown ? '; stopping the server' : ''}`);
      if (shutdown) hooks.down(`the connection to the language server failed: ${error.message}`, false);
      return { action: shutdown ? ErrorAction.Shutdown : ErrorAction.Continue, handled: true };
    },
    closed(): CloseHandlerResult {
      const decision = policy.crashed();
      if (decision.restart) {
        const message = `The SparkGraph language server stopped unexpectedly and is being restarted (restart ${decision.crashes} of at most ${policy.maxRestarts} in ${minutes} minutes).`;
        output.warn(message);
        hooks.down('the language server stopped unexpectedly; restarting', true);
        if (decision.first) offerLogs(vscode.window.showInformationMessage('SparkGraph: the language server stopped unexpectedly and was restarted.', 'Open Logs'));
        return { action: CloseAction.Restart, message, handled: true };
      }
      const what = `the language server crashed ${decision.crashes} times in ${minutes} minutes and will not be restarted`;
      const message = `SparkGraph: ${what}. Run "SparkGraph: Reindex Workspace" to start it again.`;
      output.error(message);
      hooks.down(what, false);
      if (!toldGiveUp) {
        toldGiveUp = true;
        offerLogs(vscode.window.showWarningMessage(message, 'Open Logs'));
      }
      return { action: CloseAction.DoNotRestart, message, handled: true };
    },
  };
}

/** The client plus the file watcher feeding it, which the caller disposes with it. */
export function createLanguageClient(
  extensionPath: string,
  output: vscode.LogOutputChannel,
  hooks: ServerLifeHooks,
): { client: LanguageClient; watcher: vscode.FileSystemWatcher } {
  const module = serverModulePath(extensionPath);
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*');
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGE_IDS.map((language) => ({ scheme: 'file', language })),
    synchronize: { configurationSection: CLIENT_ID, fileEvents: watcher },
    // A function, so a restarted server gets the settings of that moment.
    initializationOptions: () => ({ settings: readSettings(), synchronized: true }),
    outputChannel: output,
    traceOutputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    errorHandler: crashErrorHandler(output, hooks),
    initializationFailedHandler: (error) => {
      output.error(`initialization failed: ${error instanceof Error ? error.message : String(error)}`);
      hooks.down('the language server failed to initialize', false);
      return false;
    },
  };
  return { client: new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions), watcher };
}

export function serverBundleExists(extensionPath: string): boolean {
  return existsSync(serverModulePath(extensionPath));
}
