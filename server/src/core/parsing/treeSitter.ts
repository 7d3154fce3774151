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

export class TreeSitterHost {
  private readonly loaded = new Map<string, Promise<Loaded>>();

  constructor(readonly grammarsDir: string = findGrammarsDir()) {}

  private load(module: LanguageModule): Promise<Loaded> {
    let entry = this.loaded.get(module.id);
    if (!entry) {
      entry = (async () => {
        await initRuntime(this.grammarsDir);
        const language = await Language.load(join(this.grammarsDir, module.grammarFile));
        const parser = new Parser();
        parser.setLanguage(language);
        const extractor = module.createExtractor(language, (source) => new Query(language, source));
        return { parser, extractor };
      })();
      this.loaded.set(module.id, entry);
    }
    return entry;
  }

  /** Load grammars ahead of the first file, so a worker is ready when work arrives. */
  async warm(modules: readonly LanguageModule[]): Promise<void> {
    await Promise.all(modules.map((m) => this.load(m)));
  }

  /** Parse (reusing `oldTree` if it was edited with `tree.edit`) and extract facts. The caller owns the returned tree. */
  async parse(module: LanguageModule, source: string, oldTree?: Tree): Promise<{ tree: Tree; facts: FileFacts }> {
    const { parser, extractor } = await this.load(module);
    const tree = parser.parse(source, oldTree ?? null);
    if (!tree) throw new Error(`tree-sitter returned no tree for a ${module.id} file`);
    return { tree, facts: extractor.extract(tree, source) };
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
    const tree = parser.parse(source);
    if (!tree) throw new Error(`tree-sitter returned no tree for a ${module.id} file`);
    return tree;
  }

  /** Parse only (for the benchmark's parse floor). */
  async parseOnly(module: LanguageModule, source: string): Promise<void> {
    const { parser } = await this.load(module);
    parser.parse(source)?.delete();
  }
}
