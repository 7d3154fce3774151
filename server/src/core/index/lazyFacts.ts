import type { FileFacts } from '../model';

// Facts read back from the cache are split in two: what putting a file in the graph needs at
// once (its symbols and counts) and the rest (imports, exports, calls, references, bindings,
// heritage), kept as the JSON text it was saved as and parsed the first time anything reads
// it. Reopening a workspace then builds millions fewer objects — most files are never
// re-linked in a session — and a file whose rest was never read is saved again verbatim.

const REST_KEYS = ['imports', 'exports', 'calls', 'heritage', 'references', 'bindings'] as const;
type RestKey = (typeof REST_KEYS)[number];
export type FactsHead = Omit<FileFacts, RestKey>;
type FactsRest = Pick<FileFacts, RestKey>;

const RAW = Symbol('sparkgraph.rawFactsRest');

interface Lazy {
  [RAW]?: string;
}

/** The head of `facts` and its rest as JSON (the text saved, if it was never parsed). */
export function splitFacts(facts: FileFacts): { head: FactsHead; rest: string } {
  // Field by field: touching a rest field of lazy facts would parse it.
  const head = { language: facts.language, symbols: facts.symbols, errorCount: facts.errorCount, lineCount: facts.lineCount };
  const raw = (facts as Lazy)[RAW];
  if (raw !== undefined) return { head, rest: raw };
  const { imports, exports, calls, heritage, references, bindings } = facts;
  return { head, rest: JSON.stringify({ imports, exports, calls, heritage, references, bindings }) };
}

/** Facts whose rest is parsed from `rest` on first access (a malformed rest reads as empty). */
export function lazyFacts(head: FactsHead, rest: string): FileFacts {
  const facts = head as FileFacts & Lazy;
  let parsed: FactsRest | undefined;
  Object.defineProperty(facts, RAW, { value: rest, writable: true, configurable: true, enumerable: false });
  const load = (): FactsRest => {
    if (parsed) return parsed;
    let value: Partial<FactsRest> = {};
    try {
      const v = JSON.parse(rest) as unknown;
      if (v && typeof v === 'object') value = v as Partial<FactsRest>;
    } catch {
      value = {};
    }
    parsed = {
      imports: arrayOr(value.imports),
      exports: arrayOr(value.exports),
      calls: arrayOr(value.calls),
      heritage: arrayOr(value.heritage),
      references: arrayOr(value.references),
      bindings: arrayOr(value.bindings),
    };
    // Once parsed, the text is no longer what the facts are: never save it in their place.
    facts[RAW] = undefined;
    return parsed;
  };
  for (const key of REST_KEYS) {
    Object.defineProperty(facts, key, {
      enumerable: true,
      configurable: true,
      get: () => load()[key],
      set: (v: never) => {
        load()[key] = v;
      },
    });
  }
  return facts;
}

function arrayOr<T>(v: T[] | undefined): T[] {
  return Array.isArray(v) ? v : [];
}
