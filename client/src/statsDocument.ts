import * as vscode from 'vscode';
import { STATS_SCHEME } from './commandIds';

// A read-only virtual markdown document holding the latest index stats; showing it again
// refreshes the open editor instead of piling up untitled tabs.

export class StatsDocument implements vscode.TextDocumentContentProvider, vscode.Disposable {
  static readonly uri = vscode.Uri.from({ scheme: STATS_SCHEME, path: '/SparkGraph Index Stats.md' });
  private content = '';
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(STATS_SCHEME, this);

  provideTextDocumentContent(): string {
    return this.content;
  }

  async show(markdown: string): Promise<void> {
    this.content = markdown;
    this.changed.fire(StatsDocument.uri);
    const doc = await vscode.workspace.openTextDocument(StatsDocument.uri);
    if (doc.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(doc, 'markdown');
    await vscode.window.showTextDocument(doc, { preview: false });
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
