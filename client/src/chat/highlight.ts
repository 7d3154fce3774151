import { escapeHtml } from './escapeHtml';

// A small syntax highlighter for the code blocks of answers: comments, strings, numbers and
// keywords of the languages SparkGraph indexes. Every piece of source is escaped; the only
// markup added is `<span class="tok-…">`.

const JS_KEYWORDS = 'abstract as async await break case catch class const constructor continue debugger declare default delete do else enum export extends false finally for from function get if implements import in instanceof interface let new null of private protected public readonly return set static super switch this throw true try type typeof undefined var void while with yield';
const PY_KEYWORDS = 'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return self try while with yield';

const LANGUAGES: Record<string, { keywords: Set<string>; lineComment: string; blockComment: boolean; strings: string }> = {
  js: { keywords: new Set(JS_KEYWORDS.split(' ')), lineComment: '//', blockComment: true, strings: `'"\`` },
  py: { keywords: new Set(PY_KEYWORDS.split(' ')), lineComment: '#', blockComment: false, strings: `'"` },
};

const ALIASES: Record<string, string> = {
  ts: 'js', typescript: 'js', tsx: 'js', javascript: 'js', js: 'js', jsx: 'js', mjs: 'js', cjs: 'js', json: 'js',
  py: 'py', python: 'py',
};

export function highlight(code: string, language: string): string {
  const lang = LANGUAGES[ALIASES[language.toLowerCase()] ?? ''];
  if (!lang) return escapeHtml(code);
  let out = '';
  let i = 0;
  const span = (cls: string, text: string) => (out += `<span class="tok-${cls}">${escapeHtml(text)}</span>`);
  while (i < code.length) {
    const c = code[i];
    if (code.startsWith(lang.lineComment, i)) {
      const end = code.indexOf('\n', i);
      const stop = end < 0 ? code.length : end;
      span('com', code.slice(i, stop));
      i = stop;
    } else if (lang.blockComment && code.startsWith('/*', i)) {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? code.length : end + 2;
      span('com', code.slice(i, stop));
      i = stop;
    } else if (lang.strings.includes(c)) {
      const triple = c !== '`' && code.startsWith(c.repeat(3), i) && ALIASES[language.toLowerCase()] === 'py';
      const quote = triple ? c.repeat(3) : c;
      let j = i + quote.length;
      while (j < code.length && !code.startsWith(quote, j)) {
        if (code[j] === '\\') j++;
        else if (code[j] === '\n' && quote.length === 1 && c !== '`') break;
        j++;
      }
      const stop = Math.min(code.length, j + (code.startsWith(quote, j) ? quote.length : 0));
      span('str', code.slice(i, stop));
      i = stop;
    } else if (/[0-9]/.test(c) && !/[\w$]/.test(code[i - 1] ?? '')) {
      const m = /^(0[xXbBoO][0-9a-fA-F_]+|\d[\d_]*(\.\d+)?([eE][+-]?\d+)?n?)/.exec(code.slice(i))!;
      span('num', m[0]);
      i += m[0].length;
    } else if (/[A-Za-z_$]/.test(c)) {
      const m = /^[A-Za-z_$][\w$]*/.exec(code.slice(i))!;
      if (lang.keywords.has(m[0])) span('kw', m[0]);
      else out += escapeHtml(m[0]);
      i += m[0].length;
    } else {
      out += escapeHtml(c);
      i++;
    }
  }
  return out;
}
