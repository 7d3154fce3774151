import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../server/src/cli/main';
import { cli } from '../../helpers/cli';
import { copyFixture } from '../../helpers/fixtures';

// `sparkgraph refactor …` in-process: a dry run prints a patch git accepts and writes nothing,
// --apply writes every file, --json carries the result, bad input gets a message and a code.

describe('sparkgraph refactor', function () {
  this.timeout(60_000);
  let root: string;
  let cleanup: () => void;
  let scratch: string;
  beforeEach(() => {
    ({ root, cleanup } = copyFixture('refactor-ts'));
    scratch = mkdtempSync(join(tmpdir(), 'sparkgraph-refactor-cli-'));
  });
  afterEach(() => {
    cleanup();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('rename --dry-run prints the patch, saves it with --patch, and writes nothing', async () => {
    const before = readFileSync(join(root, 'src/pricing.ts'), 'utf8');
    const patchFile = join(scratch, 'out.diff');
    const r = await cli('refactor', 'rename', 'src/pricing.ts:computeTotal', 'computeSum', '-C', root, '--no-cache', '--dry-run', '--patch', patchFile);
    assert.equal(r.code, EXIT.ok, r.err);
    assert.match(r.out, /^diff --git a\/src\/checkout\.ts b\/src\/checkout\.ts$/m);
    assert.match(r.err, /7 edits in 4 files \(dry run/);
    assert.equal(readFileSync(patchFile, 'utf8').trimEnd(), r.out.trimEnd());
    assert.equal(readFileSync(join(root, 'src/pricing.ts'), 'utf8'), before);
    execFileSync('git', ['init', '-q', '.'], { cwd: root });
    execFileSync('git', ['apply', '--check', patchFile], { cwd: root });
  });

  it('rename --apply writes the files; --json reports what was written', async () => {
    const r = await cli('refactor', 'rename', 'src/pricing.ts:computeTotal', 'computeSum', '-C', root, '--no-cache', '--apply', '--json');
    assert.equal(r.code, EXIT.ok, r.err);
    const json = JSON.parse(r.out);
    assert.deepEqual(json.written, ['src/checkout.ts', 'src/index.ts', 'src/pricing.ts', 'src/reports.ts']);
    assert.match(readFileSync(join(root, 'src/index.ts'), 'utf8'), /export \{ computeSum, Cart \} from '\.\/pricing';/);
  });

  it('signature --add/--order reaches every call site; a bad --add spec is a usage error', async () => {
    const r = await cli('refactor', 'signature', 'formatPrice', '--add', 'digits: number=2@1', '-C', root, '--no-cache', '--apply', '-q');
    assert.equal(r.code, EXIT.ok, r.err);
    assert.match(readFileSync(join(root, 'src/format.ts'), 'utf8'), /formatPrice\(p, 2, 'EUR'\)/);
    const bad = await cli('refactor', 'signature', 'formatPrice', '--add', '=3', '-C', root, '--no-cache');
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.err, /--add needs name\[=default\]\[@index\]/);
    assert.equal((await cli('refactor', 'signature', 'formatPrice', '-C', root, '--no-cache')).code, EXIT.usage);
  });

  it('migrate --rule lists every match and prints the patch; a missing rule file is a usage error', async () => {
    const { root: mroot, cleanup: mclean } = copyFixture('refactor-migrate');
    try {
      const r = await cli('refactor', 'migrate', '--rule', join(mroot, 'rules/db-query.yaml'), '-C', mroot, '--no-cache');
      assert.equal(r.code, EXIT.ok, r.err);
      assert.match(r.err, /^ {2}match src\/users\.ts:9: const rows = db\.query\($/m);
      assert.match(r.out, /^\+ {2}return orm\.execute\("SELECT \* FROM users WHERE id = \?", \{ params: \[id\] \}\);$/m);
      const missing = await cli('refactor', 'migrate', '--rule', join(mroot, 'nope.yaml'), '-C', mroot, '--no-cache');
      assert.equal(missing.code, EXIT.usage);
      assert.match(missing.err, /cannot read the rule file .*nope\.yaml: ENOENT/);
    } finally {
      mclean();
    }
  });

  it('move <symbol> <file> creates the file and points importers at it', async () => {
    const r = await cli('refactor', 'move', 'shippingCost', 'src/logistics/shipping-cost.ts', '-C', root, '--no-cache', '--apply', '-q');
    assert.equal(r.code, EXIT.ok, r.err);
    assert.match(readFileSync(join(root, 'src/logistics/shipping-cost.ts'), 'utf8'), /^export function shippingCost\(kg: number\): string \{$/m);
    assert.match(readFileSync(join(root, 'src/orders.ts'), 'utf8'), /^import \{ shippingCost \} from '\.\/logistics\/shipping-cost';$/m);
  });

  it('uses lists file:line and the line', async () => {
    const r = await cli('refactor', 'uses', 'src/pricing.ts:computeTotal', '-C', root, '--no-cache');
    assert.equal(r.code, EXIT.ok, r.err);
    assert.match(r.out, /^ {2}src\/index\.ts:1:10 \[reexport\] export \{ computeTotal, Cart \} from '\.\/pricing';$/m);
  });

  it('bad input: unknown subcommand, missing arguments, ambiguous or unknown symbol', async () => {
    assert.equal((await cli('refactor', 'frobnicate', '-C', root, '--no-cache')).code, EXIT.usage);
    assert.equal((await cli('refactor', '-C', root, '--no-cache')).code, EXIT.usage);
    assert.equal((await cli('refactor', 'rename', 'x', '-C', root, '--no-cache')).code, EXIT.usage);
    const amb = await cli('refactor', 'rename', 'computeTotal', 'y', '-C', root, '--no-cache');
    assert.equal(amb.code, EXIT.notFound);
    assert.match(amb.err, /names 3 symbols/);
    const none = await cli('refactor', 'uses', 'nothingHere', '-C', root, '--no-cache');
    assert.equal(none.code, EXIT.notFound);
    assert.match(none.err, /no symbol named nothingHere/);
  });
});
