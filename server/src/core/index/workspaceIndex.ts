import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { join, resolve as resolvePath } from 'node:path';
import { IgnoreRules, walkWorkspace, type FoundFile, type WalkResult } from '../discovery';
import { CodeGraph } from '../graph/codeGraph';
import { languageForPath, SOURCE_EXTENSIONS } from '../languages/registry';
import { releaseTables } from '../link/fileTable';
import { linkFile, type LinkStats } from '../link/linkFile';
import { moveSites, useMoves } from '../link/remapSites';
import type { EdgeSpec } from '../graph/types';
import type { LinkContext } from '../link/linkContext';
import type { FileFacts, LanguageId } from '../model';
import { contentHash, processFile, readStamped, type FileJob, type FileOutcome, type IndexSkipReason } from '../parsing/processFile';
import { TreeSitterHost, findGrammarsDir } from '../parsing/treeSitter';
import { ParsePool } from '../parsing/workerPool';
import { collectGarbage } from './collectGarbage';
import { DependencyIndex } from './dependencyIndex';
import { IndexCache, type CachedFile, type LinkSource, type LoadedCache } from './indexCache';
import { sameStamp, type Stamp } from '../parsing/fileStamp';
import { LinkEnvironment, isConfigFile } from './linkEnvironment';
import { forEachFileNode, LinkReader, LinkWriter, type EncodedLink, type LinkSnapshot } from './linkSnapshot';
import { fingerprintHolds } from '../resolve/resolveHost';
import { OpenDocuments, type ContentChange } from './openDocuments';
import { releaseBody } from '../lazyFacts';
import { surfaceOf } from './surface';

// The workspace index: discovers files, parses them on workers (or takes their facts from the
// cache), puts their nodes in the graph and links them. Every later change goes through the
// same two steps — replace the changed files' facts, re-link the files that depend on them —
// so an index kept current by updates equals one built from scratch.

export interface IndexOptions {
  maxFileSize?: number;
  extraIgnores?: readonly string[];
  /** Parse workers; 0 parses on this thread. Default: the machine's parallelism. */
  workers?: number;
  /** false disables persistence; a string is the cache directory. Default: the user cache dir. */
  cache?: boolean | string;
  grammarsDir?: string;
}

export const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export type IndexPhase = 'discover' | 'parse' | 'link';

export interface IndexProgress {
  phase: IndexPhase;
  done: number;
  total: number;
}

export interface FileEntry {
  language: LanguageId;
  hash: string;
  surface: string;
  facts: FileFacts;
  stamp?: Stamp;
}

export interface SkippedEntry {
  path: string;
  reason: IndexSkipReason | 'symlink-loop' | 'outside-root';
  detail: string;
}

export interface IndexSummary {
  root: string;
  files: number;
  lines: number;
  byLanguage: Record<string, { files: number; lines: number }>;
  nodes: number;
  edges: number;
  edgesByKind: Record<string, number>;
  calls: { total: number; resolved: number; guessed: number; unresolved: number };
  imports: { total: number; unresolved: number };
  syntaxErrors: number;
  skipped: SkippedEntry[];
  ignored: number;
  parsed: number;
  fromCache: number;
  /** Files the last build linked; a warm start puts the saved links back and links only what changed. */
  linked: number;
  cacheNote?: string;
  ms: number;
}

export type FileChange = { path: string; kind: 'created' | 'changed' | 'deleted' };

/** What a change to the index came from: only `build` and `files` can change the files on disk. */
export type IndexChangeKind = 'build' | 'files' | 'document';

export interface UpdateResult {
  reparsed: number;
  relinked: number;
  removed: number;
}

