import type { LanguageModule } from './languageModule';
import { createPythonExtractor } from './python/extract';

export const pythonModule: LanguageModule = {
  id: 'python',
  extensions: ['.py', '.pyi'],
  grammarFile: 'tree-sitter-python.wasm',
  family: 'python',
  createExtractor: createPythonExtractor,
};
