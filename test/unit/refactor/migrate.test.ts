import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyResult } from '../../../server/src/core/refactor/applyResult';
import { findMigrationMatches, migrate } from '../../../server/src/core/refactor/migrate';
import { parseRuleFile } from '../../../server/src/core/refactor/ruleFile';
import { RefactorError } from '../../../server/src/core/refactor/types';
import { fixturePath } from '../../helpers/fixtures';
import { assertWorkspace, openFixture, type Harness } from './refactorHarness';

// Structural search and replace over syntax trees: metavariables keep the matched code's own
// text (quotes, comments inside arguments), property reads and comments never match.

const rule = (name: string) => parseRuleFile(readFileSync(fixturePath(`refactor-migrate/rules/${name}`), 'utf8'), name);

describe('pattern migration', function () {
  this.timeout(60_000);
  let h: Harness;
  afterEach(async () => h && (await h.close()));

  it('reads rule files: plain, quoted and block values; clear errors', () => {
    assert.deepEqual(rule('db-query.yaml'), { language: 'typescript', pattern: 'db.query($SQL, $ARGS)', rewrite: 'orm.execute($SQL, { params: $ARGS })', message: 'db.query is deprecated; use orm.execute' });
    assert.deepEqual(rule('py-query.yaml'), { language: 'python', pattern: '$DB.query($SQL, $$$REST)', rewrite: '$DB.execute($SQL, $$$REST)' });
    assert.throws(() => parseRuleFile('language: cobol\npattern: x', 'r.yaml'), (e: Error) => e instanceof RefactorError && /language must be one of/.test(e.message));
    assert.throws(() => parseRuleFile('language: python', 'r.yaml'), /pattern is missing/);
    assert.throws(() => parseRuleFile('language: python\nfoo: 1', 'r.yaml'), /r\.yaml:2: unknown key foo/);
  });

  it('rewrites every match across the workspace, keeping each argument as written', async () => {
    h = await openFixture('refactor-migrate');
    const { result, matches } = await migrate(h.ws, rule('db-query.yaml'));
    assert.deepEqual(
      matches.map((m) => `${m.path}:${m.line}`),
      ['src/audit.ts:4', 'src/users.ts:5', 'src/users.ts:9', 'src/users.ts:18'],
    );
    assert.deepEqual(result.risky.map((r) => `${r.path}:${r.range[0] + 1} ${r.kind}`), ['src/audit.ts:4 comment']);
    await applyResult(h.root, result);
    assertWorkspace(h.root, 'refactor-migrate', 'migrate-db-query');
  });

  it('Python rules match Python files only; $$$ lists bind runs of arguments, also empty ones', async () => {
    h = await openFixture('refactor-migrate');
    const { result } = await migrate(h.ws, rule('py-query.yaml'));
    assert.deepEqual(result.files.map((f) => f.path), ['py/legacy.py']);
    await applyResult(h.root, result);
    assert.equal(readFileSync(join(h.root, 'py/legacy.py'), 'utf8'), 'def fetch(db):\n    return db.execute("SELECT 1", [])\n');

    const all = await findMigrationMatches(h.ws, { language: 'typescript', pattern: 'orm.execute($SQL, $$$REST)' });
    assert.deepEqual(all.map((m) => `${m.path}:${m.line} ${m.bindings.REST}`), ['src/users.ts:13 { params: [] }']);
    const none = await findMigrationMatches(h.ws, { language: 'typescript', pattern: 'db.query($ONLY, $$$REST)' });
    assert.equal(none.length, 4);
    const empty = await findMigrationMatches(h.ws, { language: 'typescript', pattern: 'rows.concat($X, $$$MORE)' });
    assert.deepEqual(empty.map((m) => m.bindings.MORE), ['']);
  });

  it('a repeated metavariable must bind the same code', async () => {
    h = await openFixture('refactor-migrate');
    const same = await findMigrationMatches(h.ws, { language: 'typescript', pattern: '[$X, ...$X]' });
    assert.equal(same.length, 0);
    const twice = await findMigrationMatches(h.ws, { language: 'typescript', pattern: '$S.concat($S)' });
    assert.equal(twice.length, 0);
    const shaped = await findMigrationMatches(h.ws, { language: 'typescript', pattern: '[$A, ...$B]' });
    assert.deepEqual(shaped.map((m) => m.text), ['[sql, ...args]', '[sql, ...options.params]']);
  });

  it('a pattern that does not parse is refused', async () => {
    h = await openFixture('refactor-migrate');
    await assert.rejects(findMigrationMatches(h.ws, { language: 'typescript', pattern: 'db.query($SQL,,' }), /does not parse as typescript/);
  });
});
