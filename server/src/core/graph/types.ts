import type { LanguageId, Range, SymbolKind } from '../model';
import type { ExternalSpace } from './ids';

export type NodeKind = 'file' | 'package' | 'external-module' | 'external-symbol' | SymbolKind;

export interface NodeAttrs {
  kind: NodeKind;
  name: string;
  /** Dotted path a user would type: `auth/login.handleLogin`, `Repo.save`, `express.Router`. */
  qname: string;
  /** Root-relative file path; absent for packages and externals. */
  file?: string;
  range?: Range;
  selection?: Range;
  signature?: string;
  doc?: string;
  exported?: boolean;
  language?: LanguageId;
  /** For external nodes: which world they come from. */
  space?: ExternalSpace;
}

export type EdgeKind = 'contains' | 'imports' | 'calls' | 'extends' | 'implements' | 'references';

/** How a call (or other use) was tied to its target; `name` is a guess from the name alone. */
export type Resolution = 'import' | 'scope' | 'this' | 'instantiation' | 'name';

export interface EdgeAttrs {
  kind: EdgeKind;
  resolution?: Resolution;
  /** 1 for resolved through imports/scope; lower for inferred receivers; name guesses stay ≤ 0.5. */
  confidence?: number;
  /** Where in the source file the use happens (calls, references, imports, heritage). */
  sites?: Range[];
  /** Names an import brings in (`default`, `*`, `Router`). */
  names?: string[];
}

/**
 * Edge attributes with only the fields that are set, each shape built by one literal: fields
 * added one by one would give most of the ~200k edges of a big workspace a separate property
 * store, and the shapes a linked and a restored graph use would differ.
 */
export function edgeAttrs(kind: EdgeKind, resolution?: Resolution, confidence?: number, sites?: Range[], names?: string[]): EdgeAttrs {
  if (resolution !== undefined && confidence !== undefined && sites !== undefined && names === undefined) return { kind, resolution, confidence, sites };
  if (resolution === undefined && confidence === undefined && sites === undefined && names === undefined) return { kind };
  if (resolution === undefined && confidence === undefined && sites !== undefined && names !== undefined) return { kind, sites, names };
  const attrs: EdgeAttrs = { kind };
  if (resolution !== undefined) attrs.resolution = resolution;
  if (confidence !== undefined) attrs.confidence = confidence;
  if (sites !== undefined) attrs.sites = sites;
  if (names !== undefined) attrs.names = names;
  return attrs;
}

/** An edge as the linker produces it, before it is put in the graph. */
export interface EdgeSpec extends EdgeAttrs {
  source: string;
  target: string;
  /** A package or external endpoint: created with the first edge that needs it, dropped with the last. */
  shared?: { id: string; attrs: NodeAttrs };
}

/** A file's saved edges ready for the graph, side by side, with the shared nodes they need. */
export interface RestoredEdges {
  sources: string[];
  targets: string[];
  attrs: EdgeAttrs[];
  /** Shared endpoints (packages, externals), each once, with the attributes the graph had. */
  shared: { id: string; attrs: NodeAttrs }[];
}
