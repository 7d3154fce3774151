// tree-sitter-typescript 0.23.2 (the newest on npm) misparses things modern TypeScript
// writes all the time, and when it does, error recovery can turn a whole file into one ERROR
// node — in effect's sources, 185 of 572 files, Effect.ts (28k lines) and Schema.ts (17k) among
// them:
//  - call signatures with type parameters that follow another member on a new line without a
//    `;` (`{ (a: A): X⏎ <T>(t: T): T }`, how overloads are usually written), and members named
//    like an operator that continues an expression (`{ name: string⏎ in: "query" }`);
//  - variance annotations on type parameters (`interface Effect<out A, in out R>`);
//  - an escaped backtick in a template literal type (`\`Self\``);
//  - type arguments of a tagged template (sql<{ count: number }>`SELECT …`);
//  - `as` as a variable name (`let as = …`).
// The repair rewrites the text without changing its length — an indentation space before such
// a signature or member becomes `;`, a variance keyword or a tag's type arguments become
// spaces, an escaped backtick two underscores, the declared `as` `a_` — so every offset, line
// and column of the rewrite is the original's: the tree of the rewrite describes the original,
// and facts are still read from the original text. Only plain TypeScript is repaired; in TSX a
// line starting with `<` is usually an element.

/** What may end a line that a signature line continues rather than follows. */
const CONTINUES = /[;,(\[{=|&<?:+\-*/%!~^.]$/;
const CONTINUING_WORDS = new Set(['extends', 'keyof', 'typeof', 'as', 'satisfies', 'in', 'of', 'new', 'return', 'yield', 'await']);

/** A member whose name the grammar would read as an operator continuing the previous line. */
const OPERATOR_MEMBER = /^(?:in|as|satisfies|instanceof)\??\s*:/;

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
      if (s > i && prevEnd !== '') {
        let starts = false;
        if (text[s] === '<') {
          const next = s + 1 < e ? text[s + 1] : '';
          starts = next === '' || next === '\r' || /[A-Za-z_$]/.test(next);
        } else starts = OPERATOR_MEMBER.test(text.slice(s, Math.min(e, s + 16)));
        const continues = CONTINUES.test(prevEnd) || prevEnd.endsWith('=>') || CONTINUING_WORDS.has(prevWord);
        if (starts && !continues) out.push(s - 1);
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

/**
 * Anything the repairs could apply to: a signature line's `<`, a member named `in` (or `as`, …),
 * a variance keyword, a backtick after `\` or `>`, a variable named `as`.
 */
const MAYBE = /\n[ \t]+(?:<|(?:in|as|satisfies|instanceof)\??\s*:)|[<,]\s*(?:in|out)\s|[\\>]`|\b(?:let|const|var)\s+as\b/;

/** A line that could start a signature or a member the grammar misreads (see signatureSeparators). */
const SIGNATURE_LINE = /\n[ \t]+(?:<|(?:in|as|satisfies|instanceof)\??\s*:)/;

/** `as` declared as a variable: the grammar only reads it as a keyword there. */
const AS_VARIABLE = /\b((?:let|const|var)\s+)as(?=\s*[=;,:])/g;

/** How far back from `>` a tag's type arguments may start; longer ones are left as they are. */
const MAX_TAG_ARGUMENTS = 2000;

/**
 * Spans [start, end) of `<…>` right before a backtick and right after a tag (`sql<T>`…``):
 * found from the `>`, back to its `<` (an arrow's `=>` is not a bracket), which must follow a
 * name, `)` or `]`. A backtick or a lone `=` on the way means this `>` closes no type arguments.
 */
export function tagTypeArguments(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let gt = text.indexOf('>`'); gt >= 0; gt = text.indexOf('>`', gt + 2)) {
    // `=>` before a template is an arrow returning it.
    if (text[gt - 1] === '=') continue;
    let depth = 0;
    let lt = -1;
    for (let i = gt; i >= 0 && gt - i <= MAX_TAG_ARGUMENTS; i--) {
      const c = text[i];
      if (c === '>' && text[i - 1] !== '=') depth++;
      else if (c === '<' && --depth === 0) {
        lt = i;
        break;
      } else if (c === '`' || (c === '=' && text[i + 1] !== '>')) break; // neither occurs in type arguments
    }
    if (lt > 0 && /[\w$)\]]/.test(text[lt - 1])) out.push([lt, gt + 1]);
  }
  return out;
}

/** Offsets of backticks escaped by a backslash (an odd run of them). */
function escapedBackticks(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\\`'); i >= 0; i = text.indexOf('\\`', i + 2)) {
    let run = 1;
    while (i - run >= 0 && text[i - run] === '\\') run++;
    if (run % 2 === 1) out.push(i);
  }
  return out;
}

/** The text as the grammar can read it, same length; the text itself when nothing applies. */
export function repairTypeScript(text: string): string {
  // Runs on every keystroke in a TypeScript buffer: most files have nothing to repair, and one
  // native scan says so at a tenth of the cost of the line-by-line pass.
  if (!MAYBE.test(text)) return text;
  const out = text.replace(VARIANCE, (_m, lead: string, modifier: string) => lead + ' '.repeat(modifier.length)).replace(AS_VARIABLE, '$1a_');
  const spans: [number, number, string][] = [];
  for (const i of escapedBackticks(out)) spans.push([i, i + 2, '__']);
  for (const [a, b] of tagTypeArguments(out)) spans.push([a, b, out.slice(a, b).replace(/[^\n\r]/g, ' ')]);
  // The line-by-line pass only where a line could start such a signature or member.
  if (SIGNATURE_LINE.test(out)) for (const p of signatureSeparators(out)) spans.push([p, p + 1, ';']);
  return replaceSpans(out, spans);
}

/** `text` with each [start, end) replaced (same length); a span overlapping an earlier one is skipped. */
function replaceSpans(text: string, spans: [number, number, string][]): string {
  if (spans.length === 0) return text;
  spans.sort((x, y) => x[0] - y[0]);
  let joined = '';
  let last = 0;
  for (const [a, b, replacement] of spans) {
    if (a < last) continue;
    joined += text.slice(last, a) + replacement;
    last = b;
  }
  return joined + text.slice(last);
}