export class WorkspaceIndex {
  readonly root: string;
  readonly graph = new CodeGraph();
  private readonly entries = new Map<string, FileEntry>();
  private readonly skipped = new Map<string, SkippedEntry>();
  private readonly linkStats = new Map<string, LinkStats>();
  private readonly deps = new DependencyIndex();
  private readonly env: LinkEnvironment;
  private readonly options: Required<Omit<IndexOptions, 'cache' | 'workers'>> & Pick<IndexOptions, 'workers' | 'cache'>;
  private readonly host: TreeSitterHost;
  private readonly documents: OpenDocuments;
  private readonly cache?: IndexCache;
  private pool?: ParsePool;
  private ignore?: IgnoreRules;
  private ignoredCount = 0;
  /** How the last build went; the counts in a summary are computed when asked for. */
  private lastBuild?: { ms: number; parsed: number; fromCache: number; linked: number; note?: string };
  /** Files linked since the index was made (each run of the linker on one file). */
  private linkRuns = 0;
  private linkRunsAtBuild = 0;
  private cachedSummary?: IndexSummary;
  /** The last link of each open document, for edits that only move code around. */
  private readonly lastLinks = new Map<string, { facts: FileFacts; edges: EdgeSpec[]; keys: (string | undefined)[] }>();
  private building = 0;
  /** Files to re-link after a burst of keystrokes (see commit). */
  private readonly deferred = new Set<string>();
  private deferTimer?: NodeJS.Timeout;
  /** Serializes mutations so a request never sees a half-applied change. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly changeListeners = new Set<(kind: IndexChangeKind) => void>();

  constructor(root: string, options: IndexOptions = {}) {
    this.root = resolvePath(root);
    const grammarsDir = options.grammarsDir ?? findGrammarsDir();
    this.options = {
      maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
      extraIgnores: options.extraIgnores ?? [],
      grammarsDir,
      workers: options.workers,
      cache: options.cache,
    };
    this.host = new TreeSitterHost(grammarsDir);
    this.documents = new OpenDocuments(this.host);
    this.env = new LinkEnvironment(this.root, this.entries);
    if (options.cache !== false) this.cache = new IndexCache(this.root, typeof options.cache === 'string' ? options.cache : undefined);
  }

  // ---- reading -----------------------------------------------------------------------------

  /** Facts of a file: an open buffer's latest parse first, then the indexed content. */
  facts(path: string): FileFacts | undefined {
    return this.documents.facts(path) ?? this.entries.get(path)?.facts;
  }

  openDocumentTexts(): [string, string][] {
    return [...this.documents.paths()].map((p) => [p, this.documents.text(p)!]);
  }

  async clearCache(): Promise<void> {
    await this.cache?.clear();
  }

  *allFacts(): IterableIterator<[string, FileFacts]> {
    for (const [p, e] of this.entries) yield [p, e.facts];
  }

  filePaths(): string[] {
    return [...this.entries.keys()].sort();
  }

  hasFile(path: string): boolean {
    return this.entries.has(path);
  }

  summary(): IndexSummary | undefined {
    if (!this.lastBuild) return undefined;
    // Counting every edge is O(graph); do it when asked, not on every keystroke.
    this.cachedSummary ??= this.computeSummary(this.lastBuild);
    return this.cachedSummary;
  }

  isIgnored(path: string, isDir = false): boolean {
    return this.ignore?.isIgnored(path, isDir) ?? false;
  }

  /** How the linker sees the workspace from `path` (refactors re-resolve imports with it). */
  linkContext(path: string): LinkContext {
    return this.env.contextFor(path).ctx;
  }

  documentText(path: string): string | undefined {
    return this.documents.text(path);
  }

  // ---- building ----------------------------------------------------------------------------

  /** Index the whole workspace: from the cache where content is unchanged, parsing the rest. */
  build(onProgress?: (p: IndexProgress) => void): Promise<IndexSummary> {
    // Marked at once, not when the build's turn comes: a request arriving in between must not
    // end up waiting for the whole build.
    this.building++;
    return this.exclusive(() => this.doBuild(onProgress), 'build').finally(() => this.building--);
  }

