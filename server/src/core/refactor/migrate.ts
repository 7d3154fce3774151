import type { Node } from 'web-tree-sitter';
import { languageById } from '../languages/registry';
import type { LanguageModule } from '../languages/languageModule';
import type { Range } from '../model';
import { addEdit, buildResult } from './buildResult';
import type { RefactorWorkspace, SourceFile } from './refactorWorkspace';
import type { MigrationRule } from './ruleFile';
import { spot } from './symbolSites';
import { lineText } from '../textPositions';
import { RefactorError, type RefactorResult, type TextEdit } from './types';
import { checkpoint } from './checkpoint';

// Structural search and replace. The pattern is parsed with the language's own grammar after
// its metavariables are turned into identifiers the grammar accepts (`$SQL` → `__mv_SQL`,
// `$$$ARGS` → `__mvs_ARGS`); a match is a syntax node of the same shape, where `$X` stands for
// any one node and `$$$X` for any run of sibling nodes. The rewrite is the template with each
// metavariable replaced by the matched code's original text, so its formatting is kept.

export interface MigrationMatch {
  path: string;
  range: Range;
  line: number;
  lineText: string;
  text: string;
  bindings: Record<string, string>;
  replacement?: string;
  /** Comments inside the match but outside every metavariable: the rewrite would drop them. */
  droppedComments?: number;
}

const CLOSERS = new Set([')', ']', '}']);
const ONE = '__mv_';
const MANY = '__mvs_';

function encode(pattern: string): string {
  return pattern.replace(/\$\$\$([A-Z_][A-Z0-9_]*)/g, `${MANY}$1`).replace(/\$([A-Z_][A-Z0-9_]*)/g, `${ONE}$1`);
}

interface CompiledPattern {
  module: LanguageModule;
  node: Node;
  dispose(): void;
}

async function compile(ws: RefactorWorkspace, module: LanguageModule, pattern: string): Promise<CompiledPattern> {
  const tree = await ws.parseSnippet(module, encode(pattern));
  let node: Node = tree.rootNode;
  if (node.hasError) {
    tree.delete();
    throw new RefactorError(`the pattern does not parse as ${module.id}: ${pattern}`);
  }
  // Unwrap program → statement → expression down to the pattern's own node.
  for (;;) {
    const kids = node.namedChildren.filter((c) => c.type !== 'comment');
    const wrapper = node.type === 'program' || node.type === 'module' || node.type === 'expression_statement';
    if (!wrapper || kids.length !== 1) break;
    // A statement pattern with a `;` stays a statement only when the code had one.
    node = kids[0];
  }
  return { module, node, dispose: () => tree.delete() };
}

type Bindings = Map<string, { start: number; end: number; text: string }>;

function metaName(n: Node, prefix: string): string | undefined {
  if (n.childCount !== 0) return undefined;
  const t = n.text;
  return t.startsWith(prefix) && /^[A-Za-z_]\w*$/.test(t) ? t.slice(prefix.length) : undefined;
}

function significant(n: Node): Node[] {
  return n.children.filter((c): c is Node => c !== null && c.type !== 'comment');
}

function restore(b: Bindings, saved: Bindings): void {
  b.clear();
  for (const [key, v] of saved) b.set(key, v);
}

function match(p: Node, t: Node, src: string, b: Bindings): boolean {
  const one = metaName(p, ONE);
  if (one !== undefined) return bind(b, one, t.startIndex, t.endIndex, src);
  if (p.type !== t.type) return false;
  const pk = significant(p);
  const tk = significant(t);
  if (pk.length === 0) return tk.length === 0 && p.text === src.slice(t.startIndex, t.endIndex);
  return matchList(pk, 0, tk, 0, src, b);
}

function matchList(pk: Node[], i: number, tk: Node[], j: number, src: string, b: Bindings): boolean {
  if (i === pk.length) return j === tk.length;
  const many = metaName(pk[i], MANY);
  if (many !== undefined) {
    // Shortest run first, growing until the rest matches; a run neither starts nor ends on a separator.
    for (let k = j; k <= tk.length; k++) {
      if (k > j && (tk[j].type === ',' || tk[k - 1].type === ',')) continue;
      const saved = new Map(b);
      const start = k > j ? tk[j].startIndex : j < tk.length ? tk[j].startIndex : (tk[tk.length - 1]?.endIndex ?? 0);
      const end = k > j ? tk[k - 1].endIndex : start;
      if (bind(b, many, start, end, src) && matchList(pk, i + 1, tk, k, src, b)) return true;
      restore(b, saved);
    }
    return false;
  }
  const saved = new Map(b);
  if (j < tk.length && match(pk[i], tk[j], src, b) && matchList(pk, i + 1, tk, j + 1, src, b)) return true;
  restore(b, saved);
  // A trailing comma before the closing bracket is formatting, not shape.
  if (tk[j]?.type === ',' && CLOSERS.has(pk[i].type) && tk[j + 1]?.type === pk[i].type && matchList(pk, i, tk, j + 1, src, b)) return true;
  restore(b, saved);
  // `f($A, $$$R)` against `f(x)`: the comma before a run that matches nothing is optional.
  const next = i + 1 < pk.length ? metaName(pk[i + 1], MANY) : undefined;
  if (pk[i].type === ',' && next !== undefined) {
    const at = j < tk.length ? tk[j].startIndex : (tk[tk.length - 1]?.endIndex ?? 0);
    if (bind(b, next, at, at, src) && matchList(pk, i + 2, tk, j, src, b)) return true;
    restore(b, saved);
  }
  return false;
}

