import type { FileFacts } from './model';

// Facts held as JSON text until something reads them. A file's facts fall in three parts:
// the head (symbols and counts), needed at once to put the file in the graph; its links
// (imports, exports, heritage, bindings), which other files' links consult; and its body (calls
// and references), which only linking the file itself reads — the bulk of the facts, and
// garbage again as soon as the link is made. Parsed facts from workers keep their body as
// text, and the index lets a body go back to text after each link (releaseBody): on a
// 500k-line workspace that is ~45 MB less heap at the peak of a build. Reopening a workspace
// keeps links and body as the text they were saved as; a part never read is saved verbatim.
// That text may be UTF-8 bytes (JsonText): bytes live outside the JavaScript heap, so the tens
// of megabytes of a big workspace's saved parts are neither copied into strings when read from
// disk or a worker nor copied again by every young-generation collection while they wait.

const LINK_KEYS = ['imports', 'exports', 'heritage', 'bindings'] as const;
const BODY_KEYS = ['calls', 'references'] as const;
type LinkKey = (typeof LINK_KEYS)[number];
type BodyKey = (typeof BODY_KEYS)[number];
/** JSON as a string or as its UTF-8 bytes. */
export type JsonText = string | Uint8Array;
export type FactsHead = Omit<FileFacts, LinkKey | BodyKey>;
export type FactsLinks = Pick<FileFacts, LinkKey>;
export type FactsBody = Pick<FileFacts, BodyKey>;

/** One lazily parsed part: its text, what it parsed to, and whether it was changed since. */
class Part<K extends string> {
  private value: Record<K, unknown[]> | undefined;
  private changed = false;

  constructor(
    private readonly keys: readonly K[],
    private text: JsonText | undefined,
    value?: Record<K, unknown[]>,
  ) {
    this.value = value;
  }

  get(key: K): unknown[] {
    return this.load()[key];
  }

  set(key: K, v: unknown[]): void {
    this.load()[key] = v;
    this.changed = true;
    // The text no longer says what the facts are: never save it or go back to it.
    this.text = undefined;
  }

  /** The part as JSON: the text it came from while that still holds. */
  json(): JsonText {
    if (this.text !== undefined) return this.text;
    const v = this.load();
    const out: Record<string, unknown[]> = {};
    for (const k of this.keys) out[k] = v[k];
    return JSON.stringify(out);
  }

  /** Forget the parsed value if the text can give it back. */
  release(): void {
    if (!this.changed && this.text !== undefined) this.value = undefined;
  }

  private load(): Record<K, unknown[]> {
    if (this.value) return this.value;
    let parsed: Record<string, unknown> = {};
    try {
      const v = JSON.parse(this.text === undefined ? '{}' : jsonString(this.text)) as unknown;
      if (v && typeof v === 'object') parsed = v as Record<string, unknown>;
    } catch {
      parsed = {};
    }
    const value = {} as Record<K, unknown[]>;
    for (const k of this.keys) value[k] = Array.isArray(parsed[k]) ? (parsed[k] as unknown[]) : [];
    this.value = value;
    return value;
  }
}

const PARTS = Symbol('sparkgraph.lazyFactParts');

interface Lazy {
  [PARTS]?: { links: Part<LinkKey>; body: Part<BodyKey> };
}

/** Facts whose links and body are parsed from JSON text on first access (damaged text reads as empty). */
export function lazyFacts(head: FactsHead, links: JsonText | FactsLinks, body: JsonText | FactsBody): FileFacts {
  const facts = head as FileFacts & Lazy;
  const parts = {
    links: isJsonText(links) ? new Part(LINK_KEYS, links) : new Part(LINK_KEYS, undefined, { ...links }),
    body: isJsonText(body) ? new Part(BODY_KEYS, body) : new Part(BODY_KEYS, undefined, { ...body }),
  };
  Object.defineProperty(facts, PARTS, { value: parts, enumerable: false });
  const define = <K extends string>(keys: readonly K[], part: Part<K>) => {
    for (const key of keys) {
      Object.defineProperty(facts, key, {
        enumerable: true,
        configurable: true,
        get: () => part.get(key),
        set: (v: unknown[]) => part.set(key, v),
      });
    }
  };
  define(LINK_KEYS, parts.links);
  define(BODY_KEYS, parts.body);
  return facts;
}

/** Facts split for saving: the head as a value, links and body as JSON (verbatim if never changed). */
export function splitFacts(facts: FileFacts): { head: FactsHead; links: JsonText; body: JsonText } {
  // Field by field: reading a lazy part would parse it.
  const head: FactsHead = { language: facts.language, symbols: facts.symbols, errorCount: facts.errorCount, lineCount: facts.lineCount };
  const parts = (facts as Lazy)[PARTS];
  if (parts) return { head, links: parts.links.json(), body: parts.body.json() };
  const { imports, exports, heritage, bindings, calls, references } = facts;
  return { head, links: JSON.stringify({ imports, exports, heritage, bindings }), body: JSON.stringify({ calls, references }) };
}

/** A body parsed from text goes back to being text; the next read parses it again. */
export function releaseBody(facts: FileFacts): void {
  (facts as Lazy)[PARTS]?.body.release();
}

/** The body of freshly extracted facts as JSON, and the facts without it (what a parse worker sends). */
export function detachBody(facts: FileFacts): { rest: Omit<FileFacts, BodyKey>; body: string } {
  const { calls, references, ...rest } = facts;
  return { rest, body: JSON.stringify({ calls, references }) };
}

/** The inverse of detachBody on the receiving side: the body stays text until read. */
export function attachBody(rest: Omit<FileFacts, BodyKey>, body: JsonText): FileFacts {
  const { imports, exports, heritage, bindings, ...head } = rest;
  return lazyFacts(head, { imports, exports, heritage, bindings }, body);
}

function isJsonText(v: unknown): v is JsonText {
  return typeof v === 'string' || v instanceof Uint8Array;
}

/** The text of JSON held either way. */
export function jsonString(text: JsonText): string {
  return typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
}
