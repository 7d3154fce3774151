import { addEdit, buildResult } from './buildResult';
import type { RefactorWorkspace } from './refactorWorkspace';
import { findSymbolSites, spot } from './symbolSites';
import { RefactorError, type RefactorResult, type TextEdit } from './types';

// Rename = the symbol's sites with the new name, and nothing else. `{ a }` shorthand keeps its
// key (`{ a: b }`), an aliased import keeps its alias, strings and comments are only reported.

const JS_IDENT = /^[A-Za-z_$][\w$]*$/;
const PY_IDENT = /^[A-Za-z_]\w*$/;
const RESERVED = new Set(['break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'export', 'extends', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'return', 'super', 'switch', 'this', 'throw', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static', 'enum', 'await', 'def', 'lambda', 'pass', 'raise', 'from', 'as', 'global', 'nonlocal', 'elif', 'except', 'is', 'not', 'and', 'or', 'None', 'True', 'False', 'assert', 'del']);

export interface RenameOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Named re-exports keep their public name (`export { b as a } from`), as TypeScript's rename does. */
  keepExportNames?: boolean;
}

export async function renameSymbol(ws: RefactorWorkspace, id: string, newName: string, options: RenameOptions = {}): Promise<RefactorResult> {
  const found = await findSymbolSites(ws, id, { signal: options.signal, onFile: options.onProgress, keepExportNames: options.keepExportNames });
  const oldName = found.name;
  const language = ws.source(found.definition.path)?.module.family;
  if (!(language === 'python' ? PY_IDENT : JS_IDENT).test(newName) || RESERVED.has(newName)) throw new RefactorError(`"${newName}" is not a valid identifier`);
  if (newName === oldName) throw new RefactorError(`${oldName} already has that name`);

  const risky = [...found.risky];
  // A file that already binds the new name at module level would change meaning silently.
  for (const path of found.bindingFiles) {
    const facts = ws.facts(path);
    const clash = facts?.symbols.find((s) => s.parent === undefined && s.name === newName) ?? facts?.imports.flatMap((i) => i.bindings).find((b) => b.local === newName);
    if (clash) {
      const src = ws.source(path)!;
      const range = 'selection' in clash ? clash.selection : found.sites.find((s) => s.path === path)!.range;
      risky.push(spot(src, range, 'conflict', `${path} already binds ${newName}; the rename would collide with it`));
    }
  }
  if (risky.some((r) => r.kind === 'conflict')) {
    const first = risky.find((r) => r.kind === 'conflict')!;
    throw new RefactorError(first.message);
  }

  const perFile = new Map<string, TextEdit[]>();
  for (const s of found.sites) addEdit(perFile, s.path, { range: s.range, newText: s.shorthand ? `${oldName}: ${newName}` : s.keepsExportName ? `${newName} as ${oldName}` : newName });
  const files = new Set(found.sites.map((s) => s.path)).size;
  return buildResult(ws, 'rename', `rename ${found.definition.symbol.qname} to ${newName}: ${found.sites.length} edits in ${files} files`, perFile, risky);
}