  private async doBuild(onProgress?: (p: IndexProgress) => void): Promise<IndexSummary> {
    const started = performance.now();
    this.linkRunsAtBuild = this.linkRuns;
    // With no cache to reuse, workers start (and compile their grammars) while the walk runs.
    if (!this.cache?.exists()) this.parsePool();
    onProgress?.({ phase: 'discover', done: 0, total: 0 });
    const loaded: LoadedCache = this.cache ? this.cache.load() : { files: new Map<string, CachedFile>() };
    const walk = await this.walk();
    const jobs = this.jobsFor(walk, loaded.files);
    const snapshot = loaded.link && fingerprintHolds(this.root, new Set(loaded.files.keys()), loaded.link.fingerprint) ? loaded.link : undefined;
    if (snapshot) return this.restore(started, walk, jobs, loaded, snapshot, onProgress);
    loaded.link = undefined;
    const total = jobs.length;
    let done = 0;
    let parsed = 0;
    let fromCache = 0;
    this.resetState();
    for (const s of walk.skipped) this.skipped.set(s.path, { ...s });
    onProgress?.({ phase: 'parse', done, total });
    // Each file's nodes go into the graph as its facts arrive, overlapping the parse.
    const absorb = (o: FileOutcome) => {
      done++;
      if (done % 64 === 0 || done === total) onProgress?.({ phase: 'parse', done, total });
      if (o.status === 'skipped') {
        this.skipped.set(o.path, { path: o.path, reason: o.reason, detail: o.detail });
        return;
      }
      let entry: FileEntry;
      if (o.status === 'unchanged') {
        const c = loaded.files.get(o.path)!;
        entry = { language: c.language, hash: o.hash, facts: c.facts, surface: c.surface || surfaceOf(c.facts), stamp: o.stamp };
        fromCache++;
      } else {
        entry = entryFor(o);
        parsed++;
      }
      this.putEntry(o.path, entry);
    };
    // Files the cache knows are hashed here: reading and hashing is cheap, and a warm start
    // that finds nothing changed never starts a parse worker.
    const toParse: FileJob[] = [];
    const seen = walkStats(walk);
    for (const job of jobs) {
      const same = job.knownHash === undefined ? undefined : unchangedOnDisk(job.abs, loaded.files.get(job.path)!, seen.get(job.path));
      if (same) absorb({ path: job.path, status: 'unchanged', hash: same.hash, stamp: same.stamp });
      else toParse.push({ ...job, knownHash: undefined });
    }
    if (toParse.length) await this.parsePool().run(toParse, absorb);
    for (const [path, entry] of await this.documentEntries()) this.putEntry(path, entry);

    // Parse workers hold a wasm heap each; an index that is built keeps none of them alive.
    await this.pool?.close();
    this.pool = undefined;
    releaseTables();
    // Marked concurrently: the other core is idle from here on, linking runs on this thread.
    collectGarbage(true);

    const paths = this.filePaths();
    onProgress?.({ phase: 'link', done: 0, total: paths.length });
    let linked = 0;
    for (const p of paths) {
      this.relink(p);
      if (++linked % 64 === 0) {
        if (linked % 256 === 0) onProgress?.({ phase: 'link', done: linked, total: paths.length });
        // Let editor requests and notifications through: linking a big workspace takes seconds.
        // No collections forced here: what linking allocates mostly stays (the edges); five
        // forced ones cost the 500k-line monorepo ~0.9 s of a 2.4 s link for ~25 MB of peak.
        await yieldToEventLoop();
      }
    }
    onProgress?.({ phase: 'link', done: paths.length, total: paths.length });

    // Persisting is housekeeping, not indexing: the index is usable now, and the cache is
    // written shortly after (or when the index is disposed, whichever comes first). A cache
    // without links (written by an older session) is rewritten with them.
    if (this.cache) this.cache.scheduleSave(this.entries, 1000, this.linkSource);
    return this.finishBuild(started, parsed, fromCache, loaded.note);
  }

  private finishBuild(started: number, parsed: number, fromCache: number, note: string | undefined): IndexSummary {
    this.lastBuild = { ms: performance.now() - started, parsed, fromCache, linked: this.linkRuns - this.linkRunsAtBuild, note };
    this.cachedSummary = undefined;
    return this.summary()!;
  }

