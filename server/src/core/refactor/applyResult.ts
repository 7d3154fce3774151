import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { applyEdits, contentHash } from './textEdits';
import { RefactorError, type RefactorResult } from './types';

// All or nothing. Every target is checked against the content the job read; one changed file
// and nothing is written. Then every new content goes to a temporary file beside its target,
// and only when all are on disk are they renamed into place; a failure part-way puts back
// what was already replaced.

export class StaleFileError extends RefactorError {
  constructor(readonly path: string) {
    super(`${path} changed since the refactor was computed; nothing was written (run it again)`);
  }
}

export interface ApplyOutcome {
  written: string[];
}

async function readOrNull(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function inside(root: string, rel: string): string {
  const abs = resolve(root, rel);
  const back = relative(root, abs);
  if (back.startsWith('..') || back.startsWith(sep) || resolve(root, back) !== abs) throw new RefactorError(`${rel} is outside the workspace`);
  return abs;
}

export async function applyResult(root: string, result: RefactorResult, hooks: { beforeRename?: (path: string) => void } = {}): Promise<ApplyOutcome> {
  const planned: { path: string; abs: string; before: string | null; after: string }[] = [];
  for (const fe of result.edits) {
    const abs = inside(root, fe.path);
    const current = await readOrNull(abs);
    const expected = result.baseHashes[fe.path];
    const currentHash = current === null ? null : contentHash(current);
    if (expected === undefined || currentHash !== expected) throw new StaleFileError(fe.path);
    const after = fe.create ? fe.edits.map((e) => e.newText).join('') : applyEdits(current!, fe.edits);
    planned.push({ path: fe.path, abs, before: current, after });
  }

  const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temps: string[] = [];
  try {
    for (const p of planned) {
      await mkdir(dirname(p.abs), { recursive: true });
      const tmp = join(dirname(p.abs), `.${p.path.split('/').pop()}.${tag}.sparkgraph-tmp`);
      await writeFile(tmp, p.after, 'utf8');
      temps.push(tmp);
    }
  } catch (e) {
    await Promise.all(temps.map((t) => rm(t, { force: true })));
    throw e;
  }

  const done: typeof planned = [];
  try {
    for (let i = 0; i < planned.length; i++) {
      hooks.beforeRename?.(planned[i].path);
      await rename(temps[i], planned[i].abs);
      done.push(planned[i]);
    }
  } catch (e) {
    // Put back every file already replaced, remove the temporaries not yet used.
    for (const p of done.reverse()) {
      if (p.before === null) await rm(p.abs, { force: true });
      else await writeFile(p.abs, p.before, 'utf8');
    }
    await Promise.all(temps.slice(done.length).map((t) => rm(t, { force: true })));
    throw new RefactorError(`writing ${planned[done.length]?.path ?? 'a file'} failed (${(e as Error).message}); every file was restored`);
  }
  return { written: planned.map((p) => p.path) };
}
