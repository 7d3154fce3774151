// Unified diffs `git apply` and `patch -p1` accept: a Myers shortest edit script over lines,
// grouped into hunks with three lines of context.

export interface DiffOptions {
  context?: number;
}

type Op = { t: ' ' | '-' | '+'; line: string };

/** The patch turning `before` into `after` for one file; '' when they are equal. `before` null = new file. */
export function unifiedDiff(path: string, before: string | null, after: string, options: DiffOptions = {}): string {
  if (before === after) return '';
  // An empty new file has no hunk; git writes (and applies) just the header.
  if (before === null && after === '') return `diff --git a/${path} b/${path}\nnew file mode 100644\n`;
  const context = options.context ?? 3;
  const ops = diffLines(markedLines(before ?? ''), markedLines(after));
  const header =
    before === null
      ? `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n`
      : `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n`;
  let out = header;
  for (const h of hunks(ops, context)) {
    const oldStart = h.oldLen === 0 ? h.oldStart : h.oldStart + 1;
    const newStart = h.newLen === 0 ? h.newStart : h.newStart + 1;
    out += `@@ -${oldStart},${h.oldLen} +${newStart},${h.newLen} @@\n`;
    for (const i of h.ops) {
      const op = ops[i];
      // The last line of a file without a final newline is marked, as diff(1) does.
      if (op.line.endsWith(NO_EOL)) out += `${op.t}${op.line.slice(0, -NO_EOL.length)}\n\\ No newline at end of file\n`;
      else out += op.t + op.line + '\n';
    }
  }
  return out;
}

/** Appended to a last line that has no newline, so it differs from the same text with one. */
const NO_EOL = '\u0000no-eol';

function markedLines(text: string): string[] {
  const { lines, finalNewline } = splitLines(text);
  if (!finalNewline) lines[lines.length - 1] += NO_EOL;
  return lines;
}

export function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === '') return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith('\n');
  const lines = (finalNewline ? text.slice(0, -1) : text).split('\n');
  return { lines, finalNewline };
}

/** Myers' O(ND) algorithm on the part between the common prefix and suffix. */
export function diffLines(a: readonly string[], b: readonly string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const out: Op[] = [];
  for (let i = 0; i < pre; i++) out.push({ t: ' ', line: a[i] });
  out.push(...myers(a.slice(pre, a.length - suf), b.slice(pre, b.length - suf)));
  for (let i = a.length - suf; i < a.length; i++) out.push({ t: ' ', line: a[i] });
  return out;
}

function myers(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((line) => ({ t: '+', line }));
  if (m === 0) return a.map((line) => ({ t: '-', line }));
  const max = n + m;
  const offset = max;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  // Walk the saved frontiers backwards to recover the path.
  const ops: Op[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1] < vd[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) ops.push({ t: ' ', line: a[--x] }), y--;
    if (x === prevX) ops.push({ t: '+', line: b[--y] });
    else ops.push({ t: '-', line: a[--x] });
  }
  while (x > 0 && y > 0) ops.push({ t: ' ', line: a[--x] }), y--;
  return ops.reverse();
}

interface Hunk {
  oldStart: number;
  oldLen: number;
  newStart: number;
  newLen: number;
  ops: number[];
}

function hunks(ops: Op[], context: number): Hunk[] {
  const changed: number[] = [];
  ops.forEach((o, i) => o.t !== ' ' && changed.push(i));
  const out: Hunk[] = [];
  let i = 0;
  while (i < changed.length) {
    let start = Math.max(0, changed[i] - context);
    let end = Math.min(ops.length - 1, changed[i] + context);
    let j = i + 1;
    while (j < changed.length && changed[j] - context <= end + 1) {
      end = Math.min(ops.length - 1, changed[j] + context);
      j++;
    }
    let oldLine = 0;
    let newLine = 0;
    for (let p = 0; p < start; p++) {
      if (ops[p].t !== '+') oldLine++;
      if (ops[p].t !== '-') newLine++;
    }
    const h: Hunk = { oldStart: oldLine, oldLen: 0, newStart: newLine, newLen: 0, ops: [] };
    for (let p = start; p <= end; p++) {
      h.ops.push(p);
      if (ops[p].t !== '+') h.oldLen++;
      if (ops[p].t !== '-') h.newLen++;
    }
    out.push(h);
    start = end + 1;
    i = j;
  }
  return out;
}
