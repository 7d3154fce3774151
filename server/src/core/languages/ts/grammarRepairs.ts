// tree-sitter-typescript 0.23.2 (the newest on npm) misparses two things modern TypeScript
// writes all the time, and when it does, error recovery can turn a whole file into one ERROR
// node — in effect's sources, 185 of 572 files, Effect.ts (28k lines) among them:
//  - call signatures with type parameters that follow another member on a new line without a
//    `;` (`{ (a: A): X⏎ <T>(t: T): T }`, how overloads are usually written);
//  - variance annotations on type parameters (`interface Effect<out A, in out R>`).
// The repair rewrites the text without changing its length — an indentation space before such
// a signature becomes `;`, a variance keyword becomes spaces — so every offset, line and
// column of the rewrite is the original's: the tree of the rewrite describes the original, and
// facts are still read from the original text. Only plain TypeScript is repaired; in TSX a
// line starting with `<` is usually an element.

/** What may end a line that a signature line continues rather than follows. */
const CONTINUES = /[;,(\[{=|&<?:+\-*/%!~^.]$/;
const CONTINUING_WORDS = new Set(['extends', 'keyof', 'typeof', 'as', 'satisfies', 'in', 'of', 'new', 'return', 'yield', 'await']);

/** Offsets of the indentation characters that become `;`. */
export function signatureSeparators(text: string): number[] {
  const out: number[] = [];
  let prevEnd = '';
  let prevWord = '';
  let inComment = false;
  const n = text.length;
  for (let i = 0; i < n; ) {
    let e = text.indexOf('\n', i);
    if (e < 0) e = n;
    let s = i;
    while (s < e && (text[s] === ' ' || text[s] === '\t')) s++;
    if (inComment) {
      inComment = !text.slice(s, e).includes('*/');
    } else if (text.startsWith('//', s)) {
      // A comment line says nothing about how the previous member ended.
    } else if (text.startsWith('/*', s)) {
      inComment = !text.slice(s + 2, e).includes('*/');
    } else if (s < e) {
      if (text[s] === '<' && s > i && prevEnd !== '') {
        const next = s + 1 < e ? text[s + 1] : '';
        const opensParams = next === '' || next === '\r' || /[A-Za-z_$]/.test(next);
        const continues = CONTINUES.test(prevEnd) || prevEnd.endsWith('=>') || CONTINUING_WORDS.has(prevWord);
        if (opensParams && !continues) out.push(s - 1);
      }
      let t = e;
      while (t > s && /\s/.test(text[t - 1])) t--;
      prevEnd = text.slice(Math.max(s, t - 2), t);
      prevWord = /[A-Za-z_$][\w$]*$/.exec(text.slice(Math.max(s, t - 20), t))?.[0] ?? '';
    }
    i = e + 1;
  }
  return out;
}

const VARIANCE = /([<,]\s*)(in\s+out|in|out)(?=\s+[A-Za-z_$][\w$]*\s*(?:[,>=]|extends\b))/g;

/** Anything the repairs could apply to: a signature line's `<` or a variance keyword. */
const MAYBE = /\n[ \t]+<|[<,]\s*(?:in|out)\s/;

/** The text as the grammar can read it, same length; the text itself when nothing applies. */
export function repairTypeScript(text: string): string {
  // Runs on every keystroke in a TypeScript buffer: most files have nothing to repair, and one
  // native scan says so at a tenth of the cost of the line-by-line pass.
  if (!MAYBE.test(text)) return text;
  let out = text.replace(VARIANCE, (_m, lead: string, modifier: string) => lead + ' '.repeat(modifier.length));
  const at = signatureSeparators(out);
  if (at.length) {
    let joined = '';
    let last = 0;
    for (const p of at) {
      joined += out.slice(last, p) + ';';
      last = p + 1;
    }
    out = joined + out.slice(last);
  }
  return out;
}
