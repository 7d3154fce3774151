import type { LanguageModule } from './languageModule';
import { createTsExtractor } from './ts/extract';
import { repairTypeScript } from './ts/grammarRepairs';

// TypeScript, TSX and JavaScript share one extractor; only the grammar differs. `.d.ts`
// files are TypeScript (their extension is `.ts`).

export const typescriptModule: LanguageModule = {
  id: 'typescript',
  extensions: ['.ts', '.mts', '.cts'],
  grammarFile: 'tree-sitter-typescript.wasm',
  family: 'js',
  repairSource: repairTypeScript,
  createExtractor: (_language, makeQuery) => createTsExtractor('typescript', makeQuery),
};

export const tsxModule: LanguageModule = {
  id: 'tsx',
  extensions: ['.tsx'],
  grammarFile: 'tree-sitter-tsx.wasm',
  family: 'js',
  createExtractor: (_language, makeQuery) => createTsExtractor('tsx', makeQuery),
};

export const javascriptModule: LanguageModule = {
  id: 'javascript',
  extensions: ['.js', '.jsx', '.mjs', '.cjs'],
  grammarFile: 'tree-sitter-javascript.wasm',
  family: 'js',
  createExtractor: (_language, makeQuery) => createTsExtractor('javascript', makeQuery),
};
