import * as vscode from 'vscode';
import type { EditorContext } from './chatEngine';

// The current file and selection, offered to the chat as context.

export function activeEditorContext(): EditorContext | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.uri.scheme !== 'file') return undefined;
  const sel = editor.selection;
  return {
    uri: editor.document.uri.toString(),
    label: vscode.workspace.asRelativePath(editor.document.uri),
    selection: { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } },
    selectedText: sel.isEmpty ? undefined : editor.document.getText(sel).slice(0, 2000),
  };
}
