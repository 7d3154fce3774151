import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

// Collects generated files in memory (a 500k-line workspace is ~20 MB of text) so the
// generators can count lines as they go, then writes them in one sorted pass.

export class FileSink {
  private readonly files = new Map<string, string>();
  private readonly linesByExt = new Map<string, number>();

  /** `lines` without trailing newlines; the file gets exactly `lines.length` lines. */
  add(relPath: string, lines: readonly string[]): number {
    if (this.files.has(relPath)) throw new Error(`generator bug: ${relPath} written twice`);
    this.files.set(relPath, lines.length === 0 ? '' : `${lines.join('\n')}\n`);
    const ext = relPath.slice(relPath.lastIndexOf('.'));
    this.linesByExt.set(ext, (this.linesByExt.get(ext) ?? 0) + lines.length);
    return lines.length;
  }

  linesFor(...exts: string[]): number {
    let n = 0;
    for (const e of exts) n += this.linesByExt.get(e) ?? 0;
    return n;
  }

  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** Writes every file under `root`; several writes in flight, since the disk, not the CPU, is the limit. */
  async writeTo(root: string): Promise<void> {
    const paths = this.paths();
    const made = new Set<string>();
    for (const rel of paths) {
      const dir = dirname(join(root, rel));
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const rel = paths[next++]!;
        await writeFile(join(root, rel), this.files.get(rel)!);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }
}
