import { strict as assert } from 'node:assert';
import { RestartPolicy } from '../../../client/src/restartPolicy';

describe('server restart policy', () => {
  it('restarts five times within three minutes, then gives up', () => {
    let now = 0;
    const policy = new RestartPolicy(5, 180_000, () => now);
    const decisions = [];
    for (let i = 0; i < 6; i++) {
      decisions.push(policy.crashed());
      now += 10_000;
    }
    assert.deepEqual(
      decisions.map((d) => [d.restart, d.crashes, d.first]),
      [
        [true, 1, true],
        [true, 2, false],
        [true, 3, false],
        [true, 4, false],
        [true, 5, false],
        [false, 6, false],
      ],
    );
  });

  it('forgets crashes older than the window', () => {
    let now = 0;
    const policy = new RestartPolicy(5, 180_000, () => now);
    for (let i = 0; i < 5; i++) policy.crashed();
    now = 180_001;
    assert.deepEqual(policy.crashed(), { restart: true, crashes: 1, first: false });
  });

  it('crashes spread over more than three minutes never stop the server', () => {
    let now = 0;
    const policy = new RestartPolicy(5, 180_000, () => now);
    for (let i = 0; i < 50; i++) {
      assert.equal(policy.crashed().restart, true, `crash ${i + 1}`);
      now += 60_000;
    }
  });
});
