import type { Range } from '../model';
import { lineStarts, positionAt } from '../textPositions';
import type { ExternalImport } from './types';

// Compiled bundles and minified files are kept out of the graph (their symbols would drown the
// real ones), but the packages they require are real run-time dependencies: a package that
// ships only compiled `lib/` must declare them. Their imports are read here by pattern.

const IMPORT = /(?:\brequire\s*\(\s*|\bfrom\s*|\bimport\s*\(\s*|(?:^|[;\s])import\s*)(['"])([^'"\n\\]{1,214})\1/g;

export function importsOfSkippedFile(path: string, text: string): ExternalImport[] {
  const out: ExternalImport[] = [];
  const starts = lineStarts(text);
  // Comments in compiled output quote examples; they are not imports.
  const code = text
    .replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
    .replace(/(^|[\s;{}])\/\/[^\n]*/gm, (c, lead: string) => lead + ' '.repeat(c.length - lead.length));
  for (const m of code.matchAll(IMPORT)) {
    const spec = m[2];
    if (/^[./]/.test(spec)) continue;
    const start = m.index! + m[0].length - spec.length - 2;
    const [line, col] = positionAt(starts, start);
    const range: Range = [line, col, line, col + spec.length + 2];
    out.push({ file: path, specifier: spec, range, ecosystem: 'npm' });
  }
  return out;
}
