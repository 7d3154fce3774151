import * as vscode from 'vscode';
import type { StatusParams } from '../../shared/protocol';
import { COMMANDS } from './commandIds';
import { statusView } from './statusText';

// One status bar item on the left that follows the server's `sparkgraph/status` notifications.

export class StatusBar implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;

  constructor() {
    this.item = vscode.window.createStatusBarItem('sparkgraph.status', vscode.StatusBarAlignment.Left, 0);
    this.item.name = 'SparkGraph';
    this.item.command = COMMANDS.showStats.id;
    this.update({ state: 'starting' });
    this.item.show();
  }

  update(status: StatusParams): void {
    const view = statusView(status);
    this.item.text = view.text;
    this.item.tooltip = view.tooltip;
    this.item.backgroundColor = status.state === 'error' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
