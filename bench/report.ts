import { writeKeepingBlocks } from './markedBlocks';
import { median, percentile, type MachineInfo } from './measure';

// Renders BENCHMARKS.md. The report holds raw samples; every statistic and every met/missed
// mark is computed here, so the file can be regenerated from saved data and tested.

export interface BenchReport {
  /** ISO-8601 timestamp of the run. */
  date: string;
  machine: MachineInfo;
  /** How many cold/warm runs each workspace had (the `--runs` option). */
  runs: number;
  workspaces: WorkspaceResult[];
  /** Free-form remarks printed under the summary (e.g. what was skipped and why). */
  notes?: string[];
}

export interface WorkspaceResult {
  name: string;
  /** Where the code came from, e.g. `generated, seed 1` or `effect@4.1.0 (npm tarball)`. */
  source?: string;
  files: number;
  lines: number;
  /** TypeScript and JavaScript lines. */
  tsLines: number;
  pyLines: number;
  cold?: {
    /** Wall time of each cold index (fresh process, no cache). */
    runsMs: number[];
    /** Peak RSS of the indexing process. */
    peakRssMB?: number;
    /** CPU time of each cold index, all threads of the process together. */
    cpuMs?: number[];
  };
  parseFloor?: { ms: number; lines: number; bytes?: number };
  warm?: { runsMs: number[] };
  incremental?: { small?: EditLatency; large?: EditLatency };
  lsp?: LspResult;
}

export interface EditLatency {
  /** Workspace-relative path of the edited file. */
  file: string;
  fileLines?: number;
  /** One sample per single-line edit: from the change to the graph being updated. */
  samplesMs: number[];
}

export interface LspResult {
  /** From sending `initialize` to the server reporting the index ready. */
  readyMs?: number;
  hoverMs?: number[];
  referencesMs?: number[];
  callHierarchyMs?: number[];
  /** Server RSS once the workspace is indexed. */
  serverRssMB?: number;
}

export const TARGETS = {
  coldMs: 6_000,
  peakRssMB: 400,
  warmMs: 1_000,
  editSmallP95Ms: 15,
  editLargeP95Ms: 50,
  lspP95Ms: 50,
} as const;

const NONE = '—';

