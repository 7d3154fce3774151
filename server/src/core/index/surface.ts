import { createHash } from 'node:crypto';
import type { FileFacts } from '../model';

// The part of a file's facts other files can observe while linking: its declarations, exports,
// imports (re-exports pass through them), heritage, and the bindings another file's lookups can
// reach — module-level aliases and instances, class fields (`this.repo`), and the scopes that
// enclose a class (its bases resolve there). Calls, references, ranges and the locals and
// typed parameters of functions are private to the file, so an edit that changes only those
// (typing in a function body or parameter list) re-links the file alone.

export function surfaceOf(facts: FileFacts): string {
  // One string hashed at once: the same digest as hashing each piece in turn, without a call
  // into the hash per piece (every parse worker does this for every file).
  let text = '';
  for (const s of facts.symbols) text += `s${s.qname}\0${s.name}\0${s.kind}\0${s.exported ? 1 : 0}\0${s.parent ?? ''}\n`;
  for (const i of facts.imports) {
    text += `i${i.kind}\0${i.specifier}\0${i.typeOnly ? 1 : 0}`;
    for (const b of i.bindings) text += `\0${b.imported}=${b.local}`;
    text += '\n';
  }
  for (const e of facts.exports) text += `e${e.name}\0${e.local}\n`;
  for (const x of facts.heritage) text += `h${x.symbol}\0${x.kind}\0${x.target.join('.')}\n`;
  const visible = visibleScopes(facts);
  for (const b of facts.bindings) {
    if (b.scope !== null && !visible.has(b.scope)) continue;
    text += `b${b.scope ?? ''}\0${b.name}\0${b.via}\0${b.target.join('.')}\n`;
  }
  return createHash('sha1').update(text).digest('base64');
}

/** Classes and every scope that encloses a class. */
function visibleScopes(facts: FileFacts): Set<string> {
  const parents = new Map<string, string | undefined>();
  for (const s of facts.symbols) parents.set(s.qname, s.parent);
  const out = new Set<string>();
  for (const s of facts.symbols) {
    if (s.kind !== 'class' && s.kind !== 'interface') continue;
    for (let q: string | undefined = s.qname; q !== undefined && !out.has(q); q = parents.get(q)) out.add(q);
  }
  return out;
}
