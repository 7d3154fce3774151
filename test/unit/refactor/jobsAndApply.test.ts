import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyResult, StaleFileError } from '../../../server/src/core/refactor/applyResult';
import { JobManager, type JobStatus } from '../../../server/src/core/refactor/jobs';
import { resolveOneSymbol, runRefactor } from '../../../server/src/core/refactor/requests';
import { RefactorError } from '../../../server/src/core/refactor/types';
import { openFixture, type Harness } from './refactorHarness';

// Jobs: an id at once, progress, a result; cancellation between files. Applying: all files or
// none, refusing when a target changed since the job read it, restoring on a failed write.

describe('refactor jobs and atomic apply', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h && (await h.close()));

  it('submit returns an id before any work, reports progress and ends with the result', async () => {
    h = await openFixture('refactor-ts');
    const jobs = new JobManager();
    const seen: JobStatus[] = [];
    jobs.onChange((s) => seen.push(s));
    const id = jobs.submit('rename', (ctx) => runRefactor(h.ws, { kind: 'rename', symbol: 'src/pricing.ts:computeTotal', newName: 'computeSum' }, ctx));
    assert.equal(jobs.status(id)?.state, 'queued');
    const done = await jobs.wait(id);
    assert.equal(done.state, 'done');
    assert.equal(done.result?.files.length, 4);
    assert.match(done.result!.patch, /^\+export function computeSum\(/m);
    assert.ok(seen.some((s) => s.state === 'running' && s.progress.total > 0));
    assert.equal(seen.at(-1)?.state, 'done');
  });

  it('a cancelled job stops between files and has no result', async () => {
    h = await openFixture('refactor-ts');
    const jobs = new JobManager();
    let id = '';
    jobs.onChange((s) => {
      if (s.state === 'running' && s.progress.done === 1) jobs.cancel(id);
    });
    id = jobs.submit('rename', (ctx) => runRefactor(h.ws, { kind: 'rename', symbol: 'src/pricing.ts:computeTotal', newName: 'computeSum' }, ctx));
    const end = await jobs.wait(id);
    assert.equal(end.state, 'cancelled');
    assert.equal(end.result, undefined);
    assert.equal(jobs.cancel(id), false);
  });

  it('a failing refactor ends the job with its message', async () => {
    h = await openFixture('refactor-ts');
    const jobs = new JobManager();
    const id = jobs.submit('rename', (ctx) => runRefactor(h.ws, { kind: 'rename', symbol: 'noSuchThing', newName: 'x' }, ctx));
    const end = await jobs.wait(id);
    assert.equal(end.state, 'failed');
    assert.match(end.error!, /no symbol named noSuchThing/);
  });

  it('writes nothing and names the file when a target changed since the job started', async () => {
    h = await openFixture('refactor-ts');
    const result = await runRefactor(h.ws, { kind: 'rename', symbol: 'src/pricing.ts:computeTotal', newName: 'computeSum' }, { signal: new AbortController().signal, progress: () => undefined });
    const before = readFileSync(join(h.root, 'src/checkout.ts'), 'utf8');
    writeFileSync(join(h.root, 'src/reports.ts'), readFileSync(join(h.root, 'src/reports.ts'), 'utf8') + '// edited meanwhile\n');
    await assert.rejects(applyResult(h.root, result), (e: Error) => e instanceof StaleFileError && e.path === 'src/reports.ts' && /src\/reports\.ts changed/.test(e.message));
    assert.equal(readFileSync(join(h.root, 'src/checkout.ts'), 'utf8'), before);
    assert.doesNotMatch(readFileSync(join(h.root, 'src/pricing.ts'), 'utf8'), /computeSum/);
  });

  it('a write failing part-way restores the files already replaced and leaves no temporaries', async () => {
    h = await openFixture('refactor-ts');
    const result = await runRefactor(h.ws, { kind: 'rename', symbol: 'src/pricing.ts:computeTotal', newName: 'computeSum' }, { signal: new AbortController().signal, progress: () => undefined });
    const originals = Object.fromEntries(result.edits.map((e) => [e.path, readFileSync(join(h.root, e.path), 'utf8')]));
    let n = 0;
    await assert.rejects(
      applyResult(h.root, result, {
        beforeRename: () => {
          if (++n === 3) throw new Error('disk full');
        },
      }),
      (e: Error) => e instanceof RefactorError && /every file was restored/.test(e.message),
    );
    for (const [path, text] of Object.entries(originals)) assert.equal(readFileSync(join(h.root, path), 'utf8'), text, path);
    assert.deepEqual(readdirSync(join(h.root, 'src')).filter((f) => f.includes('sparkgraph-tmp')), []);
  });

  it('refuses paths outside the workspace', async () => {
    h = await openFixture('refactor-ts');
    await assert.rejects(applyResult(h.root, { kind: 'x', title: '', edits: [{ path: '../escape.ts', edits: [] }], patch: '', files: [], risky: [], baseHashes: { '../escape.ts': null } }), /outside the workspace/);
    assert.equal(existsSync(join(h.root, '..', 'escape.ts')), false);
  });
});
