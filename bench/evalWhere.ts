import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { engineFor } from '../server/src/core/answer/forIndex';
import type { AnswerHit } from '../server/src/core/answer/types';
import { WorkspaceIndex } from '../server/src/core/index/workspaceIndex';
import { describeCorpus, ensureCorpus, isCorpusName, repoRoot } from './corpora';
import { generateMonorepo, readGeneratedMonorepo } from './generateMonorepo';
import { writeBlock } from './markedBlocks';
import { machineInfo, median, percentile } from './measure';
import { FileBm25 } from './whereBaseline';
import { collectGarbage } from '../server/src/core/index/collectGarbage';

// `npm run eval:where -- <questions.json>...`: hit@1 and hit@5 of the answer engine at file and
// symbol level against gold answers, a plain BM25-over-files baseline beside it, and answer
// latency (no model) on the generated 500k-line monorepo. Results go to stdout and, with
// --write, into the `where` block of BENCHMARKS.md (the rest of the file is left alone).
//
// A question file: { "workspace": "test/fixtures/ask-app" | { "corpus": "effect" | "django" },
//   "questions": [ { "question": "...", "gold": { "files": ["src/a.ts"], "symbols": ["verifyToken"] } } ] }
// Gold files are root-relative; a gold symbol is a name, a qualified name (`Repo.save`) or
// `file:qname`. Gold answers are decided by reading the code, never from the engine's output.

const USAGE = `usage: npm run eval:where -- [options] <questions.json>...
  --write           write the results into BENCHMARKS.md (block "where")
  --latency         also measure answer latency on the generated monorepo
  --lines <n>       size of that monorepo (default 500000)
  --verbose         print every question with its top hits`;

interface GoldQuestion {
  question: string;
  gold: { files?: string[]; symbols?: string[] };
}
interface QuestionSet {
  workspace: string | { corpus: string };
  description?: string;
  questions: GoldQuestion[];
}

interface SetResult {
  name: string;
  workspace: string;
  questions: number;
  withSymbols: number;
  ours: { file1: number; file5: number; sym1: number; sym5: number };
  bm25: { file1: number; file5: number };
  latency: { p50: number; p95: number; cpuP50: number; cpuP95: number };
  misses: string[];
}

async function rootOf(ws: QuestionSet['workspace'], setPath: string): Promise<{ root: string; label: string }> {
  if (typeof ws === 'string') return { root: resolve(repoRoot(), ws), label: ws };
  if (!isCorpusName(ws.corpus)) throw new Error(`${setPath}: unknown corpus ${ws.corpus}`);
  const root = await ensureCorpus(ws.corpus);
  return { root, label: describeCorpus(ws.corpus) };
}

function symbolMatches(h: AnswerHit, gold: string): boolean {
  return h.qname === gold || h.name === gold || `${h.file}:${h.qname}` === gold;
}

