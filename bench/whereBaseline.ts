import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { terms } from '../server/src/core/answer/tokenize';

// The baseline the evaluation reports beside ours: plain BM25 over whole files (path + text),
// the same tokenizer and stemmer, no fields, no synonyms, no graph. It ranks files only.

const K1 = 1.2;
const B = 0.75;

export class FileBm25 {
  private readonly tf = new Map<string, Map<string, number>>();
  private readonly df = new Map<string, number>();
  private readonly len = new Map<string, number>();
  private avg = 1;

  constructor(root: string, files: readonly string[]) {
    let total = 0;
    for (const f of files) {
      let text = '';
      try {
        text = readFileSync(join(root, f), 'utf8');
      } catch {
        continue;
      }
      const counts = new Map<string, number>();
      const ts = terms(`${f} ${text}`);
      for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of counts.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
      this.tf.set(f, counts);
      this.len.set(f, ts.length);
      total += ts.length;
    }
    this.avg = this.tf.size ? total / this.tf.size : 1;
  }

  search(question: string, k: number): string[] {
    const n = this.tf.size;
    const q = [...new Set(terms(question))];
    const scores: [string, number][] = [];
    for (const [f, counts] of this.tf) {
      let s = 0;
      for (const t of q) {
        const c = counts.get(t);
        if (!c) continue;
        const df = this.df.get(t)!;
        const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        s += (idf * c * (K1 + 1)) / (c + K1 * (1 - B + (B * this.len.get(f)!) / this.avg));
      }
      if (s > 0) scores.push([f, s]);
    }
    scores.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    return scores.slice(0, k).map(([f]) => f);
  }
}
