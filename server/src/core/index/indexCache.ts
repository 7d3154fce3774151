import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import type { FileFacts, LanguageId } from '../model';
import type { NodeAttrs } from '../graph/types';
import { isStamp, type Stamp } from '../parsing/fileStamp';
import type { ConfigFingerprint } from '../resolve/resolveHost';
import { lazyFacts, splitFacts, type FactsHead, type JsonText } from '../lazyFacts';
import { isLinkHeadShape, type EncodedLink, type LinkSnapshot } from './linkSnapshot';

// Per-workspace persistence of file facts keyed by content hash. The file carries a magic
// header, a format version, the payload length and a checksum; anything that does not check
// out (truncated, corrupt, older format, another workspace) is discarded, never trusted.

/** Bump whenever FileFacts, any extractor's output or the linker's output changes shape or meaning. */
export const CACHE_FORMAT = 12;
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
  shared: [string, NodeAttrs][];
  /** Each file's link, in the order of the entries saved; a file without one is left out. */
  links: Iterable<[string, EncodedLink]>;
  /** What the links index into; complete once `links` has been iterated. */
  blocks(): { strings: string[]; words: Int32Array; confidences: Float64Array };
}

export interface LoadedCache {
  files: Map<string, CachedFile>;
  link?: LinkSnapshot;
  note?: string;
}

/**
 * The payload is one JSON value per line (JSON.stringify never writes a raw newline):
 *   {"root", "files": n, "link": bool}
 *   n times: [path, language, hash, factsHead, surface, stamp], then its links, then its body
 *   if link: {"fingerprint", "shared"}, then [path, encodedLink] per file, then
 *   {"strings": [...], "words": w, "confidences": c}, and after that line the link's two blocks
 *   as raw bytes: w 32-bit integers, then c 64-bit floats (see linkSnapshot), in the byte order
 *   of the machine that wrote them, which is the one that reads them.
 * Each line is decoded on its own, so loading never holds the whole text as one string, and
 * the links and body of each file's facts are kept as the text they were saved as (see
 * lazyFacts) without being parsed.
 */
interface PayloadHead {
  root: string;
  files: number;
  link: boolean;
}

type FileLine = [string, LanguageId, string, FactsHead, string, Stamp | 0];

class Lines {
  private pos: number;
  constructor(
    private readonly buf: Buffer,
    start: number,
  ) {
    this.pos = start;
  }

  /** The next line as text; running out of lines means the payload is cut short. */
  text(): string {
    const [start, end] = this.span();
    return this.buf.toString('utf8', start, end);
  }

  /** Where the next line's bytes are. */
  span(): [number, number] {
    const end = this.buf.indexOf(10, this.pos);
    if (end < 0) throw new Error('payload ends early');
    const start = this.pos;
    this.pos = end + 1;
    return [start, end];
  }

  json<T>(): T {
    return JSON.parse(this.text()) as T;
  }

  /** Everything after the lines read so far. */
  rest(): Buffer {
    return this.buf.subarray(this.pos);
  }
}