async function evalSet(path: string, verbose: boolean): Promise<SetResult> {
  const set = JSON.parse(readFileSync(path, 'utf8')) as QuestionSet;
  if (!Array.isArray(set.questions) || !set.questions.length) throw new Error(`${path}: no questions`);
  const { root, label } = await rootOf(set.workspace, path);
  const cacheDir = mkdtempSync(join(tmpdir(), 'sparkgraph-eval-cache-'));
  const index = new WorkspaceIndex(root, { cache: cacheDir });
  try {
    await index.build();
    const engine = engineFor(index);
    engine.prepare();
    const bm25 = new FileBm25(root, index.filePaths());
    const r: SetResult = { name: path.split('/').pop()!.replace(/\.json$/, ''), workspace: label, questions: set.questions.length, withSymbols: 0, ours: { file1: 0, file5: 0, sym1: 0, sym5: 0 }, bm25: { file1: 0, file5: 0 }, latency: { p50: 0, p95: 0, cpuP50: 0, cpuP95: 0 }, misses: [] };
    const times: number[] = [];
    const cpu: number[] = [];
    for (const q of set.questions) {
      const files = new Set(q.gold.files ?? []);
      const symbols = q.gold.symbols ?? [];
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const hits = engine.ask(q.question, { k: 10 }).hits;
      const dc = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((dc.user + dc.system) / 1000);
      const fileAt = (n: number) => hits.slice(0, n).some((h) => files.has(h.file));
      const symAt = (n: number) => hits.slice(0, n).some((h) => symbols.some((s) => symbolMatches(h, s)));
      if (fileAt(1)) r.ours.file1++;
      if (fileAt(5)) r.ours.file5++;
      if (symbols.length) {
        r.withSymbols++;
        if (symAt(1)) r.ours.sym1++;
        if (symAt(5)) r.ours.sym5++;
      }
      const base = bm25.search(q.question, 5);
      if (base.slice(0, 1).some((f) => files.has(f))) r.bm25.file1++;
      if (base.some((f) => files.has(f))) r.bm25.file5++;
      const miss = !fileAt(5) || (symbols.length > 0 && !symAt(5));
      if (miss) r.misses.push(`${q.question}  →  ${hits.slice(0, 5).map((h) => `${h.file}:${h.qname}`).join(', ')}`);
      if (verbose) {
        console.log(`${miss ? '✗' : '✓'} ${q.question}`);
        for (const h of hits.slice(0, 5)) console.log(`    ${h.file}:${h.line + 1} ${h.qname} — ${h.reason}`);
      }
    }
    r.latency = { p50: median(times), p95: percentile(times, 95), cpuP50: median(cpu), cpuP95: percentile(cpu, 95) };
    return r;
  } finally {
    await index.dispose();
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

/** Questions for timing: built from the monorepo's own names so every one has matches. */
function latencyQuestions(names: string[]): string[] {
  const forms = ['where is {} handled?', 'where do we {}?', 'which code does {}', 'who calls {}', 'where is the {} logic'];
  const out: string[] = [];
  for (let i = 0; i < names.length; i++) {
    const words = names[i].replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase();
    const form = forms[i % forms.length];
    out.push(form.replace('{}', form.startsWith('who calls') ? names[i] : words));
  }
  out.push('how do I add a new API endpoint following our conventions?', 'where is the config read?', 'where are errors logged?');
  return out;
}

async function measureLatency(lines: number): Promise<{ files: number; lines: number; firstMs: number; p50: number; p95: number; max: number; cpuP50: number; cpuP95: number; load: number; samples: number; questions: number; extraMB: number }> {
  const dir = join(repoRoot(), 'bench-data', `monorepo-${lines}`);
  let info = readGeneratedMonorepo(dir, { lines });
  if (!info) info = await generateMonorepo(dir, { lines });
  const cacheDir = join(repoRoot(), 'bench-data', `.eval-cache-${lines}`);
  const index = new WorkspaceIndex(dir, { cache: cacheDir });
  try {
    const summary = await index.build();
    collectGarbage();
    const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
    const engine = engineFor(index);
    const t0 = performance.now();
    engine.prepare();
    const firstMs = performance.now() - t0;
    collectGarbage();
    const extraMB = (process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore) / 2 ** 20;
    // Every 97th symbol name, in id order: deterministic and spread over the whole repo.
    const names: string[] = [];
    let i = 0;
    index.graph.graph.forEachNode((_id, a) => {
      if ((a.kind === 'function' || a.kind === 'method' || a.kind === 'class') && a.file && i++ % 97 === 0) names.push(a.name);
    });
    const questions = latencyQuestions(names.sort().filter((n, j, all) => all.indexOf(n) === j).slice(0, 60));
    // Wall time, and the process's CPU time: on a shared machine the CPU time is what one
    // answer costs; the wall time also holds waiting for the other processes.
    const times: number[] = [];
    const cpu: number[] = [];
    const load = loadavg()[0];
    for (let round = 0; round < 3; round++) {
      for (const q of questions) {
        const s = performance.now();
        const c = process.cpuUsage();
        engine.ask(q, { k: 10 });
        const dc = process.cpuUsage(c);
        times.push(performance.now() - s);
        cpu.push((dc.user + dc.system) / 1000);
      }
    }
    return {
      files: summary.files,
      lines: summary.lines,
      firstMs,
      p50: median(times),
      p95: percentile(times, 95),
      max: Math.max(...times),
      cpuP50: median(cpu),
      cpuP95: percentile(cpu, 95),
      load: Math.max(load, loadavg()[0]),
      samples: times.length,
      questions: questions.length,
      extraMB,
    };
  } finally {
    await index.dispose();
  }
}

const pct = (n: number, d: number) => (d ? (n / d).toFixed(2) : '—');

function report(results: SetResult[], latency: Awaited<ReturnType<typeof measureLatency>> | undefined): string {
  const m = machineInfo();
  const lines: string[] = [];
  lines.push('## Question answering ("where is X handled?")');
  lines.push('');
  lines.push(`\`npm run eval:where\` on ${new Date().toISOString().slice(0, 10)}, ${m.cpuModel}, ${m.cores} cores, ${Math.round(m.totalMemoryMB / 1024)} GB, Node ${m.node}. ` + 'Hit@n: a gold file (or symbol) is among the first n places of the answer. BM25 is a plain BM25 over whole files (same tokenizer and stemmer, no fields, synonyms or graph); it ranks files only.');
  lines.push('');
  lines.push('| question set | workspace | questions | file hit@1 | file hit@5 | symbol hit@1 | symbol hit@5 | BM25 file hit@1 | BM25 file hit@5 | answer p50 / p95 (wall) | CPU p50 / p95 |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.workspace} | ${r.questions} | ${pct(r.ours.file1, r.questions)} | **${pct(r.ours.file5, r.questions)}** | ${pct(r.ours.sym1, r.withSymbols)} | **${pct(r.ours.sym5, r.withSymbols)}** | ${pct(r.bm25.file1, r.questions)} | ${pct(r.bm25.file5, r.questions)} | ${r.latency.p50.toFixed(1)} / ${r.latency.p95.toFixed(1)} ms | ${r.latency.cpuP50.toFixed(1)} / ${r.latency.cpuP95.toFixed(1)} ms |`,
    );
  }
  if (latency) {
    lines.push('');
    lines.push(
      `Answer latency without a model on the generated monorepo (${latency.files.toLocaleString('en-US')} files, ${latency.lines.toLocaleString('en-US')} lines): ` +
        `wall time **p50 ${latency.p50.toFixed(1)} ms, p95 ${latency.p95.toFixed(1)} ms** (max ${latency.max.toFixed(1)} ms); CPU time per answer p50 ${latency.cpuP50.toFixed(1)} ms, p95 ${latency.cpuP95.toFixed(1)} ms; ` +
        `load average ${latency.load.toFixed(1)} on ${machineInfo().cores} cores while measuring (other processes shared the machine). ${latency.samples} answers ` +
        `(${latency.questions} questions × 3: where, who-calls, convention and config forms). ` +
        `The first question after indexing also builds the retrieval index, centrality and route table: ${(latency.firstMs / 1000).toFixed(2)} s, once per index ` +
        `(the language server does it in batches between other requests); they hold ${latency.extraMB.toFixed(0)} MB on top of the index.`,
    );
  }
  lines.push('');
  lines.push('Question sets with gold answers (verified by reading the code) are in `bench/questions/`.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<void> {
  const files: string[] = [];
  let write = false;
  let latency = false;
  let verbose = false;
  let lines = 500_000;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--write') write = true;
    else if (a === '--latency') latency = true;
    else if (a === '--verbose') verbose = true;
    else if (a === '--lines') lines = Number(argv[++i]);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return;
    } else if (a.startsWith('-')) throw new Error(`unknown option ${a}\n${USAGE}`);
    else files.push(resolve(a));
  }
  if (!files.length) throw new Error(USAGE);
  const results: SetResult[] = [];
  for (const f of files) {
    const r = await evalSet(f, verbose);
    results.push(r);
    console.log(`${r.name}: file hit@1 ${pct(r.ours.file1, r.questions)} hit@5 ${pct(r.ours.file5, r.questions)} · symbol hit@1 ${pct(r.ours.sym1, r.withSymbols)} hit@5 ${pct(r.ours.sym5, r.withSymbols)} · BM25 file hit@1 ${pct(r.bm25.file1, r.questions)} hit@5 ${pct(r.bm25.file5, r.questions)}`);
    for (const m of r.misses) console.log(`   miss: ${m}`);
  }
  const lat = latency ? await measureLatency(lines) : undefined;
  if (lat) console.log(`latency on ${lat.lines} lines: wall p50 ${lat.p50.toFixed(1)} ms, p95 ${lat.p95.toFixed(1)} ms; cpu p50 ${lat.cpuP50.toFixed(1)} ms, p95 ${lat.cpuP95.toFixed(1)} ms; load ${lat.load.toFixed(1)}; first ${lat.firstMs.toFixed(0)} ms`);
  if (write) {
    await writeBlock(join(repoRoot(), 'BENCHMARKS.md'), 'where', report(results, lat));
    console.log('wrote the "where" block of BENCHMARKS.md');
  }
}

main(process.argv.slice(2)).catch((e: unknown) => {
  console.error((e as Error).message ?? e);
  process.exitCode = 1;
});
