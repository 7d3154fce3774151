import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

// TypeScript's own rename, as the reference the evaluation compares with. TypeScript 7 (the
// native compiler this repository depends on) has no JavaScript LanguageService; its
// language server (`tsc --lsp --stdio`) answers textDocument/rename with the same engine
// editors use.

export interface TsRenameLocation {
  path: string;
  range: [number, number, number, number];
}

export class TsLanguageServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly conn: MessageConnection,
    readonly root: string,
  ) {}

  static async start(root: string): Promise<TsLanguageServer> {
    const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
    const child = spawn(process.execPath, [tsc, '--lsp', '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stderr!.resume();
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    conn.onRequest('client/registerCapability', () => null);
    conn.onRequest('window/workDoneProgress/create', () => null);
    conn.onNotification(() => undefined);
    conn.listen();
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      capabilities: { textDocument: { rename: { prepareSupport: false } }, workspace: { workspaceEdit: { documentChanges: false } } },
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'root' }],
    });
    await conn.sendNotification('initialized', {});
    return new TsLanguageServer(child, conn, root);
  }

  private opened = new Set<string>();

  private open(path: string): string {
    const uri = pathToFileURL(join(this.root, path)).toString();
    if (!this.opened.has(uri)) {
      this.opened.add(uri);
      void this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: readFileSync(join(this.root, path), 'utf8') } });
    }
    return uri;
  }

  /** Every location TypeScript's rename at `path:line:character` would change (null when it refuses). */
  async rename(path: string, line: number, character: number): Promise<TsRenameLocation[] | null> {
    const uri = this.open(path);
    const edit = (await this.conn.sendRequest('textDocument/rename', { textDocument: { uri }, position: { line, character }, newName: 'zzRenamed' }).catch(() => null)) as {
      changes?: Record<string, { range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]>;
      documentChanges?: { textDocument: { uri: string }; edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
    } | null;
    if (!edit) return null;
    const out: TsRenameLocation[] = [];
    const add = (u: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const abs = fileURLToPath(u);
      out.push({ path: abs.slice(this.root.length + 1).split('\\').join('/'), range: [r.start.line, r.start.character, r.end.line, r.end.character] });
    };
    for (const [u, edits] of Object.entries(edit.changes ?? {})) for (const e of edits) add(u, e.range);
    for (const dc of edit.documentChanges ?? []) for (const e of dc.edits) add(dc.textDocument.uri, e.range);
    return out;
  }

  async stop(): Promise<void> {
    await this.conn.sendRequest('shutdown').catch(() => undefined);
    await this.conn.sendNotification('exit').catch(() => undefined);
    this.conn.dispose();
    this.child.kill();
  }
}
