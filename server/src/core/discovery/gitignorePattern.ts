// One line of a gitignore-syntax file, parsed and compiled to a RegExp with git's semantics
// (dir.c for the line syntax, wildmatch.c with WM_PATHNAME for the glob). Matching whole paths
// against regexes keeps the walk's per-entry cost to a few `test` calls.

export interface IgnorePattern {
  /** Folder of the file the line came from, root-relative posix, '' for the root. */
  base: string;
  /** `!pattern`: a match re-includes. */
  negated: boolean;
  /** `pattern/`: only folders match. */
  dirOnly: boolean;
  /** No slash in the pattern: it is tried against the last path component at any depth. */
  basenameOnly: boolean;
  /** Null when the glob can never match (an unclosed `[`, a trailing backslash). */
  regex: RegExp | null;
  /** The line as written, for diagnostics. */
  source: string;
}

export function parseIgnoreFile(text: string, base: string): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const line of text.split('\n')) {
    const pattern = parseIgnoreLine(line, base);
    if (pattern) patterns.push(pattern);
  }
  return patterns;
}

export function parseIgnoreLine(rawLine: string, base: string): IgnorePattern | undefined {
  const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  // Comments are recognised before trailing spaces are trimmed, as git does.
  if (line === '' || line.startsWith('#')) return undefined;
  let body = trimTrailingSpaces(line);
  const negated = body.startsWith('!');
  if (negated) body = body.slice(1);
  const dirOnly = body.endsWith('/');
  if (dirOnly) body = body.slice(0, -1);
  if (body === '') return undefined;
  const basenameOnly = !body.includes('/');
  if (body.startsWith('/')) body = body.slice(1);
  if (body === '') return undefined;
  const regexSource = globToRegexSource(body);
  return {
    base,
    negated,
    dirOnly,
    basenameOnly,
    regex: regexSource === null ? null : new RegExp(`^${regexSource}$`, 'su'),
    source: line,
  };
}

/** Trailing spaces are dropped unless the first of them is escaped with a backslash. */
function trimTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === ' ') {
      if (lastSpace < 0) lastSpace = i;
    } else {
      if (ch === '\\') {
        i++;
        if (i >= line.length) return line;
      }
      lastSpace = -1;
    }
  }
  return lastSpace < 0 ? line : line.slice(0, lastSpace);
}

const REGEX_SYNTAX = /[\^$\\.*+?()[\]{}|/]/g;

function literal(ch: string): string {
  return ch.replace(REGEX_SYNTAX, '\\$&');
}

/** Regex source for a glob, or null when wildmatch would never match it. */
export function globToRegexSource(glob: string): string | null {
  let out = '';
  let i = 0;
  while (i < glob.length) {
    const ch = glob[i];
    if (ch === '\\') {
      if (i + 1 >= glob.length) return null;
      out += literal(glob[i + 1]);
      i += 2;
    } else if (ch === '?') {
      out += '[^/]';
      i++;
    } else if (ch === '[') {
      const cls = parseClass(glob, i);
      if (!cls) return null;
      out += cls.source;
      i = cls.end;
    } else if (ch === '*') {
      let end = i;
      while (glob[end] === '*') end++;
      const doubled = end - i >= 2;
      const atSegmentStart = i === 0 || glob[i - 1] === '/';
      const atSegmentEnd = end === glob.length || glob[end] === '/';
      if (doubled && atSegmentStart && atSegmentEnd) {
        if (end === glob.length) {
          // `**` alone or a trailing `/**`: everything below.
          out += '.*';
          i = end;
        } else {
          // `**/` at the start or `/**/` in the middle: zero or more folders.
          out += '(?:.*/)?';
          i = end + 1;
        }
      } else {
        // A lone `*`, or stars not bounded by slashes, which git treats as a plain `*`.
        out += '[^/]*';
        i = end;
      }
    } else {
      out += literal(ch);
      i++;
    }
  }
  return out;
}

const POSIX_CLASSES: Record<string, string> = {
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '\\x21-\\x7e',
  lower: 'a-z',
  print: '\\x20-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
  space: ' \\t\\n\\v\\f\\r',
  upper: 'A-Z',
  xdigit: '0-9a-fA-F',
};

function classChar(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/**
 * A bracket expression starting at `start`, ported from wildmatch: `!` or `^` negates, the first
 * member may be `]`, `a-z` ranges, backslash escapes, `[:name:]` classes; never matches `/`.
 */
function parseClass(glob: string, start: number): { source: string; end: number } | null {
  let p = start + 1;
  let negated = false;
  if (glob[p] === '!' || glob[p] === '^') {
    negated = true;
    p++;
  }
  let members = '';
  let prev: string | undefined;
  let first = true;
  for (;;) {
    if (p >= glob.length) return null;
    let ch = glob[p];
    if (ch === ']' && !first) break;
    first = false;
    if (ch === '\\') {
      p++;
      if (p >= glob.length) return null;
      ch = glob[p];
      members += classChar(ch);
      prev = ch;
    } else if (ch === '-' && prev !== undefined && p + 1 < glob.length && glob[p + 1] !== ']') {
      p++;
      let hi = glob[p];
      if (hi === '\\') {
        p++;
        if (p >= glob.length) return null;
        hi = glob[p];
      }
      // The range's low end was already emitted as a single member; a reversed range adds nothing.
      if (hi.codePointAt(0)! >= prev.codePointAt(0)!) members += `${classChar(prev)}-${classChar(hi)}`;
      prev = undefined;
    } else if (ch === '[' && glob[p + 1] === ':') {
      const close = glob.indexOf(']', p + 2);
      if (close < 0) return null;
      if (glob[close - 1] !== ':' || close - 1 < p + 2) {
        // No `:]`: the `[` is an ordinary member.
        members += classChar('[');
        prev = '[';
      } else {
        const name = glob.slice(p + 2, close - 1);
        const posix = POSIX_CLASSES[name];
        if (posix === undefined) return null;
        members += posix;
        prev = undefined;
        p = close;
      }
    } else {
      members += classChar(ch);
      prev = ch;
    }
    p++;
  }
  const source = negated ? `[^${members}/]` : `(?!/)[${members}]`;
  return { source, end: p + 1 };
}
