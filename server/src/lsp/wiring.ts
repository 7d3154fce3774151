import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import {
  AskRequest,
  ChainsRequest,
  ModelContextRequest,
  RefactorApplyRequest,
  RefactorCancelRequest,
  RefactorProgressNotification,
  RefactorResultRequest,
  RefactorSubmitRequest,
  ReindexRequest,
  StatsRequest,
  StatusNotification,
} from '../../../shared/protocol';
import { normalizeSettings, type SparkGraphSettings } from '../../../shared/settings';
import type { FileChange } from '../core/index/workspaceIndex';
import { ask } from './features/ask';
import { prepareCallHierarchy, incomingCalls, outgoingCalls } from './features/callHierarchy';
import { chainsRequest } from './features/callChains';
import { definition } from './features/definition';
import { registerDependencies } from './features/dependencies';
import { documentSymbols } from './features/documentSymbols';
import { hover } from './features/hover';
import { modelContext } from './features/modelContext';
import { references } from './features/references';
import { applyRefactor, cancelRefactor, progressParams, refactorCodeActions, refactorResult, submitRefactor } from './features/refactorJobs';
import { stats } from './features/stats';
import { workspaceSymbols } from './features/workspaceSymbols';
import { ServerState, type Folder } from './serverState';

// The one wiring file: every LSP handler is registered here and delegates to a feature module.
// Requests read the state; notifications change it.

