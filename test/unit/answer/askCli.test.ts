import assert from 'node:assert/strict';
import { EXIT } from '../../../server/src/cli/main';
import { cli } from '../../helpers/cli';
import { fixturePath } from '../../helpers/fixtures';

// `sparkgraph ask` in-process: text and JSON output, --k, exit codes.

describe('sparkgraph ask', function () {
  this.timeout(60_000);
  const app = fixturePath('ask-app');

  it('prints ranked places as file:line with a reason each', async () => {
    const r = await cli('ask', '-C', app, '--no-cache', '--workers', '0', 'where are passwords hashed?', '--k', '2');
    assert.equal(r.code, EXIT.ok);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], 'where: where are passwords hashed?');
    assert.equal(lines[1], '1. hashPassword (function) src/auth/password.ts:5');
    assert.match(lines[2], /^ {3}name matches hashed, passwords/);
    assert.equal(lines.filter((l) => /^\d\. /.test(l)).length, 2);
  });

  it('answers in JSON with intent, hits and markdown', async () => {
    const r = await cli('ask', '-C', app, '--no-cache', '--workers', '0', '--json', 'who calls verifyToken');
    assert.equal(r.code, EXIT.ok);
    const a = JSON.parse(r.out);
    assert.equal(a.intent, 'callers');
    assert.deepEqual(a.hits.map((h: { qname: string }) => h.qname), ['requireAuth']);
    assert.match(a.markdown, /Callers of `verifyToken`/);
  });

  it('exits 1 when nothing matches and 2 without a question or with a bad --k', async () => {
    const none = await cli('ask', '-C', app, '--no-cache', '--workers', '0', 'who calls zzzNothingLikeThis');
    assert.equal(none.code, EXIT.notFound);
    assert.match(none.out, /No symbol matches/);
    assert.equal((await cli('ask', '-C', app)).code, EXIT.usage);
    const badK = await cli('ask', '-C', app, 'where', '--k', '0');
    assert.equal(badK.code, EXIT.usage);
    assert.match(badK.err, /--k needs at least 1/);
  });
});
