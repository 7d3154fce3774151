import {
  SymbolKind as LspSymbolKind,
  type CallHierarchyItem,
  type DocumentSymbol,
  type Location,
  type Range as LspRange,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { NodeAttrs, NodeKind } from '../core/graph/types';
import type { Range, SymbolFact } from '../core/model';
import type { Folder, ServerState } from './serverState';

// The one place where graph shapes become protocol shapes.

export function toRange(r: Range): LspRange {
  return { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } };
}

export function toRangeTuple(r: LspRange): Range {
  return [r.start.line, r.start.character, r.end.line, r.end.character];
}

const KINDS: Record<NodeKind, LspSymbolKind> = {
  file: LspSymbolKind.File,
  package: LspSymbolKind.Package,
  'external-module': LspSymbolKind.Module,
  'external-symbol': LspSymbolKind.Function,
  class: LspSymbolKind.Class,
  interface: LspSymbolKind.Interface,
  enum: LspSymbolKind.Enum,
  type: LspSymbolKind.TypeParameter,
  function: LspSymbolKind.Function,
  method: LspSymbolKind.Method,
  constructor: LspSymbolKind.Constructor,
  getter: LspSymbolKind.Property,
  setter: LspSymbolKind.Property,
  variable: LspSymbolKind.Variable,
};

export function toSymbolKind(kind: NodeKind): LspSymbolKind {
  return KINDS[kind] ?? LspSymbolKind.Object;
}

export function toLocation(state: ServerState, folder: Folder, attrs: NodeAttrs, whole = false): Location | undefined {
  const r = whole ? attrs.range : (attrs.selection ?? attrs.range);
  if (!attrs.file || !r) return undefined;
  return { uri: state.uriOf(folder, attrs.file), range: toRange(r) };
}

export function toSymbolInformation(state: ServerState, folder: Folder, attrs: NodeAttrs): SymbolInformation | undefined {
  const location = toLocation(state, folder, attrs);
  if (!location) return undefined;
  const dot = attrs.qname.lastIndexOf('.');
  return { name: attrs.name, kind: toSymbolKind(attrs.kind), location, containerName: dot > 0 ? attrs.qname.slice(0, dot) : attrs.file };
}

/** Nest a file's symbols by their `parent` qnames. */
export function toDocumentSymbols(symbols: readonly SymbolFact[]): DocumentSymbol[] {
  const byQname = new Map<string, DocumentSymbol>();
  const roots: DocumentSymbol[] = [];
  for (const s of symbols) {
    const ds: DocumentSymbol = {
      name: s.name,
      detail: s.signature,
      kind: toSymbolKind(s.kind),
      range: toRange(s.range),
      selectionRange: toRange(s.selection),
      children: [],
    };
    byQname.set(s.qname, ds);
    const parent = s.parent !== undefined ? byQname.get(s.parent) : undefined;
    (parent ? parent.children! : roots).push(ds);
  }
  return roots;
}

export interface HierarchyData {
  folder: string;
  id: string;
}

export function toCallHierarchyItem(state: ServerState, folder: Folder, id: string, attrs: NodeAttrs): CallHierarchyItem | undefined {
  const loc = toLocation(state, folder, attrs);
  if (!loc || !attrs.range) return undefined;
  const data: HierarchyData = { folder: folder.root, id };
  return {
    name: attrs.kind === 'file' ? attrs.file! : attrs.name,
    kind: toSymbolKind(attrs.kind),
    detail: attrs.kind === 'file' ? 'module' : `${attrs.qname} · ${attrs.file}`,
    uri: loc.uri,
    range: toRange(attrs.range),
    selectionRange: loc.range,
    data,
  };
}