/** 1,234,567 — fixed separators, so the output does not depend on the machine's locale. */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return NONE;
  const s = String(Math.round(Math.abs(n)));
  return `${n < 0 ? '-' : ''}${s.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return NONE;
  if (ms >= 1_000) return `${(ms / 1_000).toFixed(2)} s`;
  if (ms >= 100) return `${Math.round(ms)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function formatRate(linesPerSecond: number): string {
  if (!Number.isFinite(linesPerSecond)) return NONE;
  if (linesPerSecond >= 1e6) return `${(linesPerSecond / 1e6).toFixed(2)}M lines/s`;
  if (linesPerSecond >= 1e3) return `${Math.round(linesPerSecond / 1e3)}k lines/s`;
  return `${Math.round(linesPerSecond)} lines/s`;
}

function formatMB(mb: number | undefined): string {
  return mb === undefined || !Number.isFinite(mb) ? NONE : `${Math.round(mb)} MB`;
}

function mark(value: number | undefined, limit: number | undefined): string {
  if (limit === undefined) return '';
  if (value === undefined || !Number.isFinite(value)) return NONE;
  return value <= limit ? '✅ met' : '❌ missed';
}

function has(xs: readonly number[] | undefined): xs is number[] {
  return xs !== undefined && xs.length > 0;
}

function spread(xs: readonly number[]): string {
  const m = formatMs(median(xs));
  return xs.length > 1 ? `${m} (min ${formatMs(Math.min(...xs))}, max ${formatMs(Math.max(...xs))}, n=${xs.length})` : m;
}

function latency(xs: readonly number[]): string {
  return `p50 ${formatMs(percentile(xs, 50))} · p95 ${formatMs(percentile(xs, 95))} (n=${xs.length})`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
}

function coldMedian(w: WorkspaceResult): number | undefined {
  return has(w.cold?.runsMs) ? median(w.cold!.runsMs) : undefined;
}

function floorRatio(w: WorkspaceResult): number | undefined {
  const cold = coldMedian(w);
  return cold !== undefined && w.parseFloor && w.parseFloor.ms > 0 ? cold / w.parseFloor.ms : undefined;
}

/** A summary cell: the value and, when it has a target, a short met/missed mark. */
function cell(text: string, value: number | undefined, limit: number): string {
  if (value === undefined || !Number.isFinite(value)) return NONE;
  return `${text} ${value <= limit ? '✅' : '❌'}`;
}

function summaryRows(ws: readonly WorkspaceResult[]): string[][] {
  return ws.map((w) => {
    const cold = coldMedian(w);
    const ratio = floorRatio(w);
    const warm = has(w.warm?.runsMs) ? median(w.warm!.runsMs) : undefined;
    const small = has(w.incremental?.small?.samplesMs) ? percentile(w.incremental!.small!.samplesMs, 95) : undefined;
    const large = has(w.incremental?.large?.samplesMs) ? percentile(w.incremental!.large!.samplesMs, 95) : undefined;
    const rss = w.cold?.peakRssMB;
    return [
      w.name,
      formatInt(w.files),
      `${formatInt(w.lines)} (${formatInt(w.tsLines)} TS/JS · ${formatInt(w.pyLines)} Py)`,
      cell(formatMs(cold ?? Number.NaN), cold, TARGETS.coldMs),
      cold === undefined ? NONE : formatRate(w.lines / (cold / 1000)),
      ratio === undefined ? NONE : `${ratio.toFixed(2)}×`,
      cell(formatMB(rss), rss, TARGETS.peakRssMB),
      cell(formatMs(warm ?? Number.NaN), warm, TARGETS.warmMs),
      cell(formatMs(small ?? Number.NaN), small, TARGETS.editSmallP95Ms),
      cell(formatMs(large ?? Number.NaN), large, TARGETS.editLargeP95Ms),
    ];
  });
}

function workspaceSection(w: WorkspaceResult, runs: number, cores: number): string[] {
  const rows: string[][] = [];
  const cold = coldMedian(w);
  if (cold !== undefined) {
    rows.push([`Cold index (median of ${w.cold!.runsMs.length})`, spread(w.cold!.runsMs), '≤ 6 s', mark(cold, TARGETS.coldMs)]);
    rows.push(['Throughput (cold)', formatRate(w.lines / (cold / 1000)), '', '']);
    if (has(w.cold!.cpuMs)) {
      const cpu = median(w.cold!.cpuMs!);
      const least = cores > 0 ? `; on ${cores} cores it cannot take less than ${formatMs(cpu / cores)}` : '';
      rows.push([`CPU time of a cold index (all threads, median)`, `${formatMs(cpu)} (${(cpu / cold).toFixed(1)} cores busy on average${least})`, '', '']);
    }
  }
  if (w.parseFloor) {
    const f = w.parseFloor;
    rows.push(['Parse floor (tree-sitter only, 1 thread)', `${formatMs(f.ms)} (${formatRate(f.lines / (f.ms / 1000))})`, '', '']);
    const ratio = floorRatio(w);
    if (ratio !== undefined) rows.push(['Cold index ÷ parse floor', `${ratio.toFixed(2)}×`, '', '']);
  }
  if (w.cold?.peakRssMB !== undefined) rows.push(['Peak RSS while indexing', formatMB(w.cold.peakRssMB), '≤ 400 MB', mark(w.cold.peakRssMB, TARGETS.peakRssMB)]);
  if (has(w.warm?.runsMs)) {
    rows.push([`Warm start (median of ${w.warm!.runsMs.length})`, spread(w.warm!.runsMs), '≤ 1 s', mark(median(w.warm!.runsMs), TARGETS.warmMs)]);
  }
  const edit = (label: string, e: EditLatency | undefined, limit: number) => {
    if (!e || !has(e.samplesMs)) return;
    const size = e.fileLines !== undefined ? `, ${formatInt(e.fileLines)} lines` : '';
    rows.push([`Single-line edit, ${label} (\`${e.file}\`${size})`, latency(e.samplesMs), `p95 ≤ ${limit} ms`, mark(percentile(e.samplesMs, 95), limit)]);
  };
  edit('small file', w.incremental?.small, TARGETS.editSmallP95Ms);
  edit('large file', w.incremental?.large, TARGETS.editLargeP95Ms);
  const lsp = w.lsp;
  if (lsp) {
    if (lsp.readyMs !== undefined) rows.push(['LSP: initialize → index ready', formatMs(lsp.readyMs), '', '']);
    const req = (label: string, xs: number[] | undefined) => {
      if (has(xs)) rows.push([`LSP: ${label}`, latency(xs), `p95 ≤ ${TARGETS.lspP95Ms} ms`, mark(percentile(xs, 95), TARGETS.lspP95Ms)]);
    };
    req('hover', lsp.hoverMs);
    req('references', lsp.referencesMs);
    req('call hierarchy', lsp.callHierarchyMs);
    if (lsp.serverRssMB !== undefined) rows.push(['LSP: server RSS once indexed', formatMB(lsp.serverRssMB), '≤ 400 MB', mark(lsp.serverRssMB, TARGETS.peakRssMB)]);
  }
  const out = [`### ${w.name}`, ''];
  if (w.source) out.push(`Source: ${w.source}.`, '');
  out.push(
    `${formatInt(w.files)} files, ${formatInt(w.lines)} lines (${formatInt(w.tsLines)} TypeScript/JavaScript, ${formatInt(w.pyLines)} Python).`,
    '',
  );
  if (rows.length === 0) out.push(`No measurements for this workspace (runs requested: ${runs}).`);
  else out.push(...table(['Metric', 'Result', 'Target', 'Status'], rows));
  return out;
}

export function renderBenchmarksMd(r: BenchReport): string {
  const m = r.machine;
  const out = [
    '# SparkGraph benchmarks',
    '',
    `Measured ${r.date} with \`npm run bench\` (${r.runs} run${r.runs === 1 ? '' : 's'} per cold/warm measurement).`,
    '',
    '## Machine',
    '',
    ...table(
      ['CPU', 'Cores', 'Memory', 'Node', 'OS'],
      [[m.cpuModel, String(m.cores), `${formatInt(m.totalMemoryMB)} MB`, m.node, m.os]],
    ),
    '',
    '## Summary',
    '',
  ];
  if (r.workspaces.length === 0) out.push('No workspaces were measured.');
  else {
    out.push(
      ...table(
        ['Workspace', 'Files', 'Lines', 'Cold (median)', 'Lines/s', '× parse floor', 'Peak RSS', 'Warm', 'Edit p95 small', 'Edit p95 large'],
        summaryRows(r.workspaces),
      ),
    );
  }
  if (r.notes && r.notes.length > 0) out.push('', ...r.notes.map((n) => `- ${n}`));
  out.push(
    '',
    'Targets: cold index ≤ 6 s, peak RSS ≤ 400 MB, warm start ≤ 1 s, single-line edit p95 ≤ 15 ms (small file) / ≤ 50 ms (5,000-line file), LSP request p95 ≤ 50 ms.',
    '',
    '## Workspaces',
  );
  for (const w of r.workspaces) out.push('', ...workspaceSection(w, r.runs, r.machine.cores));
  out.push(
    '',
    '## What the numbers mean',
    '',
    '- **Cold index**: a fresh process indexes the workspace with no cache; median, min and max over the runs.',
    '- **Parse floor**: tree-sitter alone parsing every file once on one thread, files already in memory. The ratio says what the engine costs on top of parsing (it uses several threads, so it can be below 1).',
    "- **CPU time of a cold index**: user and system time of the whole indexing process while it builds — the main thread, the parse workers and V8's own compiler and garbage-collector threads. Divided by the machine's cores it is the least time that work could take, however well it was spread.",
    '- **Peak RSS**: the indexing process\'s maximum resident set (measured in a child process, since the peak never resets).',
    '- **Warm start**: opening the same workspace again with the on-disk cache in place.',
    '- **Single-line edit**: one changed line in an open file until the graph reflects it; p50/p95 over many edits.',
    '- **LSP**: a real server over stdio; request latency as the client sees it.',
    '',
    '## How to reproduce',
    '',
    '```sh',
    'npm run bench                              # generated monorepo, ~500k lines of TypeScript + Python',
    'npm run bench -- --corpus effect           # also the TypeScript sources of the effect npm package (rxjs, django, sqlalchemy work too)',
    'npm run bench -- /path/to/folder           # also any folder',
    'npm run bench -- --runs 5                  # cold/warm runs per workspace',
    'npm run bench -- --lines 200000            # size of the generated monorepo',
    '```',
    '',
    'Downloaded corpora are cached in `bench-data/` (git-ignored). The generated monorepo is deterministic: the same `--lines` gives the same files.',
    '',
  );
  return out.join('\n');
}

export async function writeBenchmarksMd(path: string, data: BenchReport): Promise<void> {
  await writeKeepingBlocks(path, renderBenchmarksMd(data));
}
