import type { Family } from './scopes';

// Where the comments and string literals of a file are, from one linear scan of its text.
// Reporting mentions of a name in strings and comments across many files must not cost a
// full parse of each; this is the cheap approximation (a regex literal that looks like
// division may be misread, which only affects what is reported, never an edit).

export interface Span {
  start: number;
  end: number;
  kind: 'comment' | 'string';
}

export function lexicalSpans(text: string, family: Family): Span[] {
  return family === 'python' ? pythonSpans(text) : jsSpans(text);
}

function jsSpans(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  /** Open template literals: each entry is the brace depth at which its `${` was opened. */
  const templates: number[] = [];
  let depth = 0;
  let prev = ''; // last significant character outside strings and comments
  let i = 0;
  const scanTemplate = (from: number): number => {
    // From inside a template's text to its end or to a `${`; returns the index after.
    let j = from;
    while (j < n) {
      const c = text[j];
      if (c === '\\') j += 2;
      else if (c === '`') return j + 1;
      else if (c === '$' && text[j + 1] === '{') {
        templates.push(depth);
        depth++;
        return j + 2;
      } else j++;
    }
    return n;
  };
  while (i < n) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '/') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out.push({ start: i, end, kind: 'comment' });
      i = end;
    } else if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      const end = e < 0 ? n : e + 2;
      out.push({ start: i, end, kind: 'comment' });
      i = end;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += text[j] === '\\' ? 2 : 1;
      out.push({ start: i, end: Math.min(n, j + 1), kind: 'string' });
      i = j + 1;
      prev = 'a';
    } else if (c === '`') {
      const end = scanTemplate(i + 1);
      out.push({ start: i, end, kind: 'string' });
      i = end;
      prev = 'a';
    } else if (c === '}' && templates.length && templates[templates.length - 1] === depth - 1) {
      templates.pop();
      depth--;
      const end = scanTemplate(i + 1);
      out.push({ start: i, end, kind: 'string' });
      i = end;
      prev = 'a';
    } else if (c === '/' && (prev === '' || '(,=:[!&|?{};+-*%<>~^'.includes(prev))) {
      // A regex literal.
      let j = i + 1;
      let inClass = false;
      while (j < n && text[j] !== '\n') {
        const d = text[j];
        if (d === '\\') j++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        j++;
      }
      i = j + 1;
      prev = 'a';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (!/\s/.test(c)) prev = /[\w$)\]]/.test(c) ? 'a' : c;
      i++;
    }
  }
  return out;
}

function pythonSpans(text: string): Span[] {
  const out: Span[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '#') {
      const e = text.indexOf('\n', i);
      const end = e < 0 ? n : e;
      out.push({ start: i, end, kind: 'comment' });
      i = end;
    } else if (c === '"' || c === "'") {
      // Include a prefix such as f, r, b, rb.
      let start = i;
      while (start > 0 && /[rbfuRBFU]/.test(text[start - 1]) && !/[\w]/.test(text[start - 2] ?? ' ')) start--;
      const triple = text.startsWith(c.repeat(3), i);
      const close = triple ? c.repeat(3) : c;
      let j = i + close.length;
      while (j < n && !text.startsWith(close, j) && (triple || text[j] !== '\n')) j += text[j] === '\\' ? 2 : 1;
      const end = Math.min(n, j + close.length);
      out.push({ start, end, kind: 'string' });
      i = end;
    } else i++;
  }
  return out;
}

/** The span holding offset `at`, by binary search over sorted spans. */
export function spanAt(spans: readonly Span[], at: number): Span | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (at < s.start) hi = mid - 1;
    else if (at >= s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