  /**
   * A warm start: put back the index exactly as it was saved — facts, nodes, edges and what
   * each link depended on — then apply what changed on disk since, as any other change is
   * applied. Only the changed files are parsed and only the files they affect are re-linked.
   */
  private async restore(
    started: number,
    walk: WalkResult,
    jobs: readonly FileJob[],
    loaded: LoadedCache,
    snapshot: LinkSnapshot,
    onProgress?: (p: IndexProgress) => void,
  ): Promise<IndexSummary> {
    this.resetState();
    this.env.deferNames();
    for (const s of walk.skipped) this.skipped.set(s.path, { ...s });
    onProgress?.({ phase: 'parse', done: 0, total: jobs.length });
    // The snapshot numbers edge ends by the cached files' nodes, in the cache's order.
    const nodeIds: string[] = [];
    const number = (id: string) => nodeIds.push(id);
    for (const [path, c] of loaded.files) {
      this.putEntry(path, { language: c.language, hash: c.hash, facts: c.facts, surface: c.surface || surfaceOf(c.facts), stamp: c.stamp });
      forEachFileNode(path, c.facts, number);
    }
    const links = new LinkReader(snapshot, nodeIds);
    onProgress?.({ phase: 'link', done: 0, total: loaded.files.size });
    for (const path of this.filePaths()) {
      // Saved without a usable link (a damaged or hand-edited cache): link this file now.
      if (!this.restoreLink(path, snapshot.files.get(path), links)) this.relink(path);
    }
    this.env.restoredLinks(snapshot.fingerprint);
    snapshot.files.clear();

    // What changed since: files whose content differs, new files, files that are gone.
    const next = new Map<string, FileEntry | undefined>();
    const inWalk = new Set<string>();
    const toParse: FileJob[] = [];
    let restamped = 0;
    const seen = walkStats(walk);
    for (const job of jobs) {
      inWalk.add(job.path);
      const cached = job.knownHash === undefined ? undefined : loaded.files.get(job.path)!;
      const same = cached && unchangedOnDisk(job.abs, cached, seen.get(job.path));
      if (!same) {
        toParse.push({ ...job, knownHash: undefined });
      } else if (same.stamp !== cached!.stamp) {
        this.entries.get(job.path)!.stamp = same.stamp;
        restamped++;
      }
    }
    for (const path of loaded.files.keys()) if (!inWalk.has(path)) next.set(path, undefined);
    let parsed = 0;
    if (toParse.length) {
      for (const o of await this.parsePool().run(toParse)) {
        if (o.status === 'skipped') {
          this.skipped.set(o.path, { path: o.path, reason: o.reason, detail: o.detail });
          next.set(o.path, undefined);
        } else if (o.status === 'parsed') {
          parsed++;
          next.set(o.path, entryFor(o));
        }
      }
      await this.pool?.close();
      this.pool = undefined;
    }
    for (const [path, entry] of await this.documentEntries()) next.set(path, entry);
    if (next.size) this.commit(next, false);
    onProgress?.({ phase: 'link', done: loaded.files.size, total: loaded.files.size });
    // New stamps are saved too, so the next start need not read those files either.
    if (this.cache && (next.size || restamped)) this.cache.scheduleSave(this.entries, 1000, this.linkSource);
    return this.finishBuild(started, parsed, jobs.length - toParse.length, loaded.note);
  }

  /** Put back a file's saved link; false if there is none or it does not add up. */
  private restoreLink(path: string, encoded: EncodedLink | undefined, links: LinkReader): boolean {
    if (!encoded) return false;
    try {
      const link = links.decode(encoded);
      this.graph.restoreFileEdges(path, link.edges);
      this.linkStats.set(path, link.stats);
      this.deps.set(path, link.deps);
      return true;
    } catch {
      return false;
    }
  }

  /** Open editor buffers as entries: during a build they win over what is on disk. */
  private async documentEntries(): Promise<[string, FileEntry][]> {
    const out: [string, FileEntry][] = [];
    for (const path of this.documents.paths()) {
      const lang = languageForPath(path)!;
      const text = this.documents.text(path)!;
      const facts = await this.host.facts(lang, text);
      this.skipped.delete(path);
      out.push([path, { language: lang.id, hash: contentHash(text), facts, surface: surfaceOf(facts) }]);
    }
    return out;
  }

  /**
   * The links as they stand, for the cache to save — or none while they are not all current
   * (a build running, re-links deferred behind typing), since a snapshot must be consistent.
   */
  private readonly linkSource = (): LinkSource | undefined => {
    if (this.building > 0 || this.deferred.size > 0) return undefined;
    for (const path of this.entries.keys()) if (!this.linkStats.has(path) || !this.deps.has(path)) return undefined;
    const { entries, linkStats, deps } = this;
    const writer = new LinkWriter(this.graph, entries);
    function* links(): Iterable<[string, EncodedLink]> {
      for (const path of entries.keys()) {
        const link = writer.fileLink(path, linkStats.get(path)!, deps.get(path)!);
        if (link) yield [path, link];
      }
    }
    return { fingerprint: this.env.fingerprint(), shared: writer.shared, links: links(), blocks: () => writer.blocks() };
  };

