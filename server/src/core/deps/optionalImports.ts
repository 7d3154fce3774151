// An import inside `try`, whose failure the code handles, is optional: `try: import ujson
// except ImportError: ...`, `try { require('coffeescript') } catch {}`. The project works
// without the package, so not declaring it is no mistake. Read from the text around the
// import, only for imports that would otherwise be reported.

const PY_HANDLES_IMPORT = /^except\b\s*(?::|.*\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b)/;

/** Whether the Python import on `line` sits in a `try:` whose `except` catches import failures. */
export function isGuardedPythonImport(text: string, line: number): boolean {
  const lines = text.split('\n');
  const indentOf = (s: string) => s.length - s.trimStart().length;
  const meaningful = (s: string) => s.trim() !== '' && !s.trimStart().startsWith('#');
  let indent = indentOf(lines[line] ?? '');
  for (let i = line - 1; i >= 0 && indent > 0; i--) {
    const l = lines[i];
    if (!meaningful(l) || indentOf(l) >= indent) continue;
    indent = indentOf(l);
    const head = l.trim();
    if (/^(def|class|async\s+def)\b/.test(head)) return false;
    if (!/^try\s*:/.test(head)) continue;
    // The handlers of this try: lines at its indentation below the import.
    for (let j = line + 1; j < lines.length; j++) {
      const h = lines[j];
      if (!meaningful(h)) continue;
      const hi = indentOf(h);
      if (hi > indent) continue;
      if (hi < indent) break;
      const t = h.trim();
      if (PY_HANDLES_IMPORT.test(t)) return true;
      if (!/^(except|else|finally)\b/.test(t)) break;
    }
  }
  return false;
}

/**
 * Whether the JavaScript/TypeScript import at (line, column) is inside a `try { … }` block.
 * Strings, template literals and comments are skipped while matching braces; regular
 * expression literals are not recognised, which at worst misses a guard.
 */
export function isGuardedJsImport(text: string, line: number, column: number): boolean {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return false;
    offset = nl + 1;
  }
  offset += column;
  const stack: boolean[] = [];
  for (let i = 0; i < offset && i < text.length; i++) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      for (i++; i < text.length && text[i] !== ch; i++) {
        if (text[i] === '\\') i++;
        else if (ch !== '`' && text[i] === '\n') break;
      }
    } else if (ch === '{') {
      stack.push(/\btry\s*$/.test(text.slice(Math.max(0, i - 12), i)));
    } else if (ch === '}') {
      stack.pop();
    }
  }
  return stack.includes(true);
}
