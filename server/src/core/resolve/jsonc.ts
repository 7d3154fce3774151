// tsconfig.json and friends are JSONC: comments and trailing commas are allowed, and
// editors happily save them. The text is cleaned up outside string literals and then handed
// to JSON.parse, so everything else about JSON stays strict.

/** Parse JSON with comments and trailing commas; undefined when the text is still not JSON. */
export function parseJsonc(text: string): unknown | undefined {
  try {
    return JSON.parse(stripJsonc(text));
  } catch {
    return undefined;
  }
}

/** Remove a BOM, `//` and `/* *\/` comments, and commas directly before `}` or `]`. */
export function stripJsonc(text: string): string {
  let out = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Index in `out` of a comma that is only followed by whitespace/comments so far.
  let pendingComma = -1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
      pendingComma = -1;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }
    if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      out += ' ';
      continue;
    }
    if ((ch === '}' || ch === ']') && pendingComma >= 0) {
      out = out.slice(0, pendingComma) + ' ' + out.slice(pendingComma + 1);
      pendingComma = -1;
    }
    if (ch === ',') pendingComma = out.length;
    else if (!/\s/.test(ch)) pendingComma = -1;
    out += ch;
    i++;
  }
  return out;
}

/** Index just past the closing quote of the string starting at `start` (or the end of text). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}
