import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultCacheDir, describeCorpus, ensureCorpus, isCorpusName, repoRoot, CORPORA, type CorpusName } from './corpora';
import { generateMonorepo, isGeneratedMonorepo, readGeneratedMonorepo } from './generateMonorepo';
import { editLatencies, indexedFiles, indexOnce, samplePositions } from './indexTasks';
import { measureLsp } from './lspTasks';
import { machineInfo, median, percentile, runAsChild, runInChild } from './measure';
import { measureParseFloor, type FloorFile } from './parseFloor';
import { writeBenchmarksMd, type BenchReport, type WorkspaceResult } from './report';

// `npm run bench`: indexes the generated monorepo (and any corpora or folders named on the
// command line) in fresh child processes — cold, warm, parse floor, keystroke latency — then
// drives the language server, and writes the medians to BENCHMARKS.md. Never a timed test.

const USAGE = `usage: npm run bench -- [options] [folder...]
  --runs <n>        cold/warm/floor runs per workspace (default 3; medians are reported)
  --lines <n>       size of the generated monorepo (default 500000)
  --corpus <name>   also index a real corpus: ${CORPORA.join(', ')} (repeatable)
  --no-generated    skip the generated monorepo
  --no-lsp          skip the language-server numbers
  --edits <n>       keystrokes per edited file (default 60)
  --out <file>      where to write the table (default BENCHMARKS.md)`;

interface Options {
  runs: number;
  lines: number;
  corpora: CorpusName[];
  folders: string[];
  generated: boolean;
  lsp: boolean;
  edits: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { runs: 3, lines: 500_000, corpora: [], folders: [], generated: true, lsp: true, edits: 60, out: join(repoRoot(), 'BENCHMARKS.md') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--runs') o.runs = Math.max(1, Number(next()));
    else if (a === '--lines') o.lines = Number(next());
    else if (a === '--edits') o.edits = Math.max(10, Number(next()));
    else if (a === '--out') o.out = resolve(next());
    else if (a === '--no-generated') o.generated = false;
    else if (a === '--no-lsp') o.lsp = false;
    else if (a === '--corpus') {
      const c = next();
      if (!isCorpusName(c)) throw new Error(`unknown corpus ${c}; known: ${CORPORA.join(', ')}`);
      o.corpora.push(c);
    } else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else o.folders.push(resolve(a));
  }
  for (const f of o.folders) if (!existsSync(f)) throw new Error(`no such folder: ${f}`);
  return o;
}

// ---- child side: one measured phase per process ----------------------------------------------

type Task =
  | { task: 'index'; root: string; cacheDir: string }
  | { task: 'floor'; root: string; runs: number }
  | { task: 'edits'; root: string; files: string[]; edits: number }
  | { task: 'positions'; root: string; count: number };

async function childMain(args: string[]): Promise<unknown> {
  const t = JSON.parse(args[1]) as Task;
  switch (t.task) {
    case 'index':
      return indexOnce(t.root, t.cacheDir);
    case 'floor': {
      const files = (await indexedFiles(t.root)) as FloorFile[];
      const runs = [];
      for (let i = 0; i < t.runs; i++) runs.push(await measureParseFloor(files));
      const ms = median(runs.map((r) => r.ms));
      return { ms, lines: runs[0].lines, bytes: runs[0].bytes };
    }
    case 'edits':
      return editLatencies(t.root, t.files, t.edits);
    case 'positions':
      return samplePositions(t.root, t.count);
  }
}

// ---- parent side ----------------------------------------------------------------------------

async function child<T>(task: Task): Promise<{ result: T; maxRssMB: number }> {
  return runInChild<T>(__filename, ['--child', JSON.stringify(task)], { timeoutMs: 30 * 60_000 });
}

/** A small (~40 lines) and a large (~5,000 lines) TypeScript or Python file of the workspace. */
function editTargets(root: string, files: string[]): string[] {
  const withLines = files
    .filter((f) => /\.(ts|tsx|py)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => ({ f, lines: readFileSync(join(root, f), 'utf8').split('\n').length }));
  const closest = (n: number) => withLines.reduce((best, x) => (Math.abs(x.lines - n) < Math.abs(best.lines - n) ? x : best)).f;
  return withLines.length ? [closest(40), closest(5000)] : [];
}

/** Per workspace: the deferred part of keystrokes, reported under the table. */
const settleNotes: string[] = [];