function readPayload(buf: Buffer, root: string): LoadedCache {
  const lines = new Lines(buf, HEADER);
  const head = lines.json<PayloadHead>();
  if (head.root !== root || typeof head.files !== 'number') throw new Error('cache belongs to another workspace');
  const read: [FileLine, links: [number, number], body: [number, number]][] = [];
  let textBytes = 0;
  for (let i = 0; i < head.files; i++) {
    const line = lines.json<FileLine>();
    const links = lines.span();
    const body = lines.span();
    textBytes += links[1] - links[0] + body[1] - body[0];
    read.push([line, links, body]);
  }
  // Links and bodies stay bytes until read (see lazyFacts), copied into a buffer of their own
  // so the rest of the file can go.
  const text = Buffer.allocUnsafeSlow(textBytes);
  let at = 0;
  const keep = ([start, end]: [number, number]): Uint8Array => {
    const from = at;
    at += buf.copy(text, at, start, end);
    return text.subarray(from, at);
  };
  const files = new Map<string, CachedFile>();
  for (const [[path, language, hash, factsHead, surface, stamp], links, body] of read) {
    const entry: CachedFile = { language, hash, facts: lazyFacts(factsHead, keep(links), keep(body)), surface };
    if (isStamp(stamp)) entry.stamp = stamp;
    files.set(path, entry);
  }
  if (!head.link) return { files };
  // The links are an optimisation: if they look wrong, the facts still stand.
  try {
    const meta = lines.json<unknown>();
    if (!isLinkHeadShape(meta)) return { files };
    const links = new Map<string, EncodedLink>();
    for (;;) {
      const line = lines.json<[string, EncodedLink] | { strings: string[]; words: number; confidences: number }>();
      if (Array.isArray(line)) {
        links.set(line[0], line[1]);
        continue;
      }
      const { strings, words, confidences } = line;
      if (!Array.isArray(strings) || !Number.isInteger(words) || !Number.isInteger(confidences) || words < 0 || confidences < 0) return { files };
      const blocks = lines.rest();
      if (blocks.length !== words * 4 + confidences * 8) return { files };
      // Copied out rather than viewed: typed arrays need aligned offsets, and the file can go.
      const w = new Int32Array(words);
      new Uint8Array(w.buffer).set(blocks.subarray(0, words * 4));
      const c = new Float64Array(confidences);
      new Uint8Array(c.buffer).set(blocks.subarray(words * 4));
      return { files, link: { fingerprint: meta.fingerprint, shared: meta.shared, files: links, strings, words: w, confidences: c } };
    }
  } catch {
    return { files };
  }
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

  /**
   * Read in one go, blocking: read while the workspace walk ran, the file's chunks queued
   * behind the walk's many stat calls and decoding it held up the walk's callbacks, which
   * made a warm start of the 500k-line monorepo ~60 ms slower than reading before walking.
   */
  load(): LoadedCache {
    let buf: Buffer;
    try {
      buf = readFileSync(this.file);
    } catch {
      return { files: new Map() };
    }
    const problem = checkHeader(buf);
    if (problem) {
      this.discard();
      return { files: new Map(), note: `discarded the index cache (${problem}); rebuilt from source` };
    }
    try {
      return readPayload(buf, this.root);
    } catch (e) {
      this.discard();
      return { files: new Map(), note: `discarded the index cache (${(e as Error).message}); rebuilt from source` };
    }
  }

  /** A cache that is not used goes; one that cannot be removed is replaced by the next save. */
  private discard(): void {
    try {
      rmSync(this.file, { force: true });
    } catch {
      // A read-only cache folder: the index is rebuilt all the same.
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
 * a second copy of it in memory; the header (length and checksum) is filled in last. Lines are
 * encoded into one reused buffer: concatenating them into megabyte strings first left each
 * string and its bytes as garbage only a full collection frees, tens of megabytes at the peak.
 */
function writeStreamed(path: string, root: string, entries: ReadonlyMap<string, CachedFile>, link: LinkSource | undefined): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.alloc(HEADER));
    const hash = createHash('sha1');
    const buf = Buffer.allocUnsafe(1 << 20);
    let used = 0;
    let length = 0;
    const emit = (bytes: Buffer) => {
      hash.update(bytes);
      writeSync(fd, bytes);
      length += bytes.length;
    };
    const flush = () => {
      if (used) emit(buf.subarray(0, used));
      used = 0;
    };
    const line = (text: JsonText) => {
      // Three bytes per UTF-16 unit is the most UTF-8 can need: no need to measure a string first.
      const room = (typeof text === 'string' ? text.length * 3 : text.length) + 1;
      if (used + room > buf.length) flush();
      if (room > buf.length) emit(typeof text === 'string' ? Buffer.from(text) : Buffer.from(text.buffer, text.byteOffset, text.byteLength));
      else if (typeof text === 'string') used += buf.write(text, used, 'utf8');
      else {
        buf.set(text, used);
        used += text.length;
      }
      buf[used++] = 10;
    };
    line(JSON.stringify({ root, files: entries.size, link: !!link } satisfies PayloadHead));
    for (const [p, e] of entries) {
      const { head, links, body } = splitFacts(e.facts);
      line(JSON.stringify([p, e.language, e.hash, head, e.surface ?? '', e.stamp ?? 0] satisfies FileLine));
      line(links);
      line(body);
    }
    if (link) {
      line(JSON.stringify({ fingerprint: link.fingerprint, shared: link.shared }));
      for (const l of link.links) line(JSON.stringify(l));
      const { strings, words, confidences } = link.blocks();
      line(JSON.stringify({ strings, words: words.length, confidences: confidences.length }));
      flush();
      emit(Buffer.from(words.buffer, words.byteOffset, words.byteLength));
      emit(Buffer.from(confidences.buffer, confidences.byteOffset, confidences.byteLength));
    }
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
