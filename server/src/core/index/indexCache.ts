import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { FileFacts, LanguageId } from '../model';
import type { NodeAttrs } from '../graph/types';
import { isStamp, type Stamp } from '../parsing/fileStamp';
import type { ConfigFingerprint } from '../resolve/resolveHost';
import { lazyFacts, splitFacts, type FactsHead } from './lazyFacts';
import { isLinkSnapshotShape, type EncodedLink, type LinkSnapshot } from './linkSnapshot';

// Per-workspace persistence of file facts keyed by content hash. The file carries a magic
// header, a format version, the payload length and a checksum; anything that does not check
// out (truncated, corrupt, older format, another workspace) is discarded, never trusted.

/** Bump whenever FileFacts, any extractor's output or the linker's output changes shape or meaning. */
export const CACHE_FORMAT = 5;
const MAGIC = Buffer.from('SPKGIDX\n');
const HEADER = MAGIC.length + 4 + 4 + 20;

export interface CachedFile {
  language: LanguageId;
  hash: string;
  facts: FileFacts;
  surface?: string;
  /** Stat signature of the file when its content was read; absent when not worth trusting. */
  stamp?: Stamp;
}


/** What the index hands the cache to save its links: read while writing, never copied. */
export interface LinkSource {
  fingerprint: ConfigFingerprint;
  shared: Record<string, NodeAttrs>;
  links: Iterable<[string, EncodedLink]>;
  /** The id table the links index into; complete once `links` has been iterated. */
  ids: readonly string[];
}

export interface LoadedCache {
  files: Map<string, CachedFile>;
  link?: LinkSnapshot;
  note?: string;
}

interface Payload {
  root: string;
  files: [string, LanguageId, string, FactsHead, string, Stamp | 0, string][];
  link?: unknown;
}

export function defaultCacheRoot(): string {
  if (process.env.SPARKGRAPH_CACHE_DIR) return process.env.SPARKGRAPH_CACHE_DIR;
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'sparkgraph');
}

export class IndexCache {
  readonly file: string;
  private timer?: NodeJS.Timeout;
  private pending?: () => Promise<void>;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly root: string,
    cacheRoot = defaultCacheRoot(),
  ) {
    const id = createHash('sha1').update(root).digest('hex').slice(0, 16);
    this.file = join(cacheRoot, `${basename(root) || 'root'}-${id}`, 'index.bin');
  }

  exists(): boolean {
    return existsSync(this.file);
  }

  async load(): Promise<LoadedCache> {
    let text: string;
    try {
      // The bytes, the text and the parsed index would otherwise all be alive at once: each is
      // dropped as soon as the next exists.
      let buf: Buffer | undefined = await readFile(this.file);
      const problem = checkHeader(buf);
      if (problem) {
        await rm(this.file, { force: true });
        return { files: new Map(), note: `discarded the index cache (${problem}); rebuilt from source` };
      }
      text = buf.toString('utf8', HEADER);
      buf = undefined;
    } catch {
      return { files: new Map() };
    }
    try {
      // JSON: facts are plain data, and JSON.parse reads them about three times faster than
      // v8.deserialize.
      const payload = JSON.parse(text) as Payload;
      text = '';
      if (payload.root !== this.root || !Array.isArray(payload.files)) throw new Error('cache belongs to another workspace');
      const files = new Map<string, CachedFile>();
      for (const [path, language, hash, head, surface, stamp, rest] of payload.files) {
        const entry: CachedFile = { language, hash, facts: lazyFacts(head, typeof rest === 'string' ? rest : '{}'), surface };
        if (isStamp(stamp)) entry.stamp = stamp;
        files.set(path, entry);
      }
      // The links are an optimisation: if they look wrong, the facts still stand.
      const l = payload.link;
      const link = isLinkSnapshotShape(l) ? { fingerprint: l.fingerprint, shared: l.shared, files: new Map(l.files), ids: l.ids } : undefined;
      return { files, link };
    } catch (e) {
      await rm(this.file, { force: true });
      return { files: new Map(), note: `discarded the index cache (${(e as Error).message}); rebuilt from source` };
    }
  }

  async save(entries: ReadonlyMap<string, CachedFile>, link?: () => LinkSource | undefined): Promise<void> {
    const dir = this.file.slice(0, this.file.lastIndexOf('/'));
    // Write beside and rename: a crash mid-write leaves the old cache or none, never half a file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(dir, { recursive: true });
        writeStreamed(tmp, this.root, entries, link?.());
        await rename(tmp, this.file);
      } catch {
        await rm(tmp, { force: true }).catch(() => undefined);
      }
    });
    return this.writing;
  }

  /** Coalesce the saves of a burst of edits into one write. */
  scheduleSave(entries: ReadonlyMap<string, CachedFile>, delayMs = 2000, link?: () => LinkSource | undefined): void {
    this.pending = () => this.save(entries, link);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delayMs);
    this.timer.unref();
  }

  async clear(): Promise<void> {
    clearTimeout(this.timer);
    this.pending = undefined;
    await this.writing;
    await rm(this.file, { force: true });
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    const p = this.pending;
    this.pending = undefined;
    if (p) await p();
    await this.writing;
  }
}