async function benchWorkspace(name: string, source: string, root: string, o: Options, known?: { small: string; large: string }): Promise<WorkspaceResult> {
  console.log(`\n== ${name} (${root})`);
  const cold: number[] = [];
  const coldCpu: number[] = [];
  const warm: number[] = [];
  let peakRssMB = 0;
  let counts: Awaited<ReturnType<typeof indexOnce>> | undefined;
  for (let i = 0; i < o.runs; i++) {
    const cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-bench-cache-'));
    try {
      const c = await child<Awaited<ReturnType<typeof indexOnce>>>({ task: 'index', root, cacheDir });
      cold.push(c.result.ms);
      coldCpu.push(c.result.cpuMs);
      peakRssMB = Math.max(peakRssMB, c.maxRssMB);
      counts = c.result;
      const w = await child<Awaited<ReturnType<typeof indexOnce>>>({ task: 'index', root, cacheDir });
      if (w.result.fromCache !== w.result.files) throw new Error(`warm start re-parsed ${w.result.files - w.result.fromCache} files`);
      warm.push(w.result.ms);
      console.log(`  run ${i + 1}: cold ${cold[i].toFixed(0)} ms (CPU ${coldCpu[i].toFixed(0)} ms, peak RSS ${c.maxRssMB.toFixed(0)} MB), warm ${warm[i].toFixed(0)} ms`);
    } finally {
      rmSync(cacheDir, { recursive: true, force: true });
    }
  }
  const floor = await child<{ ms: number; lines: number; bytes: number }>({ task: 'floor', root, runs: o.runs });
  console.log(`  parse floor ${floor.result.ms.toFixed(0)} ms for ${floor.result.lines} lines`);
  const files = (await indexedFiles(root)).map((f) => f.abs.slice(root.length + 1));
  const [small, large] = known ? [known.small, known.large] : editTargets(root, files);
  const edits = await child<Awaited<ReturnType<typeof editLatencies>>>({ task: 'edits', root, files: [small, large], edits: o.edits });
  // The first keystrokes pay for JIT warm-up of the edit path; steady typing is what is measured.
  const steady = (x: { samples: number[] }) => x.samples.slice(5);
  const [es, el] = edits.result;
  console.log(`  edits: ${es.file} (${es.lines} lines), ${el.file} (${el.lines} lines)`);
  const settleNote = (x: typeof es) => `${x.file}: p50 ${percentile(x.settle.slice(5), 50).toFixed(1)} ms, p95 ${percentile(x.settle.slice(5), 95).toFixed(1)} ms`;
  settleNotes.push(`${name}: re-linking the files a keystroke affected, once typing pauses — ${settleNote(es)}; ${settleNote(el)}.`);
  const result: WorkspaceResult = {
    name,
    source,
    files: counts!.files,
    lines: counts!.lines,
    tsLines: counts!.tsLines,
    pyLines: counts!.pyLines,
    cold: { runsMs: cold, peakRssMB, cpuMs: coldCpu },
    warm: { runsMs: warm },
    parseFloor: floor.result,
    incremental: {
      small: { file: es.file, fileLines: es.lines, samplesMs: steady(es) },
      large: { file: el.file, fileLines: el.lines, samplesMs: steady(el) },
    },
  };
  if (o.lsp) {
    const positions = await child<{ file: string; line: number; character: number }[]>({ task: 'positions', root, count: 100 });
    const lsp = await measureLsp(root, positions.result);
    console.log(`  lsp: ready in ${lsp.readyMs.toFixed(0)} ms, server RSS ${lsp.rssMB.toFixed(0)} MB`);
    result.lsp = { readyMs: lsp.readyMs, hoverMs: lsp.hover, referencesMs: lsp.references, callHierarchyMs: lsp.callHierarchy, serverRssMB: lsp.rssMB };
  }
  return result;
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const workspaces: WorkspaceResult[] = [];
  const notes: string[] = [
    'Cold and warm runs each start a fresh process; cold uses an empty cache directory, warm reopens the cache it wrote. A time ends when the index is ready for questions; the cache is written after that (as in the editor, where it is saved a second later), so writing it counts in the peak RSS but not in the time.',
    'Parse floor: the same files parsed by web-tree-sitter on one thread, files read and grammars loaded before the clock starts; the ratio is cold index time over it.',
    'Keystroke latency: one character typed at a random column of a random line of an open document (then deleted again), from the change to the graph holding the edited file\'s new nodes and edges (incremental re-parse, extraction, re-link); other files whose links the keystroke affects (a renamed declaration) are re-linked once typing pauses or before the next request, timed separately below; the first 5 keystrokes (JIT warm-up) are left out.',
    'LSP: time from spawning the server and sending `initialize` to its ready notification (cold, empty cache), then hover, references and prepareCallHierarchy+incomingCalls at 100 declarations spread over the workspace.',
  ];
  if (o.generated) {
    const dir = join(defaultCacheDir(), `monorepo-${o.lines}`);
    let info = readGeneratedMonorepo(dir, { lines: o.lines });
    if (!info) {
      console.log(`generating a ${o.lines.toLocaleString('en-US')}-line monorepo in ${dir}`);
      if (!isGeneratedMonorepo(dir)) rmSync(dir, { recursive: true, force: true });
      info = await generateMonorepo(dir, { lines: o.lines });
    }
    workspaces.push(await benchWorkspace('generated monorepo', `generated, ${info.files} files, seed 1`, dir, o, { small: info.smallFile, large: info.largeFile }));
  }
  for (const c of o.corpora) {
    const root = await ensureCorpus(c);
    workspaces.push(await benchWorkspace(c, describeCorpus(c), root, o));
  }
  for (const f of o.folders) workspaces.push(await benchWorkspace(f.split('/').pop() ?? f, f, f, o));
  const report: BenchReport = { date: new Date().toISOString(), machine: machineInfo(), runs: o.runs, workspaces, notes: [...notes, ...settleNotes] };
  await writeBenchmarksMd(o.out, report);
  console.log(`\nwrote ${o.out}`);
}

if (process.argv[2] === '--child') runAsChild(childMain);
else
  main().catch((e: unknown) => {
    console.error(`bench: ${(e as Error).message}`);
    process.exitCode = 1;
  });
