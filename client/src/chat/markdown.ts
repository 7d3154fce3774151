import { escapeHtml } from './escapeHtml';
import { highlight } from './highlight';

// A small markdown renderer for answers shown in the chat webview. It writes every piece of
// input through escapeHtml, so an answer (the graph's or a model's) can never inject markup or
// script; the only elements it produces are its own. Links to files become `a.loc` elements
// carrying the URI and 0-based line for the webview to ask the extension to open; web links
// become `a.ext` (opened by the extension in the browser); any other scheme stays plain text.

export interface RenderOptions {
  /** Root-relative path → file URI: `path:line` mentions of these files become links. */
  fileLinks?: Readonly<Record<string, string>>;
}

export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return blocks(markdown.replace(/\r\n?/g, '\n').split('\n'), options);
}

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+#.-]*)[^\n]*$/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/;

function blocks(lines: string[], options: RenderOptions): string {
  const out: string[] = [];
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length) out.push(`<p>${paragraph.map((l, i) => inline(l.replace(/\s+$/, ''), options) + (i < paragraph.length - 1 ? (/( {2,}|\\)$/.test(l) ? '<br>' : '\n') : '')).join('')}</p>`);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = FENCE.exec(line);
    if (fence) {
      flush();
      const body: string[] = [];
      let j = i + 1;
      const close = new RegExp(`^\\s{0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}\\s*$`);
      while (j < lines.length && !close.test(lines[j])) body.push(lines[j++]);
      i = j;
      const lang = fence[2].toLowerCase();
      out.push(`<pre class="code"${lang ? ` data-lang="${escapeHtml(lang)}"` : ''}><code>${highlight(body.join('\n'), lang)}</code></pre>`);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flush();
      const level = Math.min(6, heading[1].length + 2);
      out.push(`<h${level}>${inline(heading[2], options)}</h${level}>`);
      continue;
    }
    if (RULE.test(line)) {
      flush();
      out.push('<hr>');
      continue;
    }
    if (ITEM.test(line)) {
      flush();
      let j = i;
      const block: string[] = [];
      while (j < lines.length && (ITEM.test(lines[j]) || (lines[j].trim() && /^\s+/.test(lines[j]) && !FENCE.test(lines[j])))) block.push(lines[j++]);
      i = j - 1;
      out.push(list(block, options));
      continue;
    }
    if (QUOTE.test(line)) {
      flush();
      const quoted: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i])) quoted.push(QUOTE.exec(lines[i++])![1]);
      i--;
      out.push(`<blockquote>${blocks(quoted, options)}</blockquote>`);
      continue;
    }
    if (line.includes('|') && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1]) && lines[i + 1].includes('-')) {
      flush();
      const rows: string[][] = [cells(line)];
      let j = i + 2;
      while (j < lines.length && lines[j].includes('|') && lines[j].trim()) rows.push(cells(lines[j++]));
      i = j - 1;
      const [head, ...body] = rows;
      out.push(
        `<table><thead><tr>${head.map((c) => `<th>${inline(c, options)}</th>`).join('')}</tr></thead><tbody>${body
          .map((r) => `<tr>${head.map((_, k) => `<td>${inline(r[k] ?? '', options)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table>`,
      );
      continue;
    }
    paragraph.push(line.trim());
  }
  flush();
  return out.join('\n');
}

function cells(row: string): string[] {
  return row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
}

/** A list block, nested by indentation. */
function list(lines: string[], options: RenderOptions): string {
  interface Item {
    text: string[];
    children: string[];
  }
  const first = ITEM.exec(lines[0])!;
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items: Item[] = [];
  for (const line of lines) {
    const m = ITEM.exec(line);
    if (m && m[1].length <= indent) items.push({ text: [m[3]], children: [] });
    else if (items.length) {
      const last = items[items.length - 1];
      if (m || last.children.length) last.children.push(line);
      else last.text.push(line.trim());
    }
  }
  const start = ordered ? Number.parseInt(first[2], 10) : 1;
  const tag = ordered ? 'ol' : 'ul';
  const body = items
    .map((it) => `<li>${inline(it.text.join(' '), options)}${it.children.length ? list(it.children, options) : ''}</li>`)
    .join('');
  return `<${tag}${ordered && start !== 1 ? ` start="${start}"` : ''}>${body}</${tag}>`;
}

