import type { Range } from '../model';
import type { ExternalImport } from './types';

// Compiled bundles and minified files are kept out of the graph (their symbols would drown the
// real ones), but the packages they require are real run-time dependencies: a package that
// ships only compiled `lib/` must declare them. Their imports are read here by pattern.

const IMPORT = /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(\s*|(?:^|[;\s])import\s*)(['"])([^'"\n\\]{1,214})\1/g;

export function importsOfSkippedFile(path: string, text: string): ExternalImport[] {
  const out: ExternalImport[] = [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const position = (offset: number): [number, number] => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return [lo, offset - lineStarts[lo]];
  };
  // Comments in compiled output quote examples; they are not imports.
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[\s;{}])\/\/[^\n]*/gm, (c, lead: string) => lead + ' '.repeat(c.length - lead.length));
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[2];
    if (/^[./]/.test(spec)) continue;
    const start = m.index! + m[0].length - spec.length - 2;
    const [line, col] = position(start);
    const range: Range = [line, col, line, col + spec.length + 2];
    out.push({ file: path, specifier: spec, range, ecosystem: 'npm' });
  }
  return out;
}
