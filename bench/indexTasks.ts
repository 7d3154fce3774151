import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { WorkspaceIndex } from '../server/src/core/index/workspaceIndex';
import { languageForPath } from '../server/src/core/languages/registry';

// What the benchmark measures inside a child process, one phase per process, so each phase's
// peak RSS is its own and no phase inherits another's warm JIT or heap.

export interface ColdResult {
  ms: number;
  /** CPU time of the whole process (every thread: parse workers, V8's compiler and GC helpers) during the build. */
  cpuMs: number;
  files: number;
  lines: number;
  nodes: number;
  edges: number;
  fromCache: number;
  tsLines: number;
  pyLines: number;
}

/** Index with the given cache dir: empty → cold, populated → warm start. */
export async function indexOnce(root: string, cacheDir: string): Promise<ColdResult> {
  const index = new WorkspaceIndex(root, { cache: cacheDir });
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const s = await index.build();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  await index.dispose();
  const py = s.byLanguage.python?.lines ?? 0;
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, files: s.files, lines: s.lines, nodes: s.nodes, edges: s.edges, fromCache: s.fromCache, tsLines: s.lines - py, pyLines: py };
}

export interface EditLatency {
  file: string;
  lines: number;
  samples: number[];
  /** After each keystroke: re-linking the other files it affected (deferred until typing pauses). */
  settle: number[];
}

/**
 * Keystrokes in an open editor buffer: each edit types one character at a random column of a
 * random line (inside identifiers, strings, whitespace alike), the next deletes it again. The
 * time is from the change to the graph holding its result (parse, extract, commit, re-link).
 */
export async function editLatencies(root: string, files: string[], edits: number): Promise<EditLatency[]> {
  const index = new WorkspaceIndex(root, { cache: false });
  await index.build();
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: EditLatency[] = [];
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    const lines = text.split('\n');
    await index.openDocument(file, text);
    const samples: number[] = [];
    const settle: number[] = [];
    let typed: { line: number; character: number } | undefined;
    for (let i = 0; i < edits; i++) {
      let change;
      if (!typed) {
        const line = Math.floor(rand() * lines.length);
        const character = Math.floor(rand() * (lines[line].length + 1));
        typed = { line, character };
        change = { range: { start: typed, end: typed }, text: 'x' };
      } else {
        change = { range: { start: typed, end: { line: typed.line, character: typed.character + 1 } }, text: '' };
        typed = undefined;
      }
      const t0 = performance.now();
      await index.changeDocument(file, [change]);
      const t1 = performance.now();
      samples.push(t1 - t0);
      // The pause after the keystroke: the files it affected are re-linked now.
      await index.whenCurrent();
      settle.push(performance.now() - t1);
    }
    out.push({ file, lines: lines.length, samples, settle });
  }
  await index.dispose();
  return out;
}

/** Source files the index would parse, for the parse floor (same discovery as the index). */
export async function indexedFiles(root: string): Promise<{ abs: string; language: string }[]> {
  const index = new WorkspaceIndex(root, { cache: false });
  try {
    await index.build();
    return index.filePaths().map((p) => ({ abs: join(root, p), language: languageForPath(p)!.id }));
  } finally {
    await index.dispose();
  }
}

/** Positions of declared functions and methods, spread over the workspace, for LSP latency. */
export async function samplePositions(root: string, count: number): Promise<{ file: string; line: number; character: number }[]> {
  const index = new WorkspaceIndex(root, { cache: false });
  await index.build();
  const all: { file: string; line: number; character: number }[] = [];
  for (const [file, facts] of index.allFacts()) {
    for (const s of facts.symbols) {
      if (s.kind === 'function' || s.kind === 'method') all.push({ file, line: s.selection[0], character: s.selection[1] });
    }
  }
  await index.dispose();
  all.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}
