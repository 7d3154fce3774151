import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { StatusNotification, type StatusParams } from '../../shared/protocol';
import { copyFixture } from './fixtures';

// A plain JSON-RPC client driving the built server over stdio, as Neovim or Helix would.

export const SERVER = join(__dirname, '..', '..', 'dist', 'server', 'server.js');

export interface LspSession {
  connection: MessageConnection;
  process: ChildProcess;
  progress: { token: unknown; value: { kind: string; percentage?: number; message?: string } }[];
  statuses: StatusParams[];
  /** The latest diagnostics published for each URI. */
  diagnostics: Map<string, Diagnostic[]>;
  /** Resolves with the first diagnostics published for `uri` (the latest ones, if already there) that satisfy `pred`. */
  waitForDiagnostics(uri: string, pred: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  waitForStatus(pred: (s: StatusParams) => boolean, timeoutMs?: number): Promise<StatusParams>;
  uri(root: string, path: string): string;
  stderr(): string;
  close(): Promise<void>;
}

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity?: number;
  source?: string;
  code?: string | number;
  message: string;
  data?: unknown;
}

export async function startServer(folders: string[]): Promise<LspSession> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-cache-'));
  const child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, SPARKGRAPH_CACHE_DIR: cacheDir }, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const progress: LspSession['progress'] = [];
  const statuses: StatusParams[] = [];
  const waiters: { pred: (s: StatusParams) => boolean; resolve: (s: StatusParams) => void }[] = [];
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
  connection.onNotification('$/progress', (p: LspSession['progress'][number]) => {
    progress.push(p);
  });
  connection.onNotification('window/logMessage', () => undefined);
  const diagnostics = new Map<string, Diagnostic[]>();
  const diagnosticWaiters: { uri: string; pred: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
    diagnostics.set(p.uri, p.diagnostics);
    for (const w of [...diagnosticWaiters]) if (w.uri === p.uri && w.pred(p.diagnostics)) {
      diagnosticWaiters.splice(diagnosticWaiters.indexOf(w), 1);
      w.resolve(p.diagnostics);
    }
  });
  connection.onNotification(StatusNotification, (s) => {
    statuses.push(s);
    for (const w of [...waiters]) if (w.pred(s)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(s);
    }
  });
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {
      window: { workDoneProgress: true },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true, workspaceFolders: true },
      textDocument: { hover: { contentFormat: ['markdown'] }, callHierarchy: {}, synchronization: {} },
    },
    workspaceFolders: folders.map((f) => ({ uri: pathToFileURL(f).toString(), name: f })),
  });
  await connection.sendNotification('initialized', {});
  return {
    connection,
    process: child,
    progress,
    statuses,
    diagnostics,
    waitForDiagnostics(uri, pred, timeoutMs = 30_000) {
      const seen = diagnostics.get(uri);
      if (seen && pred(seen)) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; latest: ${JSON.stringify(diagnostics.get(uri))}; stderr: ${stderr}`)), timeoutMs);
        diagnosticWaiters.push({ uri, pred, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    waitForStatus(pred, timeoutMs = 30_000) {
      const seen = statuses.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching status within ${timeoutMs} ms; saw ${JSON.stringify(statuses)}; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ pred, resolve: (s) => (clearTimeout(timer), resolve(s)) });
      });
    },
    uri: (root, path) => pathToFileURL(join(root, path)).toString(),
    stderr: () => stderr,
    async close() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill();
        await exited;
      }
      connection.dispose();
      rmSync(cacheDir, { recursive: true, force: true });
    },
  };
}

/**
 * A suite's server: copies of the named fixtures, the built server on them as workspace
 * folders, ready before the suite's first test (after `onStart`, which may register handlers),
 * closed and cleaned up after its last. The session and each fixture's `root` are read through
 * at test time, so a suite names them once at definition: `const { lsp, fixtures: [app] } = …`.
 */
export function serveFixtures(names: string[], onStart?: (lsp: LspSession) => void): { lsp: LspSession; fixtures: { readonly root: string }[] } {
  let live: LspSession | undefined;
  let copies: ReturnType<typeof copyFixture>[] = [];
  before(async () => {
    copies = names.map(copyFixture);
    live = await startServer(copies.map((c) => c.root));
    onStart?.(live);
    await live.waitForStatus((s) => s.state === 'ready');
  });
  after(async () => {
    await live?.close();
    for (const c of copies) c.cleanup();
  });
  const started = (): LspSession => {
    if (!live) throw new Error(`the server on ${names.join(', ')} has not started (used outside a test?)`);
    return live;
  };
  const lsp = new Proxy({} as LspSession, {
    get: (_, key) => {
      const session = started();
      const v = session[key as keyof LspSession];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(session) : v;
    },
  });
  const fixtures = names.map((name, i) => ({
    get root(): string {
      const c = copies[i];
      if (!c) throw new Error(`fixture ${name} is not copied yet`);
      return c.root;
    },
  }));
  return { lsp, fixtures };
}
