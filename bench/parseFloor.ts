import { readFileSync } from 'node:fs';
import type { LanguageModule } from '../server/src/core/languages/languageModule';
import { languageById, languageForPath, SOURCE_EXTENSIONS } from '../server/src/core/languages/registry';
import { emptyFacts, type LanguageId } from '../server/src/core/model';
import { TreeSitterHost, findGrammarsDir } from '../server/src/core/parsing/treeSitter';
import { DEFAULT_SKIP_DIRS, countBufferLines, listFiles } from './measure';

// The parse floor: what tree-sitter alone needs to parse every file once on one thread. The
// index time is reported as a multiple of it, which says how much the engine adds on top.
// Grammars are loaded through TreeSitterHost rather than a second Parser.init: web-tree-sitter
// keeps one global wasm module, and initialising it again would orphan the engine's parsers
// when the floor is measured in the same process as the index.

export type FloorLanguage = LanguageId;

export interface FloorFile {
  abs: string;
  language: FloorLanguage;
}

export interface ParseFloor {
  /** Parsing only: files are read and grammars loaded before the clock starts. */
  ms: number;
  lines: number;
  bytes: number;
  files: number;
  /** Files that could not be read (they are left out of every number). */
  unreadable: string[];
}

/** The language the engine would parse this file as (one mapping: the engine's registry). */
export function floorLanguageFor(path: string): FloorLanguage | undefined {
  return languageForPath(path.replace(/\\/g, '/'))?.id;
}

/** Every TypeScript/JavaScript/Python file under `dir` with its grammar, in a stable order. */
export function sourceFilesIn(dir: string, skipDirs: readonly string[] = DEFAULT_SKIP_DIRS): FloorFile[] {
  return listFiles(dir, [...SOURCE_EXTENSIONS], skipDirs).map((abs) => ({ abs, language: floorLanguageFor(abs)! }));
}

/** The engine's language module with extraction switched off: tree-sitter parsing alone. */
export function grammarOnlyModule(language: FloorLanguage): LanguageModule {
  return { ...languageById(language), createExtractor: () => ({ extract: () => emptyFacts(language) }) };
}

export async function measureParseFloor(files: readonly FloorFile[], grammarsDir: string = findGrammarsDir()): Promise<ParseFloor> {
  const texts: { text: string; module: LanguageModule }[] = [];
  const modules = new Map<FloorLanguage, LanguageModule>();
  const unreadable: string[] = [];
  let lines = 0;
  let bytes = 0;
  for (const f of files) {
    let buf: Buffer;
    try {
      buf = readFileSync(f.abs);
    } catch {
      unreadable.push(f.abs);
      continue;
    }
    lines += countBufferLines(buf);
    bytes += buf.length;
    let module = modules.get(f.language);
    if (!module) modules.set(f.language, (module = grammarOnlyModule(f.language)));
    texts.push({ text: buf.toString('utf8'), module });
  }
  const host = new TreeSitterHost(grammarsDir);
  for (const module of modules.values()) await host.parseOnly(module, ''); // grammar loads stay outside the clock
  (globalThis as { gc?: () => void }).gc?.();
  const start = performance.now();
  for (const { text, module } of texts) await host.parseOnly(module, text);
  const ms = performance.now() - start;
  return { ms, lines, bytes, files: texts.length, unreadable };
}
