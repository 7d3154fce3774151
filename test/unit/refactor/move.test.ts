import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { applyResult } from '../../../server/src/core/refactor/applyResult';
import { moveSymbol } from '../../../server/src/core/refactor/move';
import { resolveOneSymbol } from '../../../server/src/core/refactor/requests';
import { RefactorError } from '../../../server/src/core/refactor/types';
import { assertWorkspace, openFixture, type Harness } from './refactorHarness';

// Moving a declaration: its text and comments travel unchanged, its imports follow with
// rewritten paths, importers (named, aliased, re-exporting, namespace) point at the new file,
// and the project still type-checks.

const TSC = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsc');

function pythonTestsPass(root: string): void {
  const run = spawnSync('python3', ['-B', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], { cwd: root, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /Ran 4 tests[\s\S]*\nOK/);
}

function typeChecks(root: string): void {
  const tsc = spawnSync(TSC, ['-p', root], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
}

describe('move to another file', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h && (await h.close()));

  it('to a new file: re-export, aliased import and namespace use follow; the old file imports it back', async () => {
    h = await openFixture('refactor-ts');
    const result = await moveSymbol(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'), 'src/totals.ts');
    assert.deepEqual(result.files.find((f) => f.path === 'src/totals.ts'), { path: 'src/totals.ts', edits: 1, created: true });
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-ts', 'ts-move-computeTotal');
    typeChecks(h.root);
  });

  it('to an existing file that imported it: that import goes', async () => {
    h = await openFixture('refactor-ts');
    await applyResult(h.root, await moveSymbol(h.ws, resolveOneSymbol(h.ws, 'formatPrice'), 'src/format.ts'));
    assertWorkspace(h.root, 'refactor-ts', 'ts-move-formatPrice');
    typeChecks(h.root);
  });

  it('copies the imports it needs with paths rewritten and imports (and exports) what it used from the old file', async () => {
    h = await openFixture('refactor-ts');
    const result = await moveSymbol(h.ws, resolveOneSymbol(h.ws, 'shippingCost'), 'src/logistics/shipping-cost.ts');
    assert.ok(result.risky.some((r) => /imports BASE_FEE from src\/shipping\.ts/.test(r.message)));
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-ts', 'ts-move-shippingCost');
    typeChecks(h.root);
  });

  it('Python: to a new module; the package re-export is split, module-attribute uses become imports; tests still pass', async () => {
    h = await openFixture('refactor-py');
    await applyResult(h.root, await moveSymbol(h.ws, resolveOneSymbol(h.ws, 'shop/pricing.py:compute_total'), 'shop/totals.py'));
    assertWorkspace(h.root, 'refactor-py', 'py-move-compute_total');
    pythonTestsPass(h.root);
  });

  it('Python: a class into a new subpackage (created with __init__.py), importing what it uses with a relative import', async () => {
    h = await openFixture('refactor-py');
    const result = await moveSymbol(h.ws, resolveOneSymbol(h.ws, 'Basket'), 'shop/models/basket.py');
    assert.ok(result.risky.some((r) => /imports compute_total from shop\/pricing\.py/.test(r.message)));
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-py', 'py-move-Basket');
    pythonTestsPass(h.root);
  });

  it('refuses what it cannot do safely', async () => {
    h = await openFixture('refactor-ts');
    await assert.rejects(moveSymbol(h.ws, resolveOneSymbol(h.ws, 'Cart.add'), 'src/x.ts'), (e: Error) => e instanceof RefactorError && /only top-level/.test(e.message));
    await assert.rejects(moveSymbol(h.ws, resolveOneSymbol(h.ws, 'formatPrice'), '../outside.ts'), /outside the workspace/);
    await assert.rejects(moveSymbol(h.ws, resolveOneSymbol(h.ws, 'formatPrice'), 'src/pricing.ts'), /already in/);
    await assert.rejects(moveSymbol(h.ws, resolveOneSymbol(h.ws, 'formatPrice'), 'src/readme.md'), /not a TypeScript or JavaScript file/);
    await assert.rejects(moveSymbol(h.ws, resolveOneSymbol(h.ws, 'src/unrelated.ts:computeTotal'), 'src/pricing.ts'), /src\/pricing\.ts already declares computeTotal/);
  });
});
