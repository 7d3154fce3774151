import type { Range } from '../../model';

// Reading names straight from the source string is much cheaper than asking the tree for
// children (every node access crosses into wasm). Tree-sitter positions for a JS string
// are UTF-16 code units, the same unit as string indices, so the two agree.

function isIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 127;
}

function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c > 127;
}

/** End of the identifier starting at `i` (equal to `i` when there is none). */
export function identEnd(src: string, i: number): number {
  while (isIdentChar(src.charCodeAt(i))) i++;
  return i;
}

export function identAt(src: string, i: number): string {
  return src.slice(i, identEnd(src, i));
}

/** Skips spaces and tabs: what may separate tokens on one logical line. */
export function skipSpaces(src: string, i: number): number {
  for (let c = src.charCodeAt(i); c === 32 || c === 9; c = src.charCodeAt(++i));
  return i;
}

/** Skips blanks, newlines and backslash line continuations (all legal inside a dotted chain in brackets). */
function skipBlank(src: string, i: number): number {
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12) i++;
    else if (c === 92 && (src.charCodeAt(i + 1) === 10 || src.charCodeAt(i + 1) === 13)) i += 2;
    else return i;
  }
}

/** True when the identifier at `i` is preceded by `.`: an attribute name, never a name of its own. */
export function followsDot(src: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0) {
    const c = src.charCodeAt(j);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 92) j--;
    // The last dot of `...` (a stub's body, say) ends a statement, it does not reach a member.
    else return c === 46 && src.charCodeAt(j - 1) !== 46;
  }
  return false;
}

export interface Chain {
  path: string[];
  /** Index just past the last name. */
  end: number;
}

/** The dotted name `a.b.c` starting at `i`; stops at the first thing that is not `.name`. */
export function scanChain(src: string, i: number): Chain {
  const path: string[] = [];
  let end = i;
  for (;;) {
    const e = identEnd(src, i);
    if (e === i || !isIdentStart(src.charCodeAt(i))) break;
    path.push(src.slice(i, e));
    end = e;
    const dot = skipBlank(src, e);
    if (src.charCodeAt(dot) !== 46) break;
    i = skipBlank(src, dot + 1);
  }
  return { path, end };
}

/** Range of src[start, end) given the position of `start` (chains and names rarely span lines). */
export function rangeFrom(src: string, start: number, row: number, column: number, end: number): Range {
  let endRow = row;
  let lineStart = start - column;
  for (let nl = src.indexOf('\n', start); nl !== -1 && nl < end; nl = src.indexOf('\n', nl + 1)) {
    endRow++;
    lineStart = nl + 1;
  }
  return [row, column, endRow, end - lineStart];
}

export function countLines(src: string): number {
  if (src.length === 0) return 0;
  let n = 0;
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) n++;
  return src.charCodeAt(src.length - 1) === 10 ? n : n + 1;
}

const SIGNATURE_MAX = 200;

/** One line, whitespace collapsed, without padding inside brackets, at most 200 characters. */
export function oneLine(text: string): string {
  // A trailing comma before a closing bracket on its own line is layout, `(1,)` is not.
  let s = text.replace(/\\\r?\n/g, ' ').replace(/,\s+([)\]}])/g, '$1').replace(/\s+/g, ' ').trim();
  s = s.replace(/([([{]) /g, '$1').replace(/ ([)\]}])/g, '$1');
  return s.length > SIGNATURE_MAX ? s.slice(0, SIGNATURE_MAX - 1) + '…' : s;
}

/** Reads enough of a possibly huge statement to fill a signature. */
export function signatureSlice(src: string, start: number, end: number): string {
  return src.slice(start, Math.min(end, start + SIGNATURE_MAX * 4));
}

const STRING_PREFIX = /^[rRuUbBfF]{0,2}/;

/**
 * The value of a plain string literal as written (escapes are left alone: this is for
 * names in `__all__` and for docstrings, which are read by people).
 */
export function stringLiteralValue(literal: string): string | undefined {
  const prefix = STRING_PREFIX.exec(literal)![0];
  const body = literal.slice(prefix.length);
  const q = body.startsWith('"""') || body.startsWith("'''") ? body.slice(0, 3) : body.slice(0, 1);
  if (q !== '"' && q !== "'" && q !== '"""' && q !== "'''") return undefined;
  if (body.length < q.length * 2 || !body.endsWith(q)) return undefined;
  return body.slice(q.length, body.length - q.length);
}

/** Docstring text cleaned like `inspect.cleandoc`: common indentation and blank edges removed. */
export function cleanDocstring(literal: string): string | undefined {
  const raw = stringLiteralValue(literal);
  if (raw === undefined) return undefined;
  const lines = raw.replace(/\r\n?/g, '\n').replace(/\t/g, '        ').split('\n');
  let indent = Infinity;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const content = line.trimStart();
    if (content.length > 0) indent = Math.min(indent, line.length - content.length);
  }
  lines[0] = lines[0]!.trimStart();
  if (indent !== Infinity) for (let i = 1; i < lines.length; i++) lines[i] = lines[i]!.slice(indent);
  const doc = lines.map((l) => l.trimEnd()).join('\n').trim();
  return doc.length > 0 ? doc : undefined;
}

const CHAIN = String.raw`[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*(?:\s*\.\s*[A-Za-z_\u0080-\uffff][\w\u0080-\uffff]*)*`;
const SIMPLE_TYPE = new RegExp(String.raw`^(?:${CHAIN}\s*\.\s*)?Optional\s*\[\s*(${CHAIN})\s*\]$|^(${CHAIN})\s*\|\s*None$|^None\s*\|\s*(${CHAIN})$|^(${CHAIN})$`);

/**
 * The class an annotation names, when it names exactly one: `Repo`, `mod.Repo`,
 * `Optional[Repo]`, `Repo | None`. Anything else (unions, generics, strings) says nothing.
 */
export function annotationTarget(annotation: string): string[] | undefined {
  const m = SIMPLE_TYPE.exec(annotation.trim());
  if (!m) return undefined;
  const chain = m[1] ?? m[2] ?? m[3] ?? m[4]!;
  if (chain === 'None') return undefined;
  return chain.split('.').map((s) => s.trim());
}
