// String literals and comments, the parts of a file that say in words what the code is about:
// route paths, error messages, config keys, event names, explanations. A small lexer per
// language family is enough; it only has to tell strings and comments from code, never parse.

export interface TextPiece {
  kind: 'string' | 'comment';
  text: string;
  /** 0-based line where the piece starts. */
  line: number;
}

const MAX_PIECE = 400;

export function sourcePieces(text: string, python: boolean): TextPiece[] {
  const out: TextPiece[] = [];
  let line = 0;
  let i = 0;
  const n = text.length;
  const push = (kind: TextPiece['kind'], start: number, end: number, at: number) => {
    if (end > start) out.push({ kind, text: text.slice(start, Math.min(end, start + MAX_PIECE)), line: at });
  };
  // The previous significant character decides whether `/` starts a regex or divides.
  let prev = '';
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (python ? c === '#' : c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      push('comment', i + (python ? 1 : 2), stop, line);
      i = stop;
      continue;
    }
    if (!python && c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end;
      push('comment', i + 2, stop, line);
      line += count(text, i, stop);
      i = stop + 2;
      continue;
    }
    if (c === '"' || c === "'" || (!python && c === '`')) {
      const start = line;
      let quote = c;
      let j = i + 1;
      if (python && text.startsWith(c.repeat(3), i)) {
        quote = c.repeat(3);
        j = i + 3;
      }
      let k = j;
      while (k < n) {
        const d = text[k];
        if (d === '\\') {
          k += 2;
          continue;
        }
        if (text.startsWith(quote, k)) break;
        // Single-quoted strings end at the line's end even when unterminated.
        if (d === '\n' && quote.length === 1 && quote !== '`') break;
        k++;
      }
      push('string', j, k, start);
      line += count(text, i, Math.min(k, n));
      i = Math.min(n, k + quote.length);
      prev = 'a';
      continue;
    }
    if (!python && c === '/' && /^$|[(,=:[!&|?{};]/.test(prev)) {
      // A regex literal: skip it (classes may hold `/`).
      let k = i + 1;
      let inClass = false;
      while (k < n && text[k] !== '\n') {
        const d = text[k];
        if (d === '\\') k++;
        else if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) break;
        k++;
      }
      i = k + 1;
      prev = 'a';
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\r') prev = c;
    i++;
  }
  return out;
}

function count(text: string, from: number, to: number): number {
  let k = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) k++;
  return k;
}
