import type { FileFacts, ImportFact } from '../model';
import type { Resolution as ModuleResolution } from '../resolve/resolveHost';
import type { ResolverFamily } from '../languages/languageModule';

// What the linker may ask of the workspace. The index implements it and records every
// question (files consulted, paths probed, names looked up) so that a change re-links
// exactly the files whose answers could change.

export interface SymbolRef {
  path: string;
  qname: string;
}

export interface LinkContext {
  /** Facts of an indexed file; undefined when the path is not indexed. */
  facts(path: string): FileFacts | undefined;
  family(path: string): ResolverFamily | undefined;
  resolveImport(fromPath: string, imp: ImportFact): ModuleResolution;
  /** Python `from pkg import name` where `name` is a submodule rather than a symbol. */
  resolvePythonSubmodule(fromPath: string, packageFile: string, name: string): string | undefined;
  /** Callable symbols with this name anywhere in the workspace, for name-only guesses. */
  symbolsNamed(name: string): readonly SymbolRef[];
  /** The package directory and display name a file belongs to, if any. */
  packageOf(path: string): { dir: string; name: string } | undefined;
}
