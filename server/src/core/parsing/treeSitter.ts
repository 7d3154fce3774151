import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Language, Parser, Query, type Tree } from 'web-tree-sitter';
import type { Extractor, LanguageModule } from '../languages/languageModule';
import type { FileFacts } from '../model';

// The one place that talks to web-tree-sitter; the rest of the engine sees facts, not trees.

/** grammars/ sits at the package root; walk up so this works from source and from dist/. */
export function findGrammarsDir(start = __dirname): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'grammars');
    if (existsSync(join(candidate, 'web-tree-sitter.wasm'))) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new Error(`grammars/web-tree-sitter.wasm not found above ${start}; run \`npm run build\``);
    dir = up;
  }
}

let runtimeReady: Promise<void> | undefined;

function initRuntime(grammarsDir: string): Promise<void> {
  runtimeReady ??= Parser.init({ locateFile: (file: string) => join(grammarsDir, file) });
  return runtimeReady;
}

interface Loaded {
  parser: Parser;
  extractor: Extractor;
}

/**
 * Grammars and parsers, one per grammar file for the whole process; extractors (with their
 * compiled queries), one per language module. Loading a grammar links another wasm module into
 * the runtime for good, and parsers and queries freed by the garbage collector were seen to
 * crash the runtime (`table index is out of bounds` in their finalizers) after many indexes had
 * come and gone; shared, they are made once and never collected. Sharing is safe: parsing is
 * synchronous.
 */
const grammars = new Map<string, Promise<{ language: Language; parser: Parser }>>();
const extractors = new WeakMap<LanguageModule, Extractor>();

export class TreeSitterHost {
  constructor(readonly grammarsDir: string = findGrammarsDir()) {}

  private async load(module: LanguageModule): Promise<Loaded> {
    const file = join(this.grammarsDir, module.grammarFile);
    let grammar = grammars.get(file);
    if (!grammar) {
      grammar = (async () => {
        await initRuntime(this.grammarsDir);
        const language = await Language.load(file);
        const parser = new Parser();
        parser.setLanguage(language);
        return { language, parser };
      })();
      // A grammar that failed to load may load next time (a build finishing, say): no caching a failure.
      grammar.catch(() => grammars.delete(file));
      grammars.set(file, grammar);
    }
    const { language, parser } = await grammar;
    let extractor = extractors.get(module);
    if (!extractor) {
      extractor = module.createExtractor(language, (source) => new Query(language, source));
      extractors.set(module, extractor);
    }
    return { parser, extractor };
  }

  /** Load grammars ahead of the first file, so a worker is ready when work arrives. */
  async warm(modules: readonly LanguageModule[]): Promise<void> {
    await Promise.all(modules.map((m) => this.load(m)));
  }

  /** What the parser reads for `source`: its repair where the grammar needs one (same length). */
  parserInput(module: LanguageModule, source: string): string {
    return module.repairSource?.(source) ?? source;
  }

  /** Parse and extract facts (read from `source`, parsed from its parserInput). The caller owns the returned tree. */
  async parse(module: LanguageModule, source: string): Promise<{ tree: Tree; facts: FileFacts }> {
    const { parser, extractor } = await this.load(module);
    const tree = parseInput(parser, module, this.parserInput(module, source));
    return { tree, ...unlessThrows(tree, () => ({ facts: extractor.extract(tree, source) })) };
  }

  /**
   * Parse and extract a document being edited: `oldTree` (edited with `tree.edit`) is reused,
   * `input` is what the parser reads (see parserInput), and `memo` what the previous call
   * returned for this document, so statements the edit left alone are not walked again.
   */
  async parseDocument(
    module: LanguageModule,
    source: string,
    oldTree: Tree | undefined,
    input: string,
    memo: unknown,
  ): Promise<{ tree: Tree; facts: FileFacts; memo: unknown }> {
    const { parser, extractor } = await this.load(module);
    const tree = parseInput(parser, module, input, oldTree);
    return {
      tree,
      ...unlessThrows(tree, () => (extractor.reextract ? extractor.reextract(tree, source, memo, input) : { facts: extractor.extract(tree, source), memo: undefined })),
    };
  }

  /** Parse and extract, releasing the tree at once: what bulk indexing wants. */
  async facts(module: LanguageModule, source: string): Promise<FileFacts> {
    const { tree, facts } = await this.parse(module, source);
    tree.delete();
    return facts;
  }

  /** A syntax tree without facts (refactors read trees directly). The caller owns it. */
  async tree(module: LanguageModule, source: string): Promise<Tree> {
    const { parser } = await this.load(module);
    return parseInput(parser, module, this.parserInput(module, source));
  }

  /** Parse only (for the benchmark's parse floor). */
  async parseOnly(module: LanguageModule, source: string): Promise<void> {
    const { parser } = await this.load(module);
    parser.parse(source)?.delete();
  }
}

function parseInput(parser: Parser, module: LanguageModule, input: string, oldTree?: Tree): Tree {
  const tree = parser.parse(input, oldTree ?? null);
  if (!tree) throw new Error(`tree-sitter returned no tree for a ${module.id} file`);
  return tree;
}

/** `extract` over `tree`; if it throws, the tree is freed before the error goes on. */
function unlessThrows<T>(tree: Tree, extract: () => T): T {
  try {
    return extract();
  } catch (e) {
    tree.delete();
    throw e;
  }
}
