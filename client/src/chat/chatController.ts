import { join } from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { AskRequest, ChainsRequest, DependenciesRequest, ModelContextRequest, RefactorResultRequest, RefactorSubmitRequest, SnippetDependenciesRequest } from '../../../shared/protocol';
import { showOutcome } from '../refactorCommands';
import { refactorSummary } from './refactorSummary';
import { pricesOf } from '../llm/modelSettings';
import { currentProvider, readModelSettings, setApiKey } from '../llm/providers';
import { ResponseCache } from '../llm/responseCache';
import { SessionTally } from '../llm/usage';
import type { Session } from '../session';
import type { ChatDeps } from './chatEngine';
import { activeEditorContext } from './editorContext';
import { registerChatParticipant } from './chatParticipant';
import { ChatView } from './chatView';

// Everything the chat needs, built once per session: the requests to the server, the model
// provider read from settings and secret storage at each question, the response cache in
// globalStorage, the session's token tally, the panel and the `@sparkgraph` participant.

export class ChatController implements vscode.Disposable {
  readonly view: ChatView;
  readonly tally = new SessionTally();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly session: Session,
    private readonly context: vscode.ExtensionContext,
  ) {
    const log = (m: string) => session.output.warn(m);
    const deps: ChatDeps = {
      ask: (p) => this.request((c) => c.sendRequest(AskRequest, p)),
      modelContext: (p) => this.request((c) => c.sendRequest(ModelContextRequest, p)),
      chains: (p) => this.request((c) => c.sendRequest(ChainsRequest, p)),
      dependencies: () => this.request((c) => c.sendRequest(DependenciesRequest)),
      snippetDependencies: (p) => this.request((c) => c.sendRequest(SnippetDependenciesRequest, p)),
      refactor: async (text, editor) => {
        const uri = editor?.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString();
        if (!uri) throw new Error('open a workspace folder first');
        const result = await this.request(async (c) => {
          const { jobId } = await c.sendRequest(RefactorSubmitRequest, { textDocument: { uri }, refactor: { kind: 'message', text } });
          return c.sendRequest(RefactorResultRequest, { jobId });
        });
        // The summary goes in the chat; the diffs and the refactor preview are offered beside it.
        if (result.state === 'done' && result.files?.length) void showOutcome(this.session, result);
        return refactorSummary(result);
      },
      model: async () => {
        const choice = await currentProvider(context.secrets);
        return { provider: choice.provider, problem: 'problem' in choice ? choice.problem : undefined, prices: pricesOf(choice.settings), contextTokens: choice.settings.contextTokens };
      },
      cache: new ResponseCache(join(context.globalStorageUri.fsPath, 'model-answers.json'), 200, log),
      session: this.tally,
    };
    this.view = new ChatView(context.extensionUri, context.workspaceState, deps, () => modelLabel(), log);
    this.disposables.push(this.view);
    const participant = registerChatParticipant(deps, context.extensionUri, activeEditorContext);
    if (participant) this.disposables.push(participant);
  }

  setApiKey(): Promise<void> {
    return setApiKey(this.context.secrets);
  }

  private async request<R>(run: (client: LanguageClient) => Promise<R>): Promise<R> {
    if (!(await this.session.ensureRunning())) throw new Error('the language server is not running (see SparkGraph: Open Logs)');
    return run(this.session.client);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function modelLabel(): string {
  const s = readModelSettings();
  if (s.provider === 'none') return 'Model: none (graph answers only).';
  if (s.provider === 'vscode') return `Model: VS Code language model${s.name ? ` ${s.name}` : ''}.`;
  let host = s.baseUrl;
  try {
    host = new URL(s.baseUrl).host;
  } catch {
    // shown as configured
  }
  return `Model: ${s.name || '(no name set)'} at ${host}.`;
}
