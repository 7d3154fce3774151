import * as vscode from 'vscode';
import type { ChainsResult } from '../../shared/protocol';
import { chainTree, type ChainNode } from './chainTree';
import { CALL_CHAINS_VIEW } from './commandIds';

// The "Call Chains" view in the Explorer: what the last Show Call Chains found, every row a
// link to its location.

export class CallChainsView implements vscode.TreeDataProvider<ChainNode>, vscode.Disposable {
  private roots: ChainNode[] = [];
  private readonly changed = new vscode.EventEmitter<ChainNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly view: vscode.TreeView<ChainNode>;

  constructor() {
    this.view = vscode.window.createTreeView(CALL_CHAINS_VIEW.id, { treeDataProvider: this, showCollapseAll: true });
    this.view.message = 'Run "SparkGraph: Show Call Chains" with the cursor on a function or method.';
  }

  /** Shows a new answer and brings the view into sight. */
  async show(result: ChainsResult): Promise<void> {
    this.roots = result.symbol ? chainTree(result) : [];
    this.view.message = result.symbol ? `Call chains of ${result.symbol.name}` : 'No function, method or class at the cursor.';
    this.changed.fire(undefined);
    await vscode.commands.executeCommand(`${CALL_CHAINS_VIEW.id}.focus`);
    if (this.roots[0]) await this.view.reveal(this.roots[0], { select: false, focus: false, expand: true });
  }

  getTreeItem(node: ChainNode): vscode.TreeItem {
    const state = node.children.length === 0 ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Expanded;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    item.tooltip = node.tooltip;
    if (node.kind === 'root') item.iconPath = new vscode.ThemeIcon(node.id === 'in' ? 'call-incoming' : 'call-outgoing');
    else if (node.kind === 'note') item.iconPath = new vscode.ThemeIcon('info');
    else item.iconPath = new vscode.ThemeIcon('symbol-method');
    if (node.location) {
      const uri = vscode.Uri.parse(node.location.uri);
      const at = new vscode.Position(node.location.line, node.location.character);
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uri, { selection: new vscode.Range(at, at) }] };
    }
    return item;
  }

  getChildren(node?: ChainNode): ChainNode[] {
    return node ? node.children : this.roots;
  }

  /** Needed by `reveal`; the tree is small, so a search is fine. */
  getParent(node: ChainNode): ChainNode | undefined {
    const walk = (list: ChainNode[], parent: ChainNode | undefined): ChainNode | undefined => {
      for (const n of list) {
        if (n === node) return parent;
        const found = walk(n.children, n);
        if (found) return found;
      }
      return undefined;
    };
    return walk(this.roots, undefined);
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}
