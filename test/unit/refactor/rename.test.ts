import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyResult } from '../../../server/src/core/refactor/applyResult';
import { renameSymbol } from '../../../server/src/core/refactor/rename';
import { resolveOneSymbol } from '../../../server/src/core/refactor/requests';
import { RefactorError } from '../../../server/src/core/refactor/types';
import { findUses } from '../../../server/src/core/refactor/uses';
import { assertWorkspace, openFixture, type Harness } from './refactorHarness';

// Renames on fixtures with aliased imports, re-exports, namespace imports, shadowing
// parameters, same-named unrelated symbols and mentions in strings and comments; the
// resulting files are compared with hand-written expected files.

describe('rename across the workspace', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h && (await h.close()));

  it('TypeScript: definition, re-export, aliased and shorthand uses, namespace member; nothing unrelated', async () => {
    h = await openFixture('refactor-ts');
    const result = await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'), 'computeSum');
    assert.deepEqual(
      result.files.map((f) => `${f.path}:${f.edits}`),
      ['src/checkout.ts:3', 'src/index.ts:1', 'src/pricing.ts:2', 'src/reports.ts:1'],
    );
    assert.deepEqual(
      result.risky.map((r) => `${r.path}:${r.range[0] + 1} ${r.kind}`),
      // unrelated.ts cannot reach pricing.ts, so its comment is not a spot worth reporting.
      ['src/checkout.ts:9 guessed-call', 'src/checkout.ts:13 comment', 'src/pricing.ts:1 comment', 'src/reports.ts:4 string'],
    );
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-ts', 'ts-rename-computeTotal');
  });

  it('Python: from-imports (aliased too), package re-export and __all__, module attribute; strings and shadowing parameters untouched; tests still pass', async () => {
    h = await openFixture('refactor-py');
    const result = await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'compute_total'), 'total_price');
    assert.ok(result.risky.some((r) => r.path === 'shop/legacy.py' && r.kind === 'string'));
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-py', 'py-rename-compute_total');
    const run = spawnSync('python3', ['-B', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], { cwd: h.root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /Ran 4 tests[\s\S]*\nOK/);
  });

  it('keepExportNames: a named re-export keeps its public name and its importers stay as they are', async () => {
    h = await openFixture('refactor-ts');
    const result = await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'), 'computeSum', { keepExportNames: true });
    await applyResult(h.root, result);
    assert.equal(readFileSync(join(h.root, 'src/index.ts'), 'utf8'), "export { computeSum as computeTotal, Cart } from './pricing';\nexport * from './format';\n");
    const checkout = readFileSync(join(h.root, 'src/checkout.ts'), 'utf8');
    assert.match(checkout, /^import \{ computeTotal, Cart \} from '\.\/index';$/m);
    assert.match(checkout, /^import \{ computeSum as grandTotal \} from '\.\/pricing';$/m);
    assert.match(checkout, /^ {2}const handlers = \{ computeTotal \};$/m);
  });

  it('methods: renames the definition and calls through this/self and typed instances only', async () => {
    h = await openFixture('refactor-py');
    const result = await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'Basket.add_item'), 'put');
    await applyResult(h.root, result);
    const pricing = readFileSync(join(h.root, 'shop/pricing.py'), 'utf8');
    assert.match(pricing, /def put\(self, price\):/);
    assert.match(pricing, /self\.put\(p\)/);
    assert.match(readFileSync(join(h.root, 'tests/test_shop.py'), 'utf8'), /basket\.put\(5\)/);
    assert.doesNotMatch(pricing + readFileSync(join(h.root, 'tests/test_shop.py'), 'utf8'), /add_item/);
  });

  it('methods: the whole override hierarchy (abstract base, siblings through it), never an unrelated class\'s same-named method; still type-checks', async () => {
    h = await openFixture('refactor-ts');
    await applyResult(h.root, await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'Square.area'), 'size'));
    assertWorkspace(h.root, 'refactor-ts', 'ts-rename-area');
    const tsc = spawnSync(join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsc'), ['-p', h.root], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });

  it('a function nested in a function: its uses in the enclosing scope only, not shadowing parameters or the module-level namesake', async () => {
    h = await openFixture('refactor-nested');
    await applyResult(h.root, await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'src/a.ts:outer.helper'), 'twice'));
    await applyResult(h.root, await renameSymbol(h.ws, resolveOneSymbol(h.ws, 'b.py:outer.helper'), 'twice'));
    assertWorkspace(h.root, 'refactor-nested', 'nested-helper');
  });

  it('refuses a new name that collides with a name the file already binds', async () => {
    h = await openFixture('refactor-ts');
    await assert.rejects(renameSymbol(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'), 'formatPrice'), (e: Error) => e instanceof RefactorError && /already binds formatPrice/.test(e.message));
    await assert.rejects(renameSymbol(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'), 'not-a-name'), RefactorError);
  });

  it('an ambiguous symbol asks which one', async () => {
    h = await openFixture('refactor-ts');
    assert.throws(() => resolveOneSymbol(h.ws, 'computeTotal'), (e: Error) => /src\/pricing\.ts:computeTotal/.test(e.message) && /src\/unrelated\.ts:computeTotal/.test(e.message));
  });

  it('uses lists every site with its line before anything is rewritten', async () => {
    h = await openFixture('refactor-ts');
    const before = readFileSync(join(h.root, 'src/checkout.ts'), 'utf8');
    const report = await findUses(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'));
    assert.deepEqual(
      report.uses.map((u) => `${u.path}:${u.range[0] + 1} ${u.role} ${u.lineText.trim()}`),
      [
        "src/checkout.ts:1 import import { computeTotal, Cart } from './index';",
        "src/checkout.ts:2 import import { computeTotal as grandTotal } from './pricing';",
        'src/checkout.ts:7 reference const handlers = { computeTotal };',
        "src/index.ts:1 reexport export { computeTotal, Cart } from './pricing';",
        'src/pricing.ts:2 definition export function computeTotal(prices: number[], taxRate: number): number {',
        'src/pricing.ts:19 reference return computeTotal(this.items, taxRate);',
        'src/reports.ts:6 member return `${pricing.computeTotal(prices, 0)} ${typeof fn} ${pricing.formatPrice(1, "USD")}`;',
      ],
    );
    assert.equal(readFileSync(join(h.root, 'src/checkout.ts'), 'utf8'), before);
  });
});