  /** Put a file's facts in place of what it had: entry, graph nodes, guessable names. */
  private putEntry(path: string, entry: FileEntry): void {
    const old = this.entries.get(path);
    this.entries.set(path, entry);
    this.graph.setFileNodes(path, entry.facts);
    if (old) this.env.replaceNames(path, old.facts, entry.facts);
    else this.env.addNames(path, entry.facts);
  }

  private async walk(): Promise<WalkResult> {
    const walk = await walkWorkspace(this.root, {
      extensions: SOURCE_EXTENSIONS,
      extraIgnores: this.options.extraIgnores,
      maxFileSize: this.options.maxFileSize,
    });
    this.ignore = walk.rules;
    this.ignoredCount = walk.ignoredCount;
    return walk;
  }

  private jobsFor(walk: WalkResult, cached: ReadonlyMap<string, CachedFile>): FileJob[] {
    const jobs: FileJob[] = [];
    for (const f of walk.files) {
      const lang = languageForPath(f.path);
      if (!lang) continue;
      const job: FileJob = { path: f.path, abs: join(this.root, f.path), language: lang.id };
      const hit = cached.get(f.path);
      if (hit && hit.language === lang.id) job.knownHash = hit.hash;
      jobs.push(job);
    }
    return jobs;
  }

  private resetState(): void {
    for (const p of [...this.graph.files()]) this.graph.removeFile(p);
    this.entries.clear();
    this.lastLinks.clear();
    this.deferred.clear();
    this.skipped.clear();
    this.linkStats.clear();
    this.deps.clear();
    this.env.reset();
  }

  /** A handful of files parse faster here than the round trip to a worker costs. */
  private async parseJobs(jobs: FileJob[]): Promise<FileOutcome[]> {
    if (jobs.length > 32) return this.parsePool().run(jobs);
    const out: FileOutcome[] = [];
    for (const job of jobs) out.push(await processFile(this.host, job, this.options.maxFileSize));
    return out;
  }

  private parsePool(): ParsePool {
    this.pool ??= new ParsePool({ workers: this.options.workers, grammarsDir: this.options.grammarsDir, maxFileSize: this.options.maxFileSize });
    return this.pool;
  }

  // ---- linking -----------------------------------------------------------------------------

  /**
   * Link one file. `moved` says the file's own edit kept its surface and all its uses, so the
   * previous link (kept for open documents) holds with its call sites moved.
   */
  private relink(path: string, moved = false): void {
    const entry = this.entries.get(path);
    if (!entry) return;
    const last = this.lastLinks.get(path);
    const moves = moved && last ? useMoves(last.facts, entry.facts) : undefined;
    if (last && moves) {
      const { edges, changed } = moveSites(last.edges, moves);
      const updates = changed.flatMap((i) => (last.keys[i] !== undefined ? [{ key: last.keys[i]!, sites: edges[i].sites }] : []));
      this.graph.moveEdgeSites(updates);
      this.lastLinks.set(path, { facts: entry.facts, edges, keys: last.keys });
      return;
    }
    const { ctx, deps } = this.env.contextFor(path);
    const result = linkFile(path, entry.facts, ctx);
    // Only linking reads a file's calls and references, and a link is not made twice in a row.
    releaseBody(entry.facts);
    this.linkRuns++;
    const { keys } = this.graph.setFileEdges(path, result.edges);
    this.linkStats.set(path, result.stats);
    this.deps.set(path, deps);
    if (this.documents.has(path)) this.lastLinks.set(path, { facts: entry.facts, edges: result.edges, keys });
    else this.lastLinks.delete(path);
  }

  // ---- incremental updates -----------------------------------------------------------------

  /** Changes on disk (watchers, git checkout, codegen). Open documents keep their editor text. */
  applyChanges(changes: readonly FileChange[]): Promise<UpdateResult> {
    return this.exclusive(() => this.doApplyChanges(changes), 'files');
  }