export function wire(connection: Connection): ServerState {
  let canConfigure = false;
  let canRegisterWatchers = false;
  let canProgress = false;
  let clientSyncsConfiguration = false;
  let initialSettings: SparkGraphSettings = normalizeSettings(undefined);
  let initialFolders: { uri: string }[] = [];
  const progress = new Map<string, WorkDoneProgressServerReporter>();

  const state = new ServerState(
    {
      onStatus: (s) => void connection.sendNotification(StatusNotification, s),
      onProgress: (folder, p) => void reportProgress(folder, p.phase, p.done, p.total),
      log: (m) => connection.console.log(m),
    },
    process.env.SPARKGRAPH_CACHE_DIR === 'off' ? false : undefined,
  );

  async function reportProgress(folder: Folder, phase: string, done: number, total: number) {
    if (!canProgress) return;
    let reporter = progress.get(folder.root);
    if (!reporter) {
      reporter = await connection.window.createWorkDoneProgress();
      reporter.begin('SparkGraph: indexing', 0, folder.root, false);
      progress.set(folder.root, reporter);
      void folder.ready.finally(() => {
        progress.get(folder.root)?.done();
        progress.delete(folder.root);
      });
    }
    const percent = total ? (phase === 'link' ? 90 + Math.floor((done / total) * 10) : Math.floor((done / total) * 90)) : 0;
    reporter.report(percent, phase === 'parse' ? `${done}/${total} files` : phase === 'link' ? `linking ${done}/${total} files` : phase);
  }

  async function settingsFor(uri: string): Promise<SparkGraphSettings> {
    if (!canConfigure) return initialSettings;
    try {
      const [raw] = await connection.workspace.getConfiguration([{ scopeUri: uri, section: 'sparkgraph' }]);
      return normalizeSettings(raw ?? initialSettings);
    } catch {
      return initialSettings;
    }
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canConfigure = !!params.capabilities.workspace?.configuration;
    canRegisterWatchers = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    canProgress = !!params.capabilities.window?.workDoneProgress;
    const init = params.initializationOptions as { settings?: unknown; synchronized?: boolean } | undefined;
    initialSettings = normalizeSettings(init?.settings);
    // The VS Code client already forwards file events and settings changes; registering our own
    // watchers as well would deliver every event twice.
    if (init?.synchronized) {
      canRegisterWatchers = false;
      clientSyncsConfiguration = true;
    }
    initialFolders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        hoverProvider: true,
        callHierarchyProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor.rewrite', 'refactor.move'] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'sparkgraph', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (canRegisterWatchers) {
      await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    }
    if (canConfigure && !clientSyncsConfiguration) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'sparkgraph' });
    connection.workspace.onDidChangeWorkspaceFolders(async (e) => {
      for (const f of e.removed) await state.removeFolder(f.uri);
      for (const f of e.added) state.addFolder(f.uri, await settingsFor(f.uri));
    });
    for (const f of initialFolders) state.addFolder(f.uri, await settingsFor(f.uri));
    if (initialFolders.length === 0) state.reportStatus();
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (!canConfigure) initialSettings = normalizeSettings((change.settings as { sparkgraph?: unknown } | undefined)?.sparkgraph);
    for (const folder of state.folders.values()) {
      const next = await settingsFor(folder.uri);
      const reindex = JSON.stringify([next.ignore, next.maxFileSize, next.workers, next.cache]) !== JSON.stringify([folder.settings.ignore, folder.settings.maxFileSize, folder.settings.workers, folder.settings.cache]);
      if (reindex) await state.rebuild(folder, next);
      else {
        folder.settings = next;
        state.settingsChanged(folder);
      }
    }
  });

  // ---- documents -------------------------------------------------------------------------
  connection.onDidOpenTextDocument(({ textDocument }) => {
    const ref = state.fileOf(textDocument.uri);
    if (ref) void ref.folder.index.openDocument(ref.path, textDocument.text);
  });
  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    const ref = state.fileOf(textDocument.uri);
    if (ref) void ref.folder.index.changeDocument(ref.path, contentChanges);
  });
  connection.onDidCloseTextDocument(({ textDocument }) => {
    const ref = state.fileOf(textDocument.uri);
    if (ref) void ref.folder.index.closeDocument(ref.path);
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    const perFolder = new Map<Folder, FileChange[]>();
    for (const c of changes) {
      const ref = state.fileOf(c.uri);
      if (!ref) continue;
      const kind = c.type === FileChangeType.Created ? 'created' : c.type === FileChangeType.Deleted ? 'deleted' : 'changed';
      const list = perFolder.get(ref.folder) ?? [];
      list.push({ path: ref.path, kind });
      perFolder.set(ref.folder, list);
    }
    for (const [folder, list] of perFolder) {
      void folder.index.applyChanges(list).then(() => state.reportStatus(), (e) => connection.console.error(`update failed: ${(e as Error).stack ?? e}`));
    }
  });

  // ---- requests ----------------------------------------------------------------------------
  // Requests first let edits already sent reach the graph (LSP orders a request after the
  // notifications before it), but never wait for a full build.
  connection.onDocumentSymbol(async (p) => (await state.settled(p.textDocument.uri), documentSymbols(state, p)));
  connection.onWorkspaceSymbol(async (p, token) => (await state.allSettled(), workspaceSymbols(state, p, token)));
  connection.onDefinition(async (p) => (await state.settled(p.textDocument.uri), definition(state, p)));
  connection.onReferences(async (p, token) => (await state.allSettled(), references(state, p, token)));
  connection.onHover(async (p, token) => (await state.settled(p.textDocument.uri), hover(state, p, token)));
  connection.languages.callHierarchy.onPrepare(async (p) => (await state.settled(p.textDocument.uri), prepareCallHierarchy(state, p)));
  connection.languages.callHierarchy.onIncomingCalls(async (p) => (await state.allSettled(), incomingCalls(state, p)));
  connection.languages.callHierarchy.onOutgoingCalls(async (p) => (await state.allSettled(), outgoingCalls(state, p)));
  connection.onRequest(StatsRequest, () => stats(state));
  connection.onRequest(ChainsRequest, async (p, token) => (await state.settled(p.textDocument.uri), chainsRequest(state, p, token)));
  connection.onRequest(AskRequest, async (p, token) => (await state.allSettled(), ask(state, p, token)));
  connection.onRequest(ModelContextRequest, async (p) => (await state.allSettled(), modelContext(state, p)));
  connection.onRequest(ReindexRequest, async () => {
    await Promise.all([...state.folders.values()].map((f) => state.rebuild(f, f.settings, true)));
    return stats(state);
  });

  const dependencies = registerDependencies(connection, state);
  // One provider for every code action: dependency quick fixes and workspace refactors.
  connection.onCodeAction(async (p) => {
    await state.settled(p.textDocument.uri);
    return [...(await dependencies.codeActions(p)), ...refactorCodeActions(state, p)];
  });
  connection.onRequest(RefactorSubmitRequest, async (p) => (await state.settled(p.textDocument.uri), submitRefactor(state, p)));
  connection.onRequest(RefactorCancelRequest, (p) => cancelRefactor(state, p.jobId));
  connection.onRequest(RefactorResultRequest, (p) => refactorResult(state, p.jobId));
  connection.onRequest(RefactorApplyRequest, (p) => applyRefactor(state, p.jobId));
  state.refactorJobs.onChange((s) => void connection.sendNotification(RefactorProgressNotification, progressParams(s)));

  connection.onShutdown(() => state.dispose());
  return state;
}
