import { fileId } from '../graph/ids';
import { compareIds } from '../query/findSymbols';
import { hasWord, type Doc, type FileDocs } from './retrievalIndex';
import type { SearchContext } from './search';
import { round } from './search';
import { hitOf } from './hits';
import type { AnswerHit } from './types';
import { stem } from './stem';
import { isStopWord, splitIdentifier } from './tokenize';

// "Where is JWT_SECRET read?": every line that names the key, in the declaration holding it,
// reads (process.env.X, os.environ['X'], config.get('x'), settings.X) ranked before mentions.
// Candidate files come from the retrieval index; only those files' text is scanned.

/** Code that reads `key`: env lookups, settings/config members and getters. */
function readPattern(key: string): RegExp {
  const k = escape(key);
  const q = `["'\`]`;
  return new RegExp(
    [
      `(process\\.env|import\\.meta\\.env)(\\.${k}\\b|\\[\\s*${q}${k}${q})`,
      `(environ|env)(\\.get)?\\s*[([]\\s*${q}${k}${q}`,
      `getenv\\(\\s*${q}${k}${q}`,
      `\\b(settings|config|conf|cfg|options|env)\\.${k}\\b`,
      `\\.(get|getString|getNumber|getBoolean|getOrThrow|has)\\(\\s*${q}${k}${q}`,
      `getattr\\(\\s*(settings|config|conf)\\s*,\\s*${q}${k}${q}`,
    ].join('|'),
  );
}

export function configReads(ctx: SearchContext, rawKey: string, k: number, readText: (path: string) => string | undefined): { hits: AnswerHit[]; note?: string } {
  const key = rawKey.trim().replace(/^["'`]|["'`]$/g, '');
  // The key's parts, not the compound: the compound is only indexed where it is a name.
  const parts = [...new Set(splitIdentifier(key).filter((p) => p.length > 1 && !isStopWord(p)).map(stem))];
  if (!parts.length) return { hits: [], note: `“${key}” is not a key to look for.` };
  // Files whose text holds every part of the key somewhere.
  const candidates: string[] = [];
  for (const fd of ctx.index.allFiles()) if (parts.every((p) => hasWord(fd, p))) candidates.push(fd.path);
  candidates.sort();
  const last = key.split('.').pop()!;
  const reads = readPattern(key);
  const readsLast = last !== key ? readPattern(last) : undefined;
  const sets = new RegExp(`(\\.${escape(last)}|["'\`]${escape(last)}["'\`]\\s*\\])\\s*=(?!=)`);
  const defines = new RegExp(`^\\s*(export\\s+)?(const\\s+|let\\s+|var\\s+)?["']?${escape(last)}["']?\\s*[:=]`);
  const pattern = new RegExp(`(^|[^\\w$])${escape(key)}($|[^\\w$])|(^|[^\\w$])${escape(last)}($|[^\\w$])`);
  const found: { doc: Doc; fd: FileDocs; line: number; text: string; how: 'reads' | 'sets' | 'defines' | 'mentions'; exact: boolean }[] = [];
  for (const path of candidates) {
    const fd = ctx.index.file(path)!;
    const text = readText(path);
    if (text === undefined) continue;
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (!pattern.test(line)) continue;
      const exact = line.includes(key);
      const how = sets.test(line) ? 'sets' : reads.test(line) || readsLast?.test(line) ? 'reads' : defines.test(line) ? 'defines' : 'mentions';
      found.push({ doc: ownerOf(fd, i), fd, line: i, text: line.trim(), how, exact });
    }
  }
  const best = new Map<string, (typeof found)[number] & { score: number; count: number }>();
  for (const f of found) {
    const score = (f.how === 'reads' ? 2 : f.how === 'defines' ? 1.5 : f.how === 'sets' ? 1.2 : 1) * (f.exact ? 1.5 : 1) * (f.fd.isTest ? 0.3 : 1);
    const had = best.get(f.doc.id);
    if (!had || score > had.score) best.set(f.doc.id, { ...f, score, count: (had?.count ?? 0) + 1 });
    else had.count++;
  }
  const ranked = [...best.values()].sort((a, b) => b.score - a.score || compareIds(a.doc.file, b.doc.file) || a.line - b.line);
  const hits = ranked.slice(0, k).map((f) => {
    const snippet = f.text.length > 90 ? `${f.text.slice(0, 87)}…` : f.text;
    const h = hitOf(ctx.graph, f.doc.id, round(f.score / 3), `${f.how} ${key} at line ${f.line + 1}: \`${snippet.replace(/`/g, "'")}\``, {
      name: f.doc.name,
      qname: f.doc.qname,
      kind: f.doc.kind,
      file: f.doc.file,
    });
    h.line = f.line;
    h.character = 0;
    return h;
  });
  const files = new Set(ranked.map((r) => r.doc.file)).size;
  return { hits, note: hits.length ? `\`${key}\` appears in ${ranked.length} place${ranked.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; reads first, then definitions, assignments and mentions:` : `\`${key}\` does not appear in the code.` };
}

function ownerOf(fd: FileDocs, line: number): Doc {
  let best = fd.docs.find((d) => d.id === fileId(fd.path))!;
  let span = Infinity;
  for (const d of fd.docs) {
    if (d.kind === 'file') continue;
    if (d.startLine <= line && d.endLine >= line && d.endLine - d.startLine < span) {
      best = d;
      span = d.endLine - d.startLine;
    }
  }
  return best;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