  private async doApplyChanges(changes: readonly FileChange[]): Promise<UpdateResult> {
    // Watchers report folders too: a deleted folder takes its files with it; a folder that
    // appears (moved in, checked out) is found by walking again.
    let rewalk = changes.some((c) => IgnoreRules.isIgnoreFile(c.path));
    const expanded: FileChange[] = [];
    for (const c of changes) {
      if (languageForPath(c.path) || this.entries.has(c.path)) {
        expanded.push(c);
        continue;
      }
      if (c.kind === 'deleted') {
        const prefix = `${c.path}/`;
        for (const p of this.entries.keys()) if (p.startsWith(prefix)) expanded.push({ path: p, kind: 'deleted' });
      } else if (c.kind === 'created' && (await stat(join(this.root, c.path)).catch(() => undefined))?.isDirectory()) {
        rewalk = true;
      } else expanded.push(c);
    }
    changes = expanded;
    if (rewalk) {
      // A new ignore rule can add or drop any number of files: re-walk and diff.
      const before = new Set([...this.entries.keys(), ...this.skipped.keys()]);
      const walk = await this.walk();
      const now = new Set(walk.files.map((f) => f.path));
      const diff: FileChange[] = [];
      for (const p of before) if (!now.has(p)) diff.push({ path: p, kind: 'deleted' });
      for (const p of now) diff.push({ path: p, kind: before.has(p) ? 'changed' : 'created' });
      for (const s of walk.skipped) this.skipped.set(s.path, { ...s });
      return this.updateFiles(diff.filter((c) => !IgnoreRules.isIgnoreFile(c.path)), false);
    }
    const configChanged = changes.some((c) => isConfigFile(c.path));
    const sources = changes.filter((c) => languageForPath(c.path) && !this.isIgnored(c.path));
    return this.updateFiles(sources, configChanged);
  }

  private async updateFiles(changes: readonly FileChange[], configChanged: boolean): Promise<UpdateResult> {
    const jobs: FileJob[] = [];
    const next = new Map<string, FileEntry | undefined>();
    for (const c of changes) {
      // An open document's truth is its editor buffer, whatever happens to the file on disk;
      // closing the document hands the file back to the disk.
      if (this.documents.has(c.path)) continue;
      const lang = languageForPath(c.path);
      const abs = join(this.root, c.path);
      const st = c.kind === 'deleted' ? undefined : await stat(abs).catch(() => undefined);
      if (!lang || !st?.isFile()) {
        this.skipped.delete(c.path);
        next.set(c.path, undefined);
        continue;
      }
      jobs.push({ path: c.path, abs, language: lang.id, knownHash: this.entries.get(c.path)?.hash });
    }
    for (const o of await this.parseJobs(jobs)) {
      if (o.status === 'unchanged') continue;
      if (o.status === 'skipped') {
        this.skipped.set(o.path, { path: o.path, reason: o.reason, detail: o.detail });
        next.set(o.path, undefined);
        continue;
      }
      this.skipped.delete(o.path);
      next.set(o.path, entryFor(o));
    }
    const result = this.commit(next, configChanged);
    if (this.cache && next.size > 0) this.cache.scheduleSave(this.entries, undefined, this.linkSource);
    return result;
  }

