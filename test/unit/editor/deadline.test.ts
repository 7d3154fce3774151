import assert from 'node:assert/strict';
import { DeadlineError, pollUntil } from '../../editor/deadline';

describe('editor: pollUntil', () => {
  it('returns the first defined value', async () => {
    let calls = 0;
    const value = await pollUntil('the third call', 5_000, async () => (++calls === 3 ? 'ok' : undefined), { intervalMs: 1 });
    assert.equal(value, 'ok');
    assert.equal(calls, 3);
  });

  it('treats a throwing probe as not yet', async () => {
    let calls = 0;
    const value = await pollUntil(
      'a probe that recovers',
      5_000,
      async () => {
        if (++calls < 2) throw new Error('not up');
        return calls;
      },
      { intervalMs: 1 },
    );
    assert.equal(value, 2);
  });

  it('times out with what it waited for and what it last saw', async () => {
    const err = await pollUntil(
      'the status bar',
      30,
      async (seen) => {
        seen('["Ln 1, Col 1"]');
        return undefined;
      },
      { intervalMs: 5 },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(err instanceof DeadlineError);
    assert.equal(err.what, 'the status bar');
    assert.equal(err.lastSeen, '["Ln 1, Col 1"]');
    assert.match(err.message, /waiting for the status bar; last seen: \["Ln 1, Col 1"\]/);
  });
});
