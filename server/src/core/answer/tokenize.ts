import { stem } from './stem';

// Words as programmers write them: `getUserById`, `JWT_SECRET`, `user-profile`, `parseHTTPResponse`
// all become their parts, lower-cased. Identifiers are split at case changes, digits, `_`, `-`,
// `.`, `/` and every other non-letter, so code, paths, prose and string literals share one vocabulary.

/** Parts of one identifier (or any run of text): `parseHTTPResponse` → parse, http, response. */
export function splitIdentifier(word: string): string[] {
  const out: string[] = [];
  // Lower→Upper boundaries, acronym→Word boundaries, letter↔digit boundaries.
  const spaced = word
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])([0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2');
  for (const part of spaced.split(/[^A-Za-z0-9]+/)) {
    if (part) out.push(part.toLowerCase());
  }
  return out;
}

// Words that carry no meaning in a question or in code prose. Kept short on purpose: `get`,
// `set`, `new` and `file` are words a question about code may really be about.
const STOP = new Set(
  (
    'a an and are as at be been but by can could did do does doing for from had has have how i if in into is it its ' +
    'me my of on or our should so than that the their them then there these this those to was we were what when ' +
    'where which while who whom why will with would you your us any all some such whose here just also ' +
    'x y z s t d e n'
  ).split(' '),
);

export function isStopWord(w: string): boolean {
  return STOP.has(w);
}

/** Raw words of a text (identifiers kept whole), for callers that need the original spelling. */
export function identifiers(text: string): string[] {
  return text.match(/[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+/g) ?? [];
}

// Abbreviations programmers write for the same word, spelled out before stemming so that
// `envVar`, `cfg` and "environment configuration" meet on one term.
const ABBREVIATIONS: Record<string, string> = {
  env: 'environment', envs: 'environment', cfg: 'configuration', conf: 'configuration', config: 'configuration', configs: 'configuration',
  db: 'database', dbs: 'database', err: 'error', errs: 'error', msg: 'message', msgs: 'message', req: 'request', ctx: 'context',
  fn: 'function', func: 'function', init: 'initialize', impl: 'implementation', str: 'string', num: 'number', dir: 'directory',
  dirs: 'directory', tmp: 'temporary', temp: 'temporary', arg: 'argument', args: 'argument', param: 'parameter', params: 'parameter',
  attr: 'attribute', attrs: 'attribute', val: 'value', vals: 'value', prev: 'previous', idx: 'index', len: 'length', util: 'utility',
  utils: 'utility', repo: 'repository', repos: 'repository', perm: 'permission', perms: 'permission', pwd: 'password', passwd: 'password',
  millis: 'milliseconds', ms: 'milliseconds', auth: 'authentication', authn: 'authentication', authz: 'authorization', tx: 'transaction',
  txn: 'transaction', sub: 'subscriber', pub: 'publish', src: 'source', dst: 'destination', dest: 'destination', doc: 'document', docs: 'document',
  spec: 'specification', stmt: 'statement', conn: 'connection', mgr: 'manager', svc: 'service', addr: 'address', cb: 'callback',
};

export function expandAbbreviation(part: string): string {
  return ABBREVIATIONS[part] ?? part;
}

/** Index terms of a text: identifier parts, lower-cased, stop words dropped, stemmed. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const id of identifiers(text)) for (const t of identifierTerms(id)) out.push(t);
  return out;
}

// Code repeats the same identifiers endlessly; splitting and stemming each once is most of the
// cost of indexing a large workspace.
const idCache = new Map<string, readonly string[]>();

/** Drop the memo (after a bulk build it holds every identifier of the workspace). */
export function forgetIdentifierTerms(): void {
  idCache.clear();
}

export function identifierTerms(id: string): readonly string[] {
  let cached = idCache.get(id);
  if (cached === undefined) {
    cached = computeIdentifierTerms(id);
    if (idCache.size > 200_000) idCache.clear();
    // A long identifier matched out of a file's text is a slice of that text: copied, so the
    // cache does not keep whole files alive.
    idCache.set(id.length > 12 ? (' ' + id).slice(1) : id, cached);
  }
  return cached;
}

function computeIdentifierTerms(id: string): string[] {
  const out: string[] = [];
  {
    const parts = splitIdentifier(id);
    for (const p of parts) {
      if (p.length < 2 || isStopWord(p) || /^[0-9]+$/.test(p)) continue;
      out.push(stem(expandAbbreviation(p)));
    }
    // A compound also counts as itself (`jsonwebtoken`, `userid`), so a question that writes
    // it as one word still finds it.
    if (parts.length > 1 && parts.length <= 4) {
      const joined = parts.join('');
      if (joined.length <= 24) out.push(stem(joined));
    }
  }
  return out;
}
