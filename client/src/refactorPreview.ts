import * as vscode from 'vscode';
import { REFACTOR_PREVIEW_SCHEME } from './commandIds';

// Read-only virtual documents holding what a refactor would make of each file, so every
// changed file can be opened in a diff (`vscode.diff`) against its current content.

export class RefactorPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(REFACTOR_PREVIEW_SCHEME, this);
  private generation = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  /** A preview document for `file` holding `text`; each refactor gets fresh URIs. */
  put(file: vscode.Uri, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: REFACTOR_PREVIEW_SCHEME, path: file.path, query: `g=${this.generation}` });
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  /** Forget the previous refactor's documents. */
  reset(): void {
    this.contents.clear();
    this.generation++;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
