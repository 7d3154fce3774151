// Just enough TOML for dependency manifests (pyproject.toml, Pipfile, Cargo.toml): tables,
// arrays of tables, dotted and quoted keys, basic/literal strings (also multi-line), numbers,
// booleans, dates as strings, arrays (multi-line, trailing commas, comments) and inline tables.
// A syntax error stops with its position, because a manifest read half-way would report
// declared dependencies as missing.

export class TomlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${message} (line ${line + 1}, column ${column + 1})`);
  }
}

export type TomlTable = { [key: string]: TomlValue };
export type TomlValue = string | number | boolean | TomlValue[] | TomlTable;

/** Where each dotted key path (`project.dependencies`) was defined: 0-based line. */
export interface TomlDocument {
  value: TomlTable;
  lines: Map<string, number>;
}

export function parseToml(text: string): TomlDocument {
  return new Parser(text.replace(/^\uFEFF/, '')).parse();
}

const BARE_KEY = /[A-Za-z0-9_-]/;

class Parser {
  private i = 0;
  private readonly root: TomlTable = {};
  private readonly lines = new Map<string, number>();
  /** Tables made by a `[header]` or by assignment; redefining them is an error in TOML. */
  private readonly defined = new Set<TomlTable>();

  constructor(private readonly s: string) {}

  parse(): TomlDocument {
    let current = this.root;
    let prefix: string[] = [];
    for (;;) {
      this.skipWhitespaceAndNewlines();
      if (this.i >= this.s.length) break;
      const ch = this.s[this.i];
      if (ch === '[') {
        const array = this.s[this.i + 1] === '[';
        this.i += array ? 2 : 1;
        this.skipSpaces();
        const keys = this.key();
        this.skipSpaces();
        if (!this.s.startsWith(array ? ']]' : ']', this.i)) this.fail(`expected ${array ? ']]' : ']'}`);
        this.i += array ? 2 : 1;
        this.endOfLine();
        current = array ? this.arrayTable(keys) : this.table(keys);
        prefix = keys;
        this.lines.set(keys.join('.'), this.lineOf(this.i - 1));
      } else {
        const line = this.lineOf(this.i);
        const keys = this.key();
        this.skipSpaces();
        if (this.s[this.i] !== '=') this.fail('expected = after key');
        this.i++;
        this.skipSpaces();
        const value = this.value();
        this.assign(current, keys, value);
        this.lines.set([...prefix, ...keys].join('.'), line);
        this.endOfLine();
      }
    }
    return { value: this.root, lines: this.lines };
  }

  private table(keys: string[]): TomlTable {
    let t = this.root;
    for (let k = 0; k < keys.length; k++) {
      const next = t[keys[k]];
      if (next === undefined) t = t[keys[k]] = {};
      else if (Array.isArray(next)) {
        const last = next[next.length - 1];
        if (!isTable(last)) this.fail(`${keys.slice(0, k + 1).join('.')} is not a table`);
        t = last;
      } else if (isTable(next)) t = next;
      else this.fail(`${keys.slice(0, k + 1).join('.')} is already a value`);
    }
    if (this.defined.has(t)) this.fail(`table [${keys.join('.')}] defined twice`);
    this.defined.add(t);
    return t;
  }

  private arrayTable(keys: string[]): TomlTable {
    const parent = this.table(keys.slice(0, -1));
    this.defined.delete(parent);
    const last = keys[keys.length - 1];
    const existing = parent[last];
    const t: TomlTable = {};
    if (existing === undefined) parent[last] = [t];
    else if (Array.isArray(existing)) existing.push(t);
    else this.fail(`${keys.join('.')} is not an array of tables`);
    return t;
  }

  private assign(into: TomlTable, keys: string[], value: TomlValue): void {
    let t = into;
    for (const k of keys.slice(0, -1)) {
      const next = t[k];
      if (next === undefined) t = t[k] = {};
      else if (isTable(next)) t = next;
      else this.fail(`${k} is already a value`);
    }
    const last = keys[keys.length - 1];
    if (last in t) this.fail(`key ${keys.join('.')} defined twice`);
    t[last] = value;
  }

  private key(): string[] {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const ch = this.s[this.i];
      if (ch === '"') parts.push(this.basicString());
      else if (ch === "'") parts.push(this.literalString());
      else {
        const start = this.i;
        while (this.i < this.s.length && BARE_KEY.test(this.s[this.i])) this.i++;
        if (start === this.i) this.fail('expected a key');
        parts.push(this.s.slice(start, this.i));
      }
      this.skipSpaces();
      if (this.s[this.i] !== '.') return parts;
      this.i++;
    }
  }

  private value(): TomlValue {
    const ch = this.s[this.i];
    if (ch === '"') return this.s.startsWith('"""', this.i) ? this.multilineBasic() : this.basicString();
    if (ch === "'") return this.s.startsWith("'''", this.i) ? this.multilineLiteral() : this.literalString();
    if (ch === '[') return this.array();
    if (ch === '{') return this.inlineTable();
    const m = /^[^\s,\]}#]+/.exec(this.s.slice(this.i, this.i + 200));
    if (!m) this.fail('expected a value');
    const word = m[0];
    this.i += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (/^[+-]?(\d[\d_]*)(\.\d[\d_]*)?([eE][+-]?\d+)?$/.test(word) || /^0[xob][0-9a-fA-F_]+$/.test(word)) return Number(word.replace(/_/g, ''));
    if (/^[+-]?(inf|nan)$/.test(word)) return Number(word.replace('inf', 'Infinity'));
    // Dates and times: kept as text, no manifest field we read needs them as dates.
    if (/^\d{4}-\d{2}-\d{2}/.test(word) || /^\d{2}:\d{2}/.test(word)) {
      const rest = /^ \d{2}:\d{2}[^\s,\]}#]*/.exec(this.s.slice(this.i, this.i + 40));
      if (rest) this.i += rest[0].length;
      return rest ? word + rest[0] : word;
    }
    return this.fail(`unexpected value ${word}`);
  }

  private array(): TomlValue[] {
    this.i++;
    const out: TomlValue[] = [];
    for (;;) {
      this.skipWhitespaceAndNewlines();
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      if (this.i >= this.s.length) this.fail('unterminated array');
      out.push(this.value());
      this.skipWhitespaceAndNewlines();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== ']') this.fail('expected , or ] in array');
    }
  }

  private inlineTable(): TomlTable {
    this.i++;
    const out: TomlTable = {};
    this.skipSpaces();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpaces();
      const keys = this.key();
      this.skipSpaces();
      if (this.s[this.i] !== '=') this.fail('expected = in inline table');
      this.i++;
      this.skipSpaces();
      this.assign(out, keys, this.value());
      this.skipSpaces();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      this.fail('expected , or } in inline table');
    }
  }

  private basicString(): string {
    this.i++;
    let out = '';
    while (this.i < this.s.length && this.s[this.i] !== '\n') {
      const ch = this.s[this.i++];
      if (ch === '"') return out;
      if (ch === '\\') out += this.escape();
      else out += ch;
    }
    return this.fail('unterminated string');
  }

  private literalString(): string {
    const end = this.s.indexOf("'", this.i + 1);
    const nl = this.s.indexOf('\n', this.i + 1);
    if (end < 0 || (nl >= 0 && nl < end)) this.fail('unterminated string');
    const out = this.s.slice(this.i + 1, end);
    this.i = end + 1;
    return out;
  }

  private multilineBasic(): string {
    this.i += 3;
    if (this.s[this.i] === '\n') this.i++;
    else if (this.s.startsWith('\r\n', this.i)) this.i += 2;
    let out = '';
    while (this.i < this.s.length) {
      if (this.s.startsWith('"""', this.i)) {
        this.i += 3;
        // Up to two quotes right before the closing delimiter belong to the string.
        for (let extra = 0; extra < 2 && this.s[this.i] === '"'; extra++) {
          out += '"';
          this.i++;
        }
        return out;
      }
      const ch = this.s[this.i++];
      if (ch === '\\') {
        // A backslash at the end of a line trims the newline and following whitespace.
        if (/^[ \t]*\r?\n/.test(this.s.slice(this.i, this.i + 80))) {
          while (/\s/.test(this.s[this.i] ?? '')) this.i++;
        } else out += this.escape();
      } else out += ch;
    }
    return this.fail('unterminated multi-line string');
  }

  private multilineLiteral(): string {
    const start = this.i + 3;
    const end = this.s.indexOf("'''", start);
    if (end < 0) this.fail('unterminated multi-line string');
    this.i = end + 3;
    return this.s.slice(start, end).replace(/^\r?\n/, '');
  }

  private escape(): string {
    const ch = this.s[this.i++];
    switch (ch) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case '"':
        return '"';
      case '\\':
        return '\\';
      case 'u':
      case 'U': {
        const n = ch === 'u' ? 4 : 8;
        const hex = this.s.slice(this.i, this.i + n);
        if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== n) this.fail('bad unicode escape');
        this.i += n;
        return String.fromCodePoint(parseInt(hex, 16));
      }
      default:
        return this.fail(`bad escape \\${ch ?? ''}`);
    }
  }

  private skipSpaces(): void {
    while (this.s[this.i] === ' ' || this.s[this.i] === '\t') this.i++;
  }

  private skipWhitespaceAndNewlines(): void {
    for (;;) {
      while (/[ \t\r\n]/.test(this.s[this.i] ?? '')) this.i++;
      if (this.s[this.i] !== '#') return;
      while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    }
  }

  private endOfLine(): void {
    this.skipSpaces();
    if (this.s[this.i] === '#') while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
    if (this.s[this.i] === '\r') this.i++;
    if (this.i < this.s.length && this.s[this.i] !== '\n') this.fail('expected end of line');
  }

  private lineOf(offset: number): number {
    let line = 0;
    for (let k = 0; k < offset && k < this.s.length; k++) if (this.s.charCodeAt(k) === 10) line++;
    return line;
  }

  private fail(message: string): never {
    const upTo = this.s.slice(0, Math.min(this.i, this.s.length));
    const line = upTo.split('\n').length - 1;
    const column = upTo.length - (upTo.lastIndexOf('\n') + 1);
    throw new TomlError(message, line, column);
  }
}

function isTable(v: unknown): v is TomlTable {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
