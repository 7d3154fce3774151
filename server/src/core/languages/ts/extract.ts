import type { Node, Query, Tree } from 'web-tree-sitter';
import type { FileFacts, LanguageId } from '../../model';
import type { Extractor } from '../languageModule';
import { ReplayRefused, walkStatements, type StatementMemo } from './statementReuse';
import { countLines } from './text';
import { collectTopLevelNames } from './topLevel';
import { Walker } from './walker';

// Facts of one JS/TS/TSX file: a pass collecting module-level names, then one walk.

const ERROR_QUERY = '(ERROR) @error (MISSING) @missing';

export function createTsExtractor(language: LanguageId, makeQuery: (source: string) => Query): Extractor {
  const errorQuery = makeQuery(ERROR_QUERY);
  const countErrors = (node: Node): number => errorQuery.captures(node).length;
  return {
    extract(tree: Tree, source: string): FileFacts {
      const root = tree.rootNode;
      const walker = new Walker(source, collectTopLevelNames(source, root));
      walker.program(root);
      return walker.facts.finish(language, root.hasError ? countErrors(root) : 0, countLines(source));
    },
    reextract(tree: Tree, source: string, previous: unknown, input: string): { facts: FileFacts; memo: unknown } {
      const root = tree.rootNode;
      const top = collectTopLevelNames(source, root);
      let walker = new Walker(source, top);
      let memo: StatementMemo;
      try {
        memo = walkStatements(walker, root, input, previous as StatementMemo | undefined, countErrors);
      } catch (e) {
        if (!(e instanceof ReplayRefused)) throw e;
        walker = new Walker(source, top);
        memo = walkStatements(walker, root, input, undefined, countErrors);
      }
      return { facts: walker.facts.finish(language, memo.errors, countLines(source)), memo };
    },
  };
}