  /**
   * Replace or remove entries, then re-link exactly the files whose link could observe the
   * difference: the changed files themselves, files that consulted them, files that probed
   * their paths while resolving, and files whose name guesses involved their names.
   */
  private commit(next: ReadonlyMap<string, FileEntry | undefined>, configChanged: boolean, deferDependents = false): UpdateResult {
    const dirty = new Set<string>();
    // Which files probed a path matters only when a file appears or disappears.
    for (const [path, entry] of next) if (!this.entries.has(path) !== !entry) this.env.ensureGroups();
    let fileSetChanged = false;
    let anySurfaceChanged = false;
    let removed = 0;
    for (const [path, entry] of next) {
      const old = this.entries.get(path);
      if (!old && !entry) continue;
      const created = !old && !!entry;
      const gone = !!old && !entry;
      const surfaceChanged = created || gone || old!.surface !== entry!.surface;
      if (created || gone) fileSetChanged = true;
      if (surfaceChanged) {
        anySurfaceChanged = true;
        for (const d of this.deps.dependentsOfFile(path)) dirty.add(d);
        for (const probe of this.env.probesFor(path)) for (const d of this.deps.dependentsOfProbe(probe)) dirty.add(d);
        for (const name of this.env.changedNames(path, old?.facts, entry?.facts)) for (const d of this.deps.dependentsOfName(name)) dirty.add(d);
      }
      if (entry) {
        this.putEntry(path, entry);
        dirty.add(path);
      } else {
        this.env.removeNames(path, old!.facts);
        this.entries.delete(path);
        this.lastLinks.delete(path);
        this.graph.removeFile(path);
        this.linkStats.delete(path);
        this.deps.delete(path);
        removed++;
      }
    }
    if (fileSetChanged || configChanged) this.env.invalidate(configChanged);
    for (const p of this.deferred) dirty.add(p);
    this.deferred.clear();
    let relink = configChanged ? this.filePaths() : [...dirty].filter((p) => this.entries.has(p)).sort();
    if (deferDependents) {
      // A keystroke re-links the edited file now; the files whose links it affects (renaming a
      // widely used name can touch hundreds) are re-linked once typing pauses, or before the
      // next request or change reads the graph, whichever comes first.
      for (const p of relink) {
        if (next.has(p)) continue;
        this.deferred.add(p);
        // Its last link no longer holds, so its next own edit must not reuse it.
        this.lastLinks.delete(p);
      }
      relink = relink.filter((p) => next.has(p));
      if (this.deferred.size) this.scheduleDeferred();
    }
    // One file edited, nothing else affected: its previous link may only need moving.
    const alone = !configChanged && !anySurfaceChanged && next.size === 1 && relink.length === 1 && next.has(relink[0]);
    for (const p of relink) this.relink(p, alone);
    this.cachedSummary = undefined;
    return { reparsed: [...next.values()].filter(Boolean).length, relinked: relink.length, removed };
  }

  private scheduleDeferred(): void {
    clearTimeout(this.deferTimer);
    this.deferTimer = setTimeout(() => void this.exclusive(async () => this.relinkDeferred()), DEFER_MS);
    this.deferTimer.unref();
  }

  private relinkDeferred(): void {
    clearTimeout(this.deferTimer);
    const paths = [...this.deferred].filter((p) => this.entries.has(p)).sort();
    this.deferred.clear();
    for (const p of paths) this.relink(p);
    if (paths.length) this.cachedSummary = undefined;
  }

  // ---- editor documents --------------------------------------------------------------------

  // The buffer is parsed at once (so the file answers even while a build runs); putting the
  // result into the graph waits its turn behind other mutations.
  openDocument(path: string, text: string): Promise<UpdateResult> {
    const lang = languageForPath(path);
    if (!lang || this.isIgnored(path)) return Promise.resolve(NO_UPDATE);
    const parsed = this.documents.open(path, lang, text);
    return this.exclusive(async () => this.commitText(path, lang.id, text, await parsed));
  }

  changeDocument(path: string, changes: readonly ContentChange[]): Promise<UpdateResult> {
    const lang = languageForPath(path);
    if (!lang || !this.documents.has(path)) return Promise.resolve(NO_UPDATE);
    const parsed = this.documents.change(path, changes);
    return this.exclusive(async () => {
      const result = await parsed;
      if (!result) return NO_UPDATE;
      return this.commitText(path, lang.id, result.text, result.facts);
    });
  }

  /** Closing hands the file back to the disk: its saved content becomes the truth again. */
  closeDocument(path: string): Promise<UpdateResult> {
    this.documents.close(path);
    this.lastLinks.delete(path);
    return this.applyChanges([{ path, kind: 'changed' }]);
  }

  private commitText(path: string, language: LanguageId, text: string, facts: FileFacts): UpdateResult {
    const hash = contentHash(text);
    if (this.entries.get(path)?.hash === hash) return NO_UPDATE;
    this.skipped.delete(path);
    return this.commit(new Map([[path, { language, hash, facts, surface: surfaceOf(facts) }]]), false, true);
  }

  // ---- summary -----------------------------------------------------------------------------

