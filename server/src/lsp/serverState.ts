import { fileURLToPath, pathToFileURL } from 'node:url';
import { relative, sep } from 'node:path';
import { WorkspaceIndex, type IndexChangeKind, type IndexProgress, type IndexSummary } from '../core/index/workspaceIndex';
import type { FileFacts } from '../core/model';
import { DEFAULT_SETTINGS, type SparkGraphSettings } from '../../../shared/settings';
import type { StatusParams } from '../../../shared/protocol';
import { JobManager } from '../core/refactor/jobs';

// The one object that owns the server's state: a workspace index per folder (each with its
// open documents and graph) and the settings each was built with. Request handlers only read
// it; notifications (open/change/close, watched files, configuration, folders) change it.

export interface Folder {
  root: string;
  uri: string;
  index: WorkspaceIndex;
  settings: SparkGraphSettings;
  state: 'indexing' | 'ready' | 'error';
  summary?: IndexSummary;
  error?: string;
  ready: Promise<void>;
}

export interface FileRef {
  folder: Folder;
  path: string;
}

export interface StateEvents {
  onStatus(status: StatusParams): void;
  onProgress(folder: Folder, p: IndexProgress): void;
  log(message: string): void;
}

/** What changed about a folder: its index (see IndexChangeKind), its settings, or it left the workspace. */
export type FolderChangeKind = IndexChangeKind | 'settings' | 'removed';

export class ServerState {
  readonly folders = new Map<string, Folder>();
  private readonly indexListeners = new Set<(folder: Folder, kind: FolderChangeKind) => void>();
  /** Refactor jobs of every folder, and the folder each job runs in. */
  readonly refactorJobs = new JobManager();
  readonly jobFolders = new Map<string, Folder>();

  constructor(
    private readonly events: StateEvents,
    private readonly cacheDir?: string | false,
  ) {}

  // ---- lookup ------------------------------------------------------------------------------

  /** The folder owning a document URI (the innermost one, for nested folders). */
  fileOf(uri: string): FileRef | undefined {
    let abs: string;
    try {
      abs = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    let best: Folder | undefined;
    for (const f of this.folders.values()) {
      const rel = relative(f.root, abs);
      if (rel.startsWith('..') || rel.startsWith(sep) || rel === '') continue;
      if (!best || f.root.length > best.root.length) best = f;
    }
    if (!best) return undefined;
    return { folder: best, path: relative(best.root, abs).split(sep).join('/') };
  }

  uriOf(folder: Folder, path: string): string {
    return pathToFileURL(`${folder.root}/${path}`).toString();
  }

  /** Facts for a file: the open buffer's if it is open, else the index's (possibly not yet built). */
  factsOf(ref: FileRef): FileFacts | undefined {
    return ref.folder.index.facts(ref.path);
  }

  /** Wait until edits already sent for this document's folder are in its graph (never for a full build). */
  async settled(uri: string): Promise<void> {
    await this.fileOf(uri)?.folder.index.whenCurrent();
  }

  async allSettled(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.index.whenCurrent()));
  }

  // ---- changes -----------------------------------------------------------------------------

  addFolder(uri: string, settings: SparkGraphSettings = DEFAULT_SETTINGS): Folder {
    const root = fileURLToPath(uri);
    const existing = this.folders.get(root);
    if (existing) return existing;
    const index = this.createIndex(root, settings);
    const folder: Folder = { root, uri, index, settings, state: 'indexing', ready: Promise.resolve() };
    this.folders.set(root, folder);
    this.watchIndex(folder);
    folder.ready = this.build(folder);
    return folder;
  }

  async removeFolder(uri: string): Promise<void> {
    const root = fileURLToPath(uri);
    const f = this.folders.get(root);
    if (!f) return;
    this.folders.delete(root);
    this.indexListeners.forEach((l) => l(f, 'removed'));
    await f.index.dispose();
    this.reportStatus();
  }

  /** Settings changed or the user asked: rebuild with a fresh index (and, with `dropCache`, no cache). */
  async rebuild(folder: Folder, settings: SparkGraphSettings, dropCache = false): Promise<void> {
    const old = folder.index;
    const openDocs = old.openDocumentTexts();
    await old.dispose();
    if (dropCache) await old.clearCache();
    folder.settings = settings;
    folder.index = this.createIndex(folder.root, settings);
    this.watchIndex(folder);
    for (const [path, text] of openDocs) void folder.index.openDocument(path, text);
    folder.state = 'indexing';
    folder.ready = this.build(folder);
    await folder.ready;
  }

  /** A folder's settings changed without a rebuild: analyses beside the index re-check. */
  settingsChanged(folder: Folder): void {
    this.indexListeners.forEach((l) => l(folder, 'settings'));
  }

  /** Hear of every change applied to any folder's index (also the fresh index of a rebuild) and of settings changes. */
  onIndexChange(listener: (folder: Folder, kind: FolderChangeKind) => void): () => void {
    this.indexListeners.add(listener);
    return () => this.indexListeners.delete(listener);
  }

  private watchIndex(folder: Folder): void {
    const index = folder.index;
    index.onDidChange((kind) => {
      if (folder.index === index && this.folders.get(folder.root) === folder) this.indexListeners.forEach((l) => l(folder, kind));
    });
  }

  private createIndex(root: string, s: SparkGraphSettings): WorkspaceIndex {
    return new WorkspaceIndex(root, {
      extraIgnores: s.ignore,
      maxFileSize: s.maxFileSize,
      workers: s.workers > 0 ? s.workers : undefined,
      cache: this.cacheDir === false || !s.cache ? false : this.cacheDir,
    });
  }

  private async build(folder: Folder): Promise<void> {
    const index = folder.index;
    this.reportStatus();
    try {
      const summary = await index.build((p) => {
        if (folder.index !== index) return;
        this.events.onProgress(folder, p);
        this.reportStatus(p);
      });
      if (folder.index !== index) return;
      folder.summary = summary;
      folder.state = 'ready';
      folder.error = undefined;
      // After the answers waiting on readiness: the first edit then finds linking ready.
      setImmediate(() => index.prepareLinking());
      this.events.log(`indexed ${folder.root}: ${summary.files} files, ${summary.nodes} nodes, ${summary.edges} edges in ${Math.round(summary.ms)} ms`);
    } catch (e) {
      if (folder.index !== index) return;
      folder.state = 'error';
      folder.error = (e as Error).message;
      this.events.log(`indexing ${folder.root} failed: ${(e as Error).stack ?? e}`);
    }
    this.reportStatus();
  }

  reportStatus(progress?: IndexProgress): void {
    const folders = [...this.folders.values()];
    const error = folders.find((f) => f.state === 'error');
    if (error) {
      this.events.onStatus({ state: 'error', message: `${error.root}: ${error.error}` });
      return;
    }
    if (folders.some((f) => f.state === 'indexing')) {
      const percent = progress && progress.total ? Math.floor((progress.phase === 'link' ? 90 + (progress.done / progress.total) * 10 : (progress.done / progress.total) * 90)) : 0;
      this.events.onStatus({ state: 'indexing', percent, files: progress?.phase === 'parse' ? progress.done : undefined });
      return;
    }
    let files = 0;
    let nodes = 0;
    let edges = 0;
    for (const f of folders) {
      const s = f.index.summary();
      files += s?.files ?? 0;
      nodes += s?.nodes ?? 0;
      edges += s?.edges ?? 0;
    }
    this.events.onStatus({ state: 'ready', files, nodes, edges });
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.folders.values()].map((f) => f.index.dispose()));
    this.folders.clear();
  }
}
