import * as vscode from 'vscode';
import {
  RefactorCancelRequest,
  RefactorProgressNotification,
  RefactorResultRequest,
  RefactorSubmitRequest,
  type RefactorJobResult,
  type RefactorSpec,
  type RefactorSubmitParams,
} from '../../shared/protocol';
import type { Session } from './session';

// The workspace refactors in the editor: ask for the details, run the job on the server with
// a cancellable progress notification, then show the change before anything is written — a
// diff per file and VS Code's refactor preview (every edit needs confirmation).

interface Target {
  uri: string;
  position: { line: number; character: number };
}

/** Where a command applies: the code action's arguments, or the active editor's cursor. */
function targetOf(args: unknown[]): Target | undefined {
  const [uri, position] = args as [string | undefined, Target['position'] | undefined];
  if (typeof uri === 'string' && position) return { uri, position };
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  return { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } };
}

function wordAtCursor(): string {
  const editor = vscode.window.activeTextEditor;
  const range = editor?.document.getWordRangeAtPosition(editor.selection.active);
  return range ? editor!.document.getText(range) : '';
}

function noTarget(): void {
  void vscode.window.showInformationMessage('SparkGraph: put the cursor on a symbol (or a call) in a TypeScript, JavaScript or Python file first.');
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

export async function renameCommand(session: Session, ...args: unknown[]): Promise<void> {
  const target = targetOf(args);
  if (!target) return noTarget();
  const current = typeof args[2] === 'string' ? args[2] : wordAtCursor();
  const newName = await vscode.window.showInputBox({
    title: 'SparkGraph: rename across the workspace',
    prompt: 'New name (definition, imports, re-exports and every use are renamed)',
    value: current,
    validateInput: (v) => (IDENT.test(v) ? undefined : 'Not a valid identifier'),
  });
  if (!newName || newName === current) return;
  await runRefactor(session, { textDocument: { uri: target.uri }, position: target.position, refactor: { kind: 'rename', newName } });
}

export async function moveCommand(session: Session, ...args: unknown[]): Promise<void> {
  const target = targetOf(args);
  if (!target) return noTarget();
  const from = typeof args[2] === 'string' ? args[2] : '';
  const to = await vscode.window.showInputBox({
    title: 'SparkGraph: move to file',
    prompt: 'Target file, relative to the workspace folder (new or existing)',
    value: from,
    validateInput: (v) => (/\.(m|c)?(t|j)sx?$/.test(v) && !v.startsWith('..') ? undefined : 'A .ts/.tsx/.js file inside the workspace folder'),
  });
  if (!to || to === from) return;
  await runRefactor(session, { textDocument: { uri: target.uri }, position: target.position, refactor: { kind: 'move', to } });
}

export async function signatureCommand(session: Session, ...args: unknown[]): Promise<void> {
  const target = targetOf(args);
  if (!target) return noTarget();
  const signature = typeof args[2] === 'string' ? args[2] : '';
  const op = await vscode.window.showQuickPick(
    [
      { label: 'Add a parameter', detail: 'name[: type][=value at call sites][@position], e.g. digits: number=2@1', op: 'add' as const },
      { label: 'Remove a parameter', detail: 'its argument is dropped at every call site', op: 'remove' as const },
      { label: 'Reorder parameters', detail: 'the new order, comma-separated; arguments follow', op: 'order' as const },
    ],
    { title: `SparkGraph: change signature — ${signature}` },
  );
  if (!op) return;
  const value = await vscode.window.showInputBox({ title: `SparkGraph: ${op.label.toLowerCase()}`, prompt: op.detail });
  if (!value) return;
  const refactor: RefactorSpec =
    op.op === 'add' ? { kind: 'signature', add: [value] } : op.op === 'remove' ? { kind: 'signature', remove: [value.trim()] } : { kind: 'signature', order: value.split(',').map((s) => s.trim()) };
  await runRefactor(session, { textDocument: { uri: target.uri }, position: target.position, refactor });
}

export async function migrateCommand(session: Session, ...args: unknown[]): Promise<void> {
  const target = targetOf(args);
  if (!target) return noTarget();
  const prefilled = typeof args[2] === 'string' ? args[2] : '';
  const language = (typeof args[3] === 'string' ? args[3] : languageOf(target.uri)) as 'typescript' | 'tsx' | 'javascript' | 'python';
  const pattern = await vscode.window.showInputBox({
    title: 'SparkGraph: migrate all uses — pattern',
    prompt: '$NAME matches one syntax node, $$$NAME a list (e.g. db.query($SQL, $ARGS))',
    value: prefilled,
  });
  if (!pattern) return;
  const rewrite = await vscode.window.showInputBox({
    title: 'SparkGraph: migrate all uses — rewrite',
    prompt: 'The replacement, using the same metavariables (empty: only list the matches)',
    value: pattern,
  });
  if (rewrite === undefined) return;
  await runRefactor(session, { textDocument: { uri: target.uri }, refactor: { kind: 'migrate', rule: { language, pattern, ...(rewrite ? { rewrite } : {}) } } });
}

function languageOf(uri: string): string {
  if (/\.py$/.test(uri)) return 'python';
  if (/\.tsx$/.test(uri)) return 'tsx';
  if (/\.(m|c)?jsx?$/.test(uri)) return 'javascript';
  return 'typescript';
}

async function runRefactor(session: Session, params: RefactorSubmitParams): Promise<void> {
  const result = await computeRefactor(session, params);
  if (result) await showOutcome(session, result);
}

/** Runs the job with a cancellable progress notification; writes nothing. */
async function computeRefactor(session: Session, params: RefactorSubmitParams): Promise<RefactorJobResult | undefined> {
  return await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'SparkGraph: computing the refactor', cancellable: true },
    (progress, token) =>
      session.request('compute the refactor', async (client) => {
        const { jobId } = await client.sendRequest(RefactorSubmitRequest, params);
        const listening = client.onNotification(RefactorProgressNotification, (p) => {
          if (p.jobId === jobId && p.total) progress.report({ message: `${p.done}/${p.total} files` });
        });
        const cancelling = token.onCancellationRequested(() => void client.sendRequest(RefactorCancelRequest, { jobId }));
        try {
          return await client.sendRequest(RefactorResultRequest, { jobId });
        } finally {
          listening.dispose();
          cancelling.dispose();
        }
      }),
  );
}

