import { RANKING } from './ranking';
import { stem } from './stem';
import { synonymsOf } from './synonyms';
import { expandAbbreviation, identifiers, isStopWord, splitIdentifier, terms } from './tokenize';

// A question as retrieval sees it: concepts (each a word of the question with the stems that
// count for it — itself at full weight, its synonyms at less), the identifiers it names
// verbatim, and hints (asks about tests? about a class?).

export interface Concept {
  /** The word as the question wrote it. */
  word: string;
  stem: string;
  /** [stem, weight], the word's own stem first. */
  stems: [string, number][];
}

export interface ParsedQuery {
  concepts: Concept[];
  /** Identifiers written as code (`verifyToken`, `JWT_SECRET`, `Repo.save`). */
  identifiers: string[];
  wantsTests: boolean;
  kindHint?: 'class' | 'function';
}


// Words that frame a question rather than say what it is about.
const META = new Set(
  [
    'where', 'handled', 'handles', 'handling', 'defined', 'define', 'definition', 'implemented', 'implement', 'implementation', 'code',
    'located', 'location', 'happen', 'happens', 'done', 'logic', 'find', 'look', 'show', 'place', 'places', 'part',
    'lives', 'live', 'perform', 'performed', 'performs', 'deal', 'deals', 'take', 'takes', 'care', 'occur', 'occurs', 'thing',
    'stuff', 'somewhere', 'codebase', 'repo', 'repository', 'project', 'module', 'function', 'functions', 'method', 'methods',
    'class', 'classes', 'file', 'files', 'want', 'need', 'know', 'tell', 'see', 'get', 'gets', 'got', 'put', 'decide', 'decides', 'decided',
    'actually', 'exactly', 'please', 'one', 'ones', 'way', 'ways', 'work', 'works', 'working', 'make', 'makes', 'made',
  ].map((w) => stem(w)),
);
// `get` and `put` are meta in prose ("where do we get the user") but real in code; a question
// that writes them in an identifier keeps them.

export function parseQuery(text: string): ParsedQuery {
  const ids: string[] = [];
  for (const m of text.matchAll(/`([^`]+)`|([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+|[a-z]+[A-Z][\w$]*|[A-Z][a-z0-9]+[A-Z][\w$]*|[A-Za-z]+_[\w$]+)/g)) {
    ids.push((m[1] ?? m[2]).trim());
  }
  const concepts: Concept[] = [];
  const seen = new Set<string>();
  const codeWords = new Set(ids.flatMap((i) => splitIdentifier(i)));
  for (const raw of identifiers(text)) {
    for (const part of splitIdentifier(raw)) {
      if (part.length < 2 || isStopWord(part) || /^[0-9]+$/.test(part)) continue;
      const s = stem(expandAbbreviation(part));
      if (META.has(s) && !codeWords.has(part)) continue;
      if (seen.has(s)) continue;
      seen.add(s);
      const stems: [string, number][] = [[s, 1]];
      for (const syn of synonymsOf(s)) stems.push([syn, RANKING.synonymWeight]);
      concepts.push({ word: part, stem: s, stems });
    }
  }
  // A compound written apart in code may be one word in the question ("signin" vs `signIn`)
  // and vice versa; terms() already yields joined compounds for identifiers.
  for (const id of ids) {
    for (const t of terms(id)) {
      if (seen.has(t)) continue;
      seen.add(t);
      concepts.push({ word: t, stem: t, stems: [[t, 1]] });
    }
  }
  const lower = text.toLowerCase();
  const wantsTests = /\b(tests?|tested|testing|specs?|unit tests?|fixtures?)\b/.test(lower);
  const kindHint = /\bclass(es)?\b/.test(lower) ? 'class' : /\b(function|method)s?\b/.test(lower) ? 'function' : undefined;
  return { concepts, identifiers: ids, wantsTests, kindHint };
}