function checkHeader(buf: Buffer): string | undefined {
  if (buf.length < HEADER || !buf.subarray(0, MAGIC.length).equals(MAGIC)) return 'not a SparkGraph index file';
  const format = buf.readUInt32LE(MAGIC.length);
  if (format !== CACHE_FORMAT) return `format ${format}, expected ${CACHE_FORMAT}`;
  const length = buf.readUInt32LE(MAGIC.length + 4);
  if (buf.length - HEADER !== length) return `truncated: ${buf.length - HEADER} of ${length} bytes`;
  const sum = createHash('sha1').update(buf.subarray(HEADER)).digest();
  if (!sum.equals(buf.subarray(MAGIC.length + 8, HEADER))) return 'checksum mismatch';
  return undefined;
}

/**
 * The payload is written file by file, hashing as it goes, so saving a large index never holds
 * a second copy of it in memory; the header (length and checksum) is filled in last.
 */
function writeStreamed(path: string, root: string, entries: ReadonlyMap<string, CachedFile>, link: LinkSource | undefined): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.alloc(HEADER));
    const hash = createHash('sha1');
    let length = 0;
    let pending = '';
    const flush = () => {
      const b = Buffer.from(pending);
      hash.update(b);
      writeSync(fd, b);
      length += b.length;
      pending = '';
    };
    pending = `{"root":${JSON.stringify(root)},"files":[`;
    let first = true;
    for (const [p, e] of entries) {
      const { head, rest } = splitFacts(e.facts);
      pending += (first ? '' : ',') + JSON.stringify([p, e.language, e.hash, head, e.surface ?? '', e.stamp ?? 0, rest]);
      first = false;
      if (pending.length > 1 << 20) flush();
    }
    pending += ']';
    if (link) {
      pending += `,"link":{"fingerprint":${JSON.stringify(link.fingerprint)},"shared":${JSON.stringify(link.shared)},"files":[`;
      first = true;
      for (const l of link.links) {
        pending += (first ? '' : ',') + JSON.stringify(l);
        first = false;
        if (pending.length > 1 << 20) flush();
      }
      pending += `],"ids":${JSON.stringify(link.ids)}}`;
    }
    pending += '}';
    flush();
    const header = Buffer.alloc(HEADER);
    MAGIC.copy(header, 0);
    header.writeUInt32LE(CACHE_FORMAT, MAGIC.length);
    header.writeUInt32LE(length, MAGIC.length + 4);
    hash.digest().copy(header, MAGIC.length + 8);
    writeSync(fd, header, 0, HEADER, 0);
  } finally {
    closeSync(fd);
  }
}
