import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { CHAT_VIEW } from '../commandIds';
import { restoreTurns, runTurn, type ChatDeps, type ChatTurn, type EditorContext } from './chatEngine';
import { activeEditorContext } from './editorContext';
import { renderTurn } from './renderTurn';
import { SLASH_COMMANDS } from './slashCommands';

// The chat panel: a webview view whose conversation is kept per workspace (workspaceState).
// The extension host runs each turn and renders it to escaped HTML; the webview script
// (media/chat.js) only places that HTML, sends questions and asks for locations to be opened.
// Strict CSP: nothing but our own stylesheet and nonce'd script, no remote resource.

const STATE_KEY = 'sparkgraph.chat.turns';
const KEEP_TURNS = 50;

type FromWebview =
  | { type: 'ready' }
  | { type: 'ask'; text: string }
  | { type: 'cancel' }
  | { type: 'clear' }
  | { type: 'open'; uri: string; line: number; character: number }
  | { type: 'external'; url: string };

export class ChatView implements vscode.WebviewViewProvider, vscode.Disposable {
  private view?: vscode.WebviewView;
  private turns: ChatTurn[];
  private running?: AbortController;
  private editor?: EditorContext;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly memento: vscode.Memento,
    private readonly deps: ChatDeps,
    private readonly modelLabel: () => string,
    private readonly log: (message: string) => void,
  ) {
    this.turns = restoreTurns(memento.get(STATE_KEY));
    this.disposables.push(
      vscode.window.registerWebviewViewProvider(CHAT_VIEW.id, this, { webviewOptions: { retainContextWhenHidden: true } }),
      vscode.window.onDidChangeActiveTextEditor(() => this.trackEditor()),
      vscode.window.onDidChangeTextEditorSelection(() => this.trackEditor()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sparkgraph.model') && this.post({ type: 'model', label: this.modelLabel() })),
    );
    this.trackEditor();
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    view.webview.options = { enableScripts: true, localResourceRoots: [media] };
    view.webview.html = this.html(view.webview, media);
    view.webview.onDidReceiveMessage((m: FromWebview) => void this.receive(m), undefined, this.disposables);
    view.onDidDispose(() => (this.view = undefined), undefined, this.disposables);
  }

  /** Shows the panel (and puts the cursor in its input box). */
  async reveal(): Promise<void> {
    await vscode.commands.executeCommand(`${CHAT_VIEW.id}.focus`);
    this.post({ type: 'focusInput' });
  }

  async ask(text: string): Promise<ChatTurn> {
    await this.reveal();
    this.running?.abort();
    const controller = new AbortController();
    this.running = controller;
    const id = `${Date.now().toString(36)}-${this.turns.length}`;
    let index = -1;
    this.post({ type: 'busy', busy: true });
    try {
      const turn = await runTurn(id, text, this.editor, this.deps, (t) => {
        if (index < 0) {
          this.turns.push(t);
          index = this.turns.length - 1;
        }
        // A turn cleared from the conversation while it ran stays gone.
        if (this.turns.includes(t)) this.post({ type: 'turn', id: t.id, html: renderTurn(t) });
      }, controller.signal);
      return turn;
    } finally {
      if (this.running === controller) {
        this.running = undefined;
        this.post({ type: 'busy', busy: false });
      }
      this.turns = this.turns.slice(-KEEP_TURNS);
      await this.memento.update(STATE_KEY, this.turns);
    }
  }

  private async receive(m: FromWebview): Promise<void> {
    switch (m?.type) {
      case 'ready':
        this.post({ type: 'reset', turns: this.turns.map((t) => ({ id: t.id, html: renderTurn(t) })), busy: !!this.running, commands: SLASH_COMMANDS });
        this.post({ type: 'model', label: this.modelLabel() });
        this.post({ type: 'context', label: this.contextLabel() });
        return;
      case 'ask':
        if (typeof m.text === 'string' && m.text.trim()) await this.ask(m.text);
        return;
      case 'cancel':
        this.running?.abort();
        return;
      case 'clear':
        this.running?.abort();
        this.turns = [];
        await this.memento.update(STATE_KEY, []);
        this.post({ type: 'reset', turns: [], busy: false, commands: SLASH_COMMANDS });
        return;
      case 'open':
        await openLocation(m.uri, m.line, m.character, this.log);
        return;
      case 'external':
        if (typeof m.url === 'string' && /^https?:\/\//i.test(m.url)) await vscode.env.openExternal(vscode.Uri.parse(m.url));
        return;
    }
  }

  private trackEditor(): void {
    // Focus moving into the panel leaves no active text editor: keep the last one as context.
    const current = activeEditorContext();
    if (!current) return;
    this.editor = current;
    this.post({ type: 'context', label: this.contextLabel() });
  }

  private contextLabel(): string {
    const e = this.editor;
    if (!e?.selection) return 'No editor context';
    const { start, end } = e.selection;
    const lines = start.line === end.line ? `line ${start.line + 1}` : `lines ${start.line + 1}–${end.line + 1}`;
    return `Context: ${e.label}, ${lines}${e.selectedText ? ' (selection)' : ''}`;
  }

  private post(message: unknown): void {
    void this.view?.webview.postMessage(message);
  }

  private html(webview: vscode.Webview, media: vscode.Uri): string {
    const nonce = randomBytes(16).toString('base64');
    const css = webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.css'));
    const js = webview.asWebviewUri(vscode.Uri.joinPath(media, 'chat.js'));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${css}">
<title>SparkGraph Chat</title>
</head>
<body>
<main class="chat">
  <div id="log" class="log" role="log" aria-live="polite" aria-label="SparkGraph conversation" tabindex="0"></div>
  <form id="composer" class="composer" aria-label="Ask SparkGraph">
    <div id="context" class="context"></div>
    <textarea id="input" rows="3" aria-label="Ask SparkGraph about this workspace" aria-describedby="hint" placeholder="Where is login handled?  /where  /callers  /chain  /explain"></textarea>
    <div class="actions">
      <button type="submit" id="send" aria-label="Send the question">Ask</button>
      <button type="button" id="stop" aria-label="Stop the answer" disabled>Stop</button>
      <button type="button" id="clear" class="secondary" aria-label="Clear the conversation">Clear</button>
    </div>
    <div id="hint" class="hint">Enter sends · Shift+Enter new line · Esc stops. <span id="model"></span></div>
  </form>
</main>
<script nonce="${nonce}" src="${js}"></script>
</body>
</html>`;
  }

  dispose(): void {
    this.running?.abort();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Opens a cited location; only file URIs are honoured. */
export async function openLocation(uri: unknown, line: unknown, character: unknown, log: (message: string) => void): Promise<void> {
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return;
  const l = Math.max(0, Math.floor(Number(line) || 0));
  const c = Math.max(0, Math.floor(Number(character) || 0));
  try {
    const position = new vscode.Position(l, c);
    const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection: new vscode.Range(position, position), preview: true });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  } catch (e) {
    log(`cannot open ${uri}: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showWarningMessage(`SparkGraph: cannot open ${vscode.Uri.parse(uri).fsPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
