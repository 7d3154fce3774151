import * as vscode from 'vscode';
import { ErrorCodes, ResponseError, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification } from '../../shared/protocol';
import { CallChainsView } from './callChainsView';
import type { ChatController } from './chat/chatController';
import { ACTIVE_CONTEXT_KEY, OUTPUT_CHANNEL_NAME } from './commandIds';
import { registerInstallDependency } from './installDependency';
import { createLanguageClient, serverBundleExists, serverModulePath } from './languageClient';
import { RefactorPreview } from './refactorPreview';
import { StatsDocument } from './statsDocument';
import { StatusBar } from './statusBar';

// The one object that owns everything the extension creates: the language client, its output
// channel, the status bar item, the views and every registration. Disposing it undoes all.

export class Session {
  readonly output: vscode.LogOutputChannel;
  readonly statusBar: StatusBar;
  readonly callChains: CallChainsView;
  readonly stats: StatsDocument;
  readonly refactorPreview: RefactorPreview;
  readonly client: LanguageClient;
  /** The chat panel and participant; set by activation once the session exists. */
  chat?: ChatController;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(readonly extensionPath: string) {
    this.output = this.own(vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true }));
    this.statusBar = this.own(new StatusBar());
    this.callChains = this.own(new CallChainsView());
    this.stats = this.own(new StatsDocument());
    this.refactorPreview = this.own(new RefactorPreview());
    const { client, watcher } = createLanguageClient(extensionPath, this.output, {
      down: (message) => this.statusBar.update({ state: 'error', message }),
      openLogs: () => this.output.show(true),
    });
    this.client = client;
    this.own(watcher);
    // Handlers registered on the client survive its restarts.
    this.own(client.onNotification(StatusNotification, (status) => this.statusBar.update(status)));
    this.own(registerInstallDependency());
  }

  own<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  async start(): Promise<void> {
    await vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, true);
    await this.ensureRunning();
  }

  /** Starts the server if it is not running (also after it was given up on); false if it cannot. */
  async ensureRunning(): Promise<boolean> {
    if (this.client.isRunning()) return true;
    if (!serverBundleExists(this.extensionPath)) {
      const message = `the server bundle ${serverModulePath(this.extensionPath)} is missing; run "npm run build"`;
      this.output.error(message);
      this.statusBar.update({ state: 'error', message });
      return false;
    }
    try {
      await this.client.start();
      return true;
    } catch (e) {
      const message = `the language server failed to start: ${e instanceof Error ? e.message : String(e)}`;
      this.output.error(message);
      this.statusBar.update({ state: 'error', message });
      return false;
    }
  }

  /**
   * Runs a request for a command; failures end in one error message with the logs one click
   * away, cancellations in silence.
   */
  async request<R>(what: string, run: (client: LanguageClient) => Promise<R>): Promise<R | undefined> {
    if (!(await this.ensureRunning())) {
      this.offerLogs(vscode.window.showErrorMessage(`SparkGraph: cannot ${what}: the language server is not running.`, 'Open Logs'));
      return undefined;
    }
    try {
      return await run(this.client);
    } catch (e) {
      if (e instanceof ResponseError && e.code === ErrorCodes.PendingResponseRejected) return undefined;
      const message = e instanceof Error ? e.message : String(e);
      this.output.error(`${what} failed: ${message}`);
      this.offerLogs(vscode.window.showErrorMessage(`SparkGraph: cannot ${what}: ${message}`, 'Open Logs'));
      return undefined;
    }
  }

  offerLogs(message: Thenable<string | undefined>): void {
    void message.then((pick) => pick === 'Open Logs' && this.output.show(true));
  }

  async dispose(): Promise<void> {
    await vscode.commands.executeCommand('setContext', ACTIVE_CONTEXT_KEY, false);
    try {
      await this.client.dispose(2000);
    } catch (e) {
      this.output.error(`stopping the language server failed: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const d of this.disposables.reverse()) d.dispose();
  }
}
