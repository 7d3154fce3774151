import type { Language, Query, Tree } from 'web-tree-sitter';
import type { FileFacts, LanguageId } from '../model';

// Adding a language is adding one module that satisfies this interface, registering it in
// ./registry.ts and naming its grammar's npm package in grammars.json (the build copies the
// wasm into grammars/). Nothing else in the engine names languages.

/** How imports of this language are turned into files; one resolver per family. */
export type ResolverFamily = 'js' | 'python';

export interface Extractor {
  extract(tree: Tree, source: string): FileFacts;
  /**
   * The same facts as `extract`, for a document being edited: `previous` is what the last
   * call left for this document (undefined the first time), and the returned memo goes to the
   * next; `input` is what the tree was parsed from (see repairSource). Languages without it
   * are extracted whole on every edit.
   */
  reextract?(tree: Tree, source: string, previous: unknown, input: string): { facts: FileFacts; memo: unknown };
}

export interface LanguageModule {
  readonly id: LanguageId;
  /** Lower-case file extensions with the dot, e.g. `.ts`. */
  readonly extensions: readonly string[];
  /** File name of the wasm grammar in grammars/. */
  readonly grammarFile: string;
  readonly family: ResolverFamily;
  /**
   * The text as the grammar can read it where the grammar is known to misparse valid code: a
   * rewrite of the same length, so every position in its tree is the original's. Identity (the
   * same string) when nothing applies; absent when the grammar needs no help.
   */
  repairSource?(text: string): string;
  /** Compile queries once per loaded grammar; the extractor is reused for every file. */
  createExtractor(language: Language, makeQuery: (source: string) => Query): Extractor;
}