function bind(b: Bindings, name: string, start: number, end: number, src: string): boolean {
  const text = src.slice(start, end);
  const prev = b.get(name);
  if (prev) return prev.text === text;
  b.set(name, { start, end, text });
  return true;
}

function substitute(template: string, b: Bindings): string {
  return template.replace(/\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g, (whole, many?: string, one?: string) => {
    const v = b.get((many ?? one)!);
    return v ? v.text : whole;
  });
}

function familyModules(language: MigrationRule['language']): Set<string> {
  return language === 'python' ? new Set(['python']) : new Set(['typescript', 'tsx', 'javascript']);
}

export async function findMigrationMatches(ws: RefactorWorkspace, rule: MigrationRule, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<MigrationMatch[]> {
  const wanted = familyModules(rule.language);
  // Validate the pattern once with the rule's own language, so a typo is reported even with no files.
  (await compile(ws, languageById(rule.language), rule.pattern)).dispose();
  const compiled = new Map<string, CompiledPattern>();
  const out: MigrationMatch[] = [];
  const files = ws.filePaths().filter((p) => {
    const m = ws.facts(p)?.language;
    return m !== undefined && wanted.has(m);
  });
  try {
    let done = 0;
    for (const path of files) {
      await checkpoint(signal);
      onProgress?.(done++, files.length);
      const src = ws.source(path);
      const root = await ws.tree(path);
      if (!src || !root) continue;
      let pat = compiled.get(src.module.id);
      if (!pat) {
        try {
          pat = await compile(ws, src.module, rule.pattern);
        } catch {
          continue; // the pattern is not valid in this dialect (e.g. TS syntax in a .js file)
        }
        compiled.set(src.module.id, pat);
      }
      collect(root, pat.node, src, rule, out);
    }
  } finally {
    for (const p of compiled.values()) p.dispose();
  }
  return out;
}

function collect(root: Node, pattern: Node, src: SourceFile, rule: MigrationRule, out: MigrationMatch[]): void {
  const cursor = root.walk();
  for (;;) {
    const n = cursor.currentNode;
    let descend = true;
    if (n.type === pattern.type) {
      const b: Bindings = new Map();
      if (match(pattern, n, src.text, b)) {
        const range: Range = [n.startPosition.row, n.startPosition.column, n.endPosition.row, n.endPosition.column];
        const bindings = Object.fromEntries([...b].map(([k, v]) => [k, v.text]));
        const spans = [...b.values()];
        const dropped = n.descendantsOfType('comment').filter((c) => !spans.some((v) => c.startIndex >= v.start && c.endIndex <= v.end)).length;
        out.push({ path: src.path, range, line: range[0] + 1, lineText: lineText(src.text, src.starts, range[0]).trim(), text: src.text.slice(n.startIndex, n.endIndex), bindings, ...(rule.rewrite !== undefined ? { replacement: substitute(rule.rewrite, b) } : {}), ...(dropped ? { droppedComments: dropped } : {}) });
        // The outermost match is rewritten; nested ones keep their text inside it.
        descend = false;
      }
    }
    if (descend && cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) {
        cursor.delete();
        return;
      }
    }
  }
}

export async function migrate(ws: RefactorWorkspace, rule: MigrationRule, signal?: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<{ result: RefactorResult; matches: MigrationMatch[] }> {
  const matches = await findMigrationMatches(ws, rule, signal, onProgress);
  const perFile = new Map<string, TextEdit[]>();
  if (rule.rewrite !== undefined) for (const m of matches) addEdit(perFile, m.path, { range: m.range, newText: m.replacement! });
  const files = new Set(matches.map((m) => m.path)).size;
  const title = `${rule.rewrite !== undefined ? 'migrate' : 'find'} ${rule.pattern}: ${matches.length} matches in ${files} files${rule.message ? ` (${rule.message})` : ''}`;
  const risky = matches
    .filter((m) => m.droppedComments && rule.rewrite !== undefined)
    .map((m) => spot(ws.source(m.path)!, m.range, 'comment', `this match holds a comment outside its metavariables; the rewrite drops it`));
  const result = buildResult(ws, 'migrate', title, perFile, risky);
  result.matches = matches.map((m) => ({ path: m.path, line: m.line, lineText: m.lineText }));
  return { result, matches };
}
