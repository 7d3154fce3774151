import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyResult } from '../../../server/src/core/refactor/applyResult';
import { resolveOneSymbol } from '../../../server/src/core/refactor/requests';
import { changeSignature, parseParamAdd } from '../../../server/src/core/refactor/signature';
import { RefactorError } from '../../../server/src/core/refactor/types';
import { assertWorkspace, openFixture, type Harness } from './refactorHarness';

// Parameters added, removed and reordered with every resolved call site rewritten by argument
// position; results compared with hand-written files, and the projects still check and test.

const TSC = join(__dirname, '..', '..', '..', 'node_modules', '.bin', 'tsc');

describe('change signature', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h && (await h.close()));

  it('parses --add specs', () => {
    assert.deepEqual(parseParamAdd('digits: number=2@1'), { decl: 'digits: number', value: '2', index: 1 });
    assert.deepEqual(parseParamAdd('flag'), { decl: 'flag', value: undefined, index: undefined });
    assert.deepEqual(parseParamAdd("sep='; '"), { decl: 'sep', value: "'; '", index: undefined });
    assert.throws(() => parseParamAdd('1bad=2'), RefactorError);
  });

  it('TypeScript: adds a parameter in the middle with its value at every call site; still type-checks', async () => {
    h = await openFixture('refactor-ts');
    const result = await changeSignature(h.ws, resolveOneSymbol(h.ws, 'formatPrice'), { add: [parseParamAdd('digits: number=2@1')] });
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-ts', 'ts-signature-formatPrice');
    const tsc = spawnSync(TSC, ['-p', h.root], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });

  it('TypeScript: reorders parameters and arguments, touching only the arguments that move', async () => {
    h = await openFixture('refactor-ts');
    const result = await changeSignature(h.ws, resolveOneSymbol(h.ws, 'formatPrice'), { order: ['currency', 'value'] });
    await applyResult(h.root, result);
    assert.match(readFileSync(join(h.root, 'src/pricing.ts'), 'utf8'), /export function formatPrice\(currency: string, value: number\): string \{/);
    assert.match(readFileSync(join(h.root, 'src/format.ts'), 'utf8'), /formatPrice\('EUR', p\)/);
    assert.match(readFileSync(join(h.root, 'src/reports.ts'), 'utf8'), /pricing\.formatPrice\("USD", 1\)/);
    const tsc = spawnSync(TSC, ['-p', h.root], { encoding: 'utf8' });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });

  it('removing a parameter drops its argument everywhere and reports uses left in the body', async () => {
    h = await openFixture('refactor-ts');
    const result = await changeSignature(h.ws, resolveOneSymbol(h.ws, 'src/pricing.ts:computeTotal'), { remove: ['taxRate'] });
    assert.ok(result.risky.some((r) => r.path === 'src/pricing.ts' && r.range[0] === 3 && /still used/.test(r.message)));
    await applyResult(h.root, result);
    assert.match(readFileSync(join(h.root, 'src/checkout.ts'), 'utf8'), /const viaAlias = grandTotal\(prices\);/);
    assert.match(readFileSync(join(h.root, 'src/reports.ts'), 'utf8'), /pricing\.computeTotal\(prices\)/);
  });

  it('Python: inserts the value positionally, keeps omitted trailing arguments omitted; tests still pass', async () => {
    h = await openFixture('refactor-py');
    const result = await changeSignature(h.ws, resolveOneSymbol(h.ws, 'compute_total'), { add: [parseParamAdd('rounding=2@1')] });
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-py', 'py-signature-compute_total');
    const run = spawnSync('python3', ['-B', '-m', 'unittest', 'discover', '-s', 'tests', '-t', '.'], { cwd: h.root, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
  });

  it('TypeScript: a function with overload signatures is refused rather than half-changed', async () => {
    h = await openFixture('refactor-nested');
    await assert.rejects(changeSignature(h.ws, resolveOneSymbol(h.ws, 'src/a.ts:pad'), { add: [parseParamAdd('width: number=4')] }), /pad has overload signatures/);
  });

  it('Python: refuses an order that puts a required parameter after a defaulted one; unknown names are errors', async () => {
    h = await openFixture('refactor-py');
    const id = resolveOneSymbol(h.ws, 'compute_total');
    await assert.rejects(changeSignature(h.ws, id, { order: ['tax_rate', 'prices'] }), /cannot follow tax_rate/);
    await assert.rejects(changeSignature(h.ws, id, { remove: ['nope'] }), /has no parameter nope/);
    await assert.rejects(changeSignature(h.ws, id, { order: ['prices'] }), /--order must list exactly/);
  });
});
