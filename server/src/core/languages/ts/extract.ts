import type { Query, Tree } from 'web-tree-sitter';
import type { FileFacts, LanguageId } from '../../model';
import type { Extractor } from '../languageModule';
import { countLines } from './text';
import { collectTopLevelNames } from './topLevel';
import { Walker } from './walker';

// Facts of one JS/TS/TSX file: a pass collecting module-level names, then one walk.

const ERROR_QUERY = '(ERROR) @error (MISSING) @missing';

export function createTsExtractor(language: LanguageId, makeQuery: (source: string) => Query): Extractor {
  const errorQuery = makeQuery(ERROR_QUERY);
  return {
    extract(tree: Tree, source: string): FileFacts {
      const root = tree.rootNode;
      const walker = new Walker(source, collectTopLevelNames(source, root));
      walker.program(root);
      const errorCount = root.hasError ? errorQuery.captures(root).length : 0;
      return walker.facts.finish(language, errorCount, countLines(source));
    },
  };
}
