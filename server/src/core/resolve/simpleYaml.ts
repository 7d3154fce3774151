// Just enough YAML for workspace manifests like pnpm-workspace.yaml: block mappings, block
// sequences (also at the key's own indentation), plain/quoted scalars, flow lists and comments.
// Anchors, multi-line scalars and the rest of YAML are out of scope; lines that don't fit
// are skipped rather than failing the whole file.

interface Line {
  indent: number;
  text: string;
}

export function parseSimpleYaml(text: string): unknown {
  const lines: Line[] = [];
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const stripped = stripComment(raw).trimEnd();
    const content = stripped.trimStart();
    if (content === '' || content === '---' || content === '...') continue;
    lines.push({ indent: stripped.length - content.length, text: content });
  }
  if (lines.length === 0) return null;
  return parseBlock(lines, { i: 0 }, lines[0].indent);
}

function parseBlock(lines: Line[], pos: { i: number }, indent: number): unknown {
  const first = lines[pos.i];
  return isSequenceItem(first.text) ? parseSequence(lines, pos, indent) : parseMapping(lines, pos, indent);
}

function parseSequence(lines: Line[], pos: { i: number }, indent: number): unknown[] {
  const out: unknown[] = [];
  while (pos.i < lines.length && lines[pos.i].indent === indent && isSequenceItem(lines[pos.i].text)) {
    const line = lines[pos.i];
    const rest = line.text.slice(1).trimStart();
    if (rest === '') {
      pos.i++;
      out.push(pos.i < lines.length && lines[pos.i].indent > indent ? parseBlock(lines, pos, lines[pos.i].indent) : null);
    } else if (mappingKey(rest)) {
      // `- key: value` opens a mapping whose keys line up with `key`.
      const inner = indent + (line.text.length - rest.length);
      lines[pos.i] = { indent: inner, text: rest };
      out.push(parseMapping(lines, pos, inner));
    } else {
      out.push(scalar(rest));
      pos.i++;
    }
  }
  return out;
}

function parseMapping(lines: Line[], pos: { i: number }, indent: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  while (pos.i < lines.length && lines[pos.i].indent >= indent) {
    const line = lines[pos.i];
    const m = line.indent === indent ? mappingKey(line.text) : undefined;
    pos.i++;
    if (!m) continue;
    if (m.value !== '') {
      out[m.key] = scalar(m.value);
      continue;
    }
    const next = lines[pos.i];
    if (next && (next.indent > indent || (next.indent === indent && isSequenceItem(next.text)))) {
      out[m.key] = parseBlock(lines, pos, next.indent);
    } else {
      out[m.key] = null;
    }
  }
  return out;
}

function isSequenceItem(text: string): boolean {
  return text === '-' || text.startsWith('- ');
}

function mappingKey(text: string): { key: string; value: string } | undefined {
  const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s"'[{#-][^:]*?|-[^\s:][^:]*?)\s*:(?:\s+(.*))?$/.exec(text);
  if (!m) return undefined;
  return { key: String(scalar(m[1])), value: (m[2] ?? '').trim() };
}

function scalar(text: string): unknown {
  const t = text.trim();
  if (t.startsWith('"')) {
    try {
      return JSON.parse(t);
    } catch {
      return t.slice(1, t.endsWith('"') ? -1 : undefined);
    }
  }
  if (t.startsWith("'")) return t.slice(1, t.endsWith("'") && t.length > 1 ? -1 : undefined).replace(/''/g, "'");
  if (t.startsWith('[') && t.endsWith(']')) {
    const inner = t.slice(1, -1).trim();
    return inner === '' ? [] : splitFlow(inner).map(scalar);
  }
  if (t === 'true' || t === 'false') return t === 'true';
  if (t === 'null' || t === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  return t;
}

/** Split a flow list on commas that are outside quotes. */
function splitFlow(text: string): string[] {
  const parts: string[] = [];
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ',') {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

/** Drop a `#` comment that starts the line or follows whitespace, outside quotes. */
function stripComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:\-[,]/.test(line[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]))) {
      return line.slice(0, i);
    }
  }
  return line;
}
