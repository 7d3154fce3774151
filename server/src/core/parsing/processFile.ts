import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { classifyContent, type SkipReason } from '../discovery';
import { languageById } from '../languages/registry';
import type { FileFacts, LanguageId } from '../model';
import { surfaceOf } from '../index/surface';
import { stampOf, type Stamp } from './fileStamp';
import type { TreeSitterHost } from './treeSitter';

// One file from disk to facts: read, check it is source worth parsing, hash, parse, extract.
// Runs inside parse workers and, for small batches and tests, on the calling thread.

export interface FileJob {
  path: string;
  abs: string;
  language: LanguageId;
  /** Content hash the caller already has facts for; a match skips the parse. */
  knownHash?: string;
}

export type IndexSkipReason = SkipReason | 'parse-failed';

export type FileOutcome =
  | { path: string; status: 'parsed'; hash: string; facts: FileFacts; surface: string; stamp?: Stamp }
  | { path: string; status: 'unchanged'; hash: string; stamp?: Stamp }
  | { path: string; status: 'skipped'; reason: IndexSkipReason; detail: string };

export function contentHash(bytes: Uint8Array | string): string {
  return createHash('sha1').update(bytes).digest('base64');
}

export async function processFile(host: TreeSitterHost, job: FileJob, maxFileSize: number): Promise<FileOutcome> {
  let read: { bytes: Buffer; stamp?: Stamp };
  try {
    read = readStamped(job.abs);
  } catch (e) {
    return { path: job.path, status: 'skipped', reason: 'unreadable', detail: (e as Error).message };
  }
  const { bytes, stamp } = read;
  const hash = contentHash(bytes);
  if (job.knownHash === hash) return { path: job.path, status: 'unchanged', hash, stamp };
  const check = classifyContent(job.path, bytes, maxFileSize);
  if (!check.ok) return { path: job.path, status: 'skipped', reason: check.reason, detail: check.detail };
  const outcome = await parseText(host, job.path, job.language, check.text, hash);
  if (outcome.status === 'parsed' && stamp) outcome.stamp = stamp;
  return outcome;
}

/** The content and, taken before reading, the stat signature it belongs to. */
export function readStamped(abs: string): { bytes: Buffer; stamp?: Stamp } {
  // Synchronous: on a worker thread nothing else waits, and small reads skip the event loop.
  const fd = openSync(abs, 'r');
  try {
    const stamp = stampOf(fstatSync(fd));
    return { bytes: readFileSync(fd), stamp };
  } finally {
    closeSync(fd);
  }
}

export async function parseText(host: TreeSitterHost, path: string, language: LanguageId, text: string, hash: string): Promise<FileOutcome> {
  try {
    const facts = await host.facts(languageById(language), text);
    // The surface is hashed here, on the worker, rather than by the thread that links.
    return { path, status: 'parsed', hash, facts, surface: surfaceOf(facts) };
  } catch (e) {
    return { path, status: 'skipped', reason: 'parse-failed', detail: (e as Error).message };
  }
}
