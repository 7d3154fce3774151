import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TokenUsage } from './types';

// Model answers kept on disk (the extension's globalStorage), keyed by question, context hash,
// provider and model: asking again over an unchanged graph gives the same answer, instantly and
// for free. Written to a temporary file and renamed, so a crash never leaves half a cache.

export interface CachedAnswer {
  text: string;
  usage: TokenUsage;
  model: string;
}

interface CacheFile {
  version: 1;
  entries: [string, CachedAnswer][];
}

export function cacheKey(question: string, contextHash: string, provider: string, model: string): string {
  return createHash('sha256').update(JSON.stringify([question.trim(), contextHash, provider, model])).digest('hex');
}

export class ResponseCache {
  private entries: Map<string, CachedAnswer> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly maxEntries = 200,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  async get(key: string): Promise<CachedAnswer | undefined> {
    return (await this.load()).get(key);
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    const entries = await this.load();
    entries.delete(key);
    entries.set(key, answer);
    while (entries.size > this.maxEntries) entries.delete(entries.keys().next().value!);
    const snapshot: CacheFile = { version: 1, entries: [...entries] };
    // Writes queue behind each other, so the last one on disk is the newest.
    this.writing = this.writing.then(() => this.write(snapshot));
    await this.writing;
  }

  private async load(): Promise<Map<string, CachedAnswer>> {
    if (this.entries) return this.entries;
    let loaded = new Map<string, CachedAnswer>();
    try {
      const parsed = JSON.parse(await readFile(this.file, 'utf8')) as CacheFile;
      if (parsed?.version === 1 && Array.isArray(parsed.entries)) loaded = new Map(parsed.entries.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1]?.text === 'string'));
      else this.log(`model cache ${this.file} has an unknown format; starting empty`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log(`model cache ${this.file} is unreadable (${(e as Error).message}); starting empty`);
    }
    this.entries ??= loaded;
    return this.entries;
  }

  private async write(snapshot: CacheFile): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFile(tmp, JSON.stringify(snapshot));
      await rename(tmp, this.file);
    } catch (e) {
      this.log(`cannot save the model cache ${this.file}: ${(e as Error).message}`);
    }
  }
}