const INLINE = new RegExp(
  [
    /\\([!-/:-@[-`{-~])/.source, // 1 backslash escape
    /(`+)([^`]|[^`][\s\S]*?[^`])\2(?!`)/.source, // 2,3 code span
    /\[((?:[^[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/.source, // 4,5 link
    /\*\*(?=\S)([\s\S]+?)\*\*/.source, // 6 bold
    /__(?=\S)([\s\S]+?)__(?!\w)/.source, // 7 bold
    /(?<![\w*])\*(?=[^\s*])([\s\S]+?)\*(?![\w*])/.source, // 8 italic
    /(?<![\w_])_(?=[^\s_])([\s\S]+?)_(?![\w_])/.source, // 9 italic
  ].join('|'),
  'g',
);

export function inline(text: string, options: RenderOptions): string {
  let out = '';
  let last = 0;
  const re = new RegExp(INLINE.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += plain(text.slice(last, m.index), options);
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      out += escapeHtml(m[1]);
    } else if (m[3] !== undefined) {
      const code = m[3].replace(/^ (.*) $/, '$1');
      const ref = pathRef(code, options);
      out += ref ? locLink(ref.uri, ref.line, 0, `<code>${escapeHtml(code)}</code>`, code) : `<code>${escapeHtml(code)}</code>`;
    } else if (m[4] !== undefined) {
      out += link(m[4], m[5], options);
    } else if (m[6] !== undefined || m[7] !== undefined) {
      out += `<strong>${inline(m[6] ?? m[7], options)}</strong>`;
    } else {
      out += `<em>${inline(m[8] ?? m[9], options)}</em>`;
    }
  }
  return out + plain(text.slice(last), options);
}

function link(label: string, href: string, options: RenderOptions): string {
  // A link's label is never itself linked.
  const labelHtml = inline(label, { ...options, fileLinks: undefined }).replace(/<a [^>]*>|<\/a>/g, '');
  const labelText = stripTags(labelHtml);
  const file = /^(file:\/\/[^#\s]*)(?:#L(\d+)(?:C(\d+))?(?:-L?\d+(?:C\d+)?)?)?$/i.exec(href);
  if (file) return locLink(file[1], file[2] ? Number(file[2]) - 1 : 0, file[3] ? Number(file[3]) - 1 : 0, labelHtml, labelText);
  if (/^https?:\/\/[^\s]+$/i.test(href)) return `<a class="ext" href="#" data-external="${escapeHtml(href)}" title="${escapeHtml(href)}">${labelHtml}</a>`;
  const ref = pathRef(href.replace(/#L(\d+).*$/, ':$1'), options);
  if (ref) return locLink(ref.uri, ref.line, 0, labelHtml, labelText);
  return labelHtml;
}

function locLink(uri: string, line: number, character: number, labelHtml: string, labelText: string): string {
  return `<a class="loc" href="#" data-uri="${escapeHtml(uri)}" data-line="${Math.max(0, line)}" data-character="${Math.max(0, character)}" title="Open ${escapeHtml(unescapeHtml(labelText))}">${labelHtml}</a>`;
}

/** `path:line` (or `path:line-line`) of a file the answer's context names. */
function pathRef(text: string, options: RenderOptions): { uri: string; line: number } | undefined {
  const m = /^\s*([\w@./-]+\.[A-Za-z0-9]{1,6}):(\d+)(?:[-–]\d+)?\s*$/.exec(text);
  const uri = m && options.fileLinks?.[m[1].replace(/^\.\//, '')];
  return uri ? { uri, line: Number(m[2]) - 1 } : undefined;
}

const PATH_MENTION = /(^|[^\w@./-])((?:\.\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[A-Za-z0-9]{1,6}):(\d+)((?:[-–]\d+)?)/g;

function plain(text: string, options: RenderOptions): string {
  if (!text) return '';
  if (!options.fileLinks) return escapeHtml(text);
  let out = '';
  let last = 0;
  const re = new RegExp(PATH_MENTION.source, 'g');
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const path = m[2].replace(/^\.\//, '');
    const uri = options.fileLinks[path];
    if (!uri) continue;
    const start = m.index + m[1].length;
    const mention = text.slice(start, m.index + m[0].length);
    out += escapeHtml(text.slice(last, start)) + locLink(uri, Number(m[3]) - 1, 0, escapeHtml(mention), escapeHtml(mention));
    last = m.index + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

function stripTags(html: string): string {
  return html.replace(/<[^>]*>/g, '');
}

function unescapeHtml(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
