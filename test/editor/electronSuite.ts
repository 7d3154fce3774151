import * as vscode from 'vscode';
import { CONTRACT } from './contract';
import { pollUntil } from './deadline';

// Runs inside desktop VS Code's extension host (bundled by electron.ts): the editor contract
// checked through the VS Code API. The status bar is not readable through the API, so "ready"
// is taken from the extension activating and its hover answering with indexed data.

const EXTENSION_TIMEOUT = 120_000;

function hoverText(hovers: readonly vscode.Hover[]): string {
  const part = (c: vscode.MarkdownString | vscode.MarkedString) => (typeof c === 'string' ? c : c.value);
  return hovers.flatMap((h) => h.contents.map(part)).join('\n');
}

async function positionOf(uri: vscode.Uri, anchor: string, lineContains: string): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uri);
  for (let line = 0; line < doc.lineCount; line++) {
    const text = doc.lineAt(line).text;
    const at = text.indexOf(anchor);
    if (text.includes(lineContains) && at >= 0) return new vscode.Position(line, at + 1);
  }
  throw new Error(`"${anchor}" not found in ${uri.fsPath}`);
}

async function check(name: string, failures: string[], body: () => Promise<void>): Promise<void> {
  try {
    await body();
    console.log(`  PASS  ${name}`);
  } catch (err) {
    failures.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    console.log(`  FAIL  ${name}`);
  }
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('VS Code opened no workspace folder');
  const failures: string[] = [];
  const target = vscode.Uri.joinPath(folder.uri, CONTRACT.hover.file);

  await check('extension activates', failures, async () => {
    const ext = vscode.extensions.all.find((e) => (e.packageJSON as { name?: string }).name === 'sparkgraph');
    if (!ext) throw new Error('the sparkgraph extension is not loaded');
    await ext.activate();
  });

  await check('hover shows the cross-file chain', failures, async () => {
    const { anchor, lineContains, expect } = CONTRACT.hover;
    const position = await positionOf(target, anchor, lineContains);
    await pollUntil(`a hover containing ${JSON.stringify(expect)}`, EXTENSION_TIMEOUT, async (seen) => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', target, position)) ?? [];
      const text = hoverText(hovers);
      seen(JSON.stringify(text.slice(0, 300)));
      return expect.every((s) => text.includes(s)) ? true : undefined;
    });
  });

  await check('call chains reach handleLogin', failures, async () => {
    const { anchor, lineContains, commandId, expect } = CONTRACT.callChains;
    const position = await positionOf(target, anchor, lineContains);
    const editor = await vscode.window.showTextDocument(target);
    editor.selection = new vscode.Selection(position, position);
    await vscode.commands.executeCommand(commandId);
    // The view itself is not readable through the API; the same server answers call hierarchy.
    await pollUntil('an incoming call matching ' + expect, EXTENSION_TIMEOUT, async (seen) => {
      const items = (await vscode.commands.executeCommand<vscode.CallHierarchyItem[]>('vscode.prepareCallHierarchy', target, position)) ?? [];
      if (!items.length) return undefined;
      const incoming = (await vscode.commands.executeCommand<vscode.CallHierarchyIncomingCall[]>('vscode.provideIncomingCalls', items[0])) ?? [];
      const names = incoming.map((c) => c.from.name);
      seen(JSON.stringify(names));
      return names.some((n) => expect.test(n)) ? true : undefined;
    });
  });

  await check('index stats mention files', failures, async () => {
    const { commandId, expect } = CONTRACT.stats;
    await vscode.commands.executeCommand(commandId);
    await pollUntil(`an editor matching ${expect}`, EXTENSION_TIMEOUT, async (seen) => {
      const text = vscode.window.activeTextEditor?.document.getText() ?? '';
      seen(JSON.stringify(text.slice(0, 200)));
      return expect.test(text) ? true : undefined;
    });
  });

  if (failures.length) throw new Error(`${failures.length} editor check(s) failed:\n${failures.join('\n')}`);
}