/** Says how a job ended and, when it changes files, offers the diffs and the refactor preview. */
export async function showOutcome(session: Session, result: RefactorJobResult): Promise<void> {
  if (result.state === 'cancelled') return void vscode.window.showInformationMessage('SparkGraph: refactor cancelled; nothing was changed.');
  if (result.state !== 'done') {
    session.offerLogs(vscode.window.showErrorMessage(`SparkGraph: ${result.error ?? 'the refactor failed'}`, 'Open Logs'));
    return;
  }
  logResult(session, result);
  if (!result.edit || !result.files?.length) {
    const found = result.matches?.length ? ` ${result.matches.length} matches are listed in the SparkGraph output.` : '';
    void vscode.window.showInformationMessage(`SparkGraph: ${result.title ?? 'nothing to change'} — nothing to change.${found}`);
    if (result.matches?.length) session.output.show(true);
    return;
  }
  await preview(session, result);
}

function logResult(session: Session, r: RefactorJobResult): void {
  session.output.info(r.title ?? 'refactor');
  for (const m of r.matches ?? []) session.output.info(`  match ${m.path}:${m.line + 1}: ${m.lineText}`);
  for (const f of r.files ?? []) session.output.info(`  ${f.path}: ${f.created ? 'new file' : `${f.edits} edits`}`);
  for (const s of r.risky ?? []) session.output.warn(`  left unchanged ${s.path}:${s.line + 1}:${s.character + 1} [${s.kind}] ${s.message}: ${s.lineText}`);
}

/** Per-file diffs, then VS Code's refactor preview to apply or discard. */
async function preview(session: Session, r: RefactorJobResult): Promise<void> {
  session.refactorPreview.reset();
  const risky = r.risky?.length ? ` ${r.risky.length} spots the graph cannot resolve are listed in the output.` : '';
  const pick = await vscode.window.showInformationMessage(`SparkGraph: ${r.title}.${risky}`, 'Preview and Apply', 'Show Diffs', 'Discard');
  if (pick === 'Show Diffs') {
    for (const f of r.files!) {
      const file = vscode.Uri.parse(f.uri);
      const proposed = session.refactorPreview.put(file, f.newText);
      const original = f.created ? session.refactorPreview.put(file.with({ path: `${file.path}.empty` }), '') : file;
      await vscode.commands.executeCommand('vscode.diff', original, proposed, `${f.path} ↔ refactor (SparkGraph)`, { preview: false });
    }
    const again = await vscode.window.showInformationMessage(`SparkGraph: apply "${r.title}"?`, 'Preview and Apply', 'Discard');
    if (again !== 'Preview and Apply') return;
  } else if (pick !== 'Preview and Apply') return;
  const edit = await session.client.protocol2CodeConverter.asWorkspaceEdit(r.edit!);
  // Every edit carries a needsConfirmation annotation, so VS Code shows its refactor preview.
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) void vscode.window.showWarningMessage('SparkGraph: the refactor was not applied.');
}