  private computeSummary({ ms, parsed, fromCache, linked, note: cacheNote }: NonNullable<WorkspaceIndex['lastBuild']>): IndexSummary {
    const byLanguage: IndexSummary['byLanguage'] = {};
    let lines = 0;
    let syntaxErrors = 0;
    for (const e of this.entries.values()) {
      const b = (byLanguage[e.language] ??= { files: 0, lines: 0 });
      b.files++;
      b.lines += e.facts.lineCount;
      lines += e.facts.lineCount;
      if (e.facts.errorCount > 0) syntaxErrors++;
    }
    const edgesByKind: Record<string, number> = {};
    this.graph.graph.forEachEdge((_e, a) => {
      edgesByKind[a.kind] = (edgesByKind[a.kind] ?? 0) + 1;
    });
    const calls = { total: 0, resolved: 0, guessed: 0, unresolved: 0 };
    const imports = { total: 0, unresolved: 0 };
    for (const s of this.linkStats.values()) {
      calls.total += s.calls;
      calls.resolved += s.resolvedCalls;
      calls.guessed += s.guessedCalls;
      calls.unresolved += s.unresolvedCalls;
      imports.total += s.imports;
      imports.unresolved += s.unresolvedImports;
    }
    return {
      root: this.root,
      files: this.entries.size,
      lines,
      byLanguage,
      nodes: this.graph.graph.order,
      edges: this.graph.graph.size,
      edgesByKind,
      calls,
      imports,
      syntaxErrors,
      skipped: [...this.skipped.values()].sort((a, b) => (a.path < b.path ? -1 : 1)),
      ignored: this.ignoredCount,
      parsed,
      fromCache,
      linked,
      cacheNote,
      ms,
    };
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  private exclusive<T>(fn: () => Promise<T>, kind: IndexChangeKind = 'document'): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    // Analyses kept beside the graph (dependency diagnostics) hear of every applied change.
    if (this.changeListeners.size) void this.queue.then(() => this.changeListeners.forEach((l) => l(kind)));
    return run;
  }

  /** Called after each change to the index has been applied: a build, file events on disk, or editor edits. */
  onDidChange(listener: (kind: IndexChangeKind) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /**
   * Build now what the first re-link would otherwise build on demand: the guessable-name index
   * a warm start leaves out (~35 ms on a 500k-line workspace). For a long-lived host with a
   * moment to spare; a one-shot command that links nothing never pays for it.
   */
  prepareLinking(): void {
    this.env.indexNames();
  }

  /**
   * Resolves when queued edits are in the graph — at once while a full build runs, so a
   * request during indexing answers from what is known instead of waiting for the whole index.
   */
  whenCurrent(): Promise<void> {
    if (this.building > 0) return Promise.resolve();
    if (this.deferred.size) void this.exclusive(async () => this.relinkDeferred());
    return this.idle();
  }

  /** Resolves once every queued change has been applied. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  async dispose(): Promise<void> {
    clearTimeout(this.deferTimer);
    await this.idle();
    await this.cache?.flush();
    this.documents.closeAll();
    await this.pool?.close();
  }
}

/** What the walk's stat saw of each file: a warm start compares stamps with it instead of a second stat. */
function walkStats(walk: WalkResult): Map<string, FoundFile> {
  return new Map(walk.files.map((f) => [f.path, f]));
}

/**
 * The cached content is still on disk: its stamp says so when it still matches (no read),
 * else its hash does. `seen` is the file's stat from this build's walk, if it has one.
 * Returns the hash and the stamp to keep, or undefined when it changed.
 */
function unchangedOnDisk(abs: string, cached: CachedFile, seen?: FoundFile): { hash: string; stamp?: Stamp } | undefined {
  try {
    if (cached.stamp && sameStamp(cached.stamp, seen ?? statSync(abs))) return { hash: cached.hash, stamp: cached.stamp };
    const { bytes, stamp } = readStamped(abs);
    return contentHash(bytes) === cached.hash ? { hash: cached.hash, stamp } : undefined;
  } catch {
    return undefined;
  }
}

export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** How long typing must pause before the files a keystroke affected are re-linked. */
const DEFER_MS = 150;

const NO_UPDATE: UpdateResult = { reparsed: 0, relinked: 0, removed: 0 };

function entryFor(o: Extract<FileOutcome, { status: 'parsed' }>): FileEntry {
  return { language: o.facts.language, hash: o.hash, facts: o.facts, surface: o.surface, stamp: o.stamp };
}
