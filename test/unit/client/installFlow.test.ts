import assert from 'node:assert/strict';
import { installDependency, type InstallUi } from '../../../client/src/installFlow';

function ui(trusted: boolean, answer: boolean) {
  const log: string[] = [];
  const u: InstallUi = {
    isTrusted: () => trusted,
    confirm: async (message, detail) => (log.push(`confirm ${message} | ${detail}`), answer),
    warn: (m) => void log.push(`warn ${m}`),
    describe: (uri) => uri.replace('file:///ws/', '') || '.',
    runInTerminal: (name, cwd, command) => void log.push(`run ${name} @ ${cwd}: ${command}`),
  };
  return { u, log };
}

const args = { package: 'zod', command: 'pnpm add zod', cwd: 'file:///ws/packages/app', manifest: 'file:///ws/packages/app/package.json' };

describe('Install <pkg> code action (client side)', () => {
  it('asks in a modal, then runs the command in a terminal in the package folder', async () => {
    const { u, log } = ui(true, true);
    assert.equal(await installDependency(args, u), 'ran');
    assert.deepEqual(log, ['confirm Run "pnpm add zod"? | It installs zod and records it in packages/app/package.json. It runs in a terminal in packages/app.', 'run SparkGraph: install zod @ file:///ws/packages/app: pnpm add zod']);
  });

  it('runs nothing when the user declines', async () => {
    const { u, log } = ui(true, false);
    assert.equal(await installDependency(args, u), 'declined');
    assert.ok(!log.some((l) => l.startsWith('run')));
  });

  it('never runs, nor asks, in an untrusted workspace', async () => {
    const { u, log } = ui(false, true);
    assert.equal(await installDependency(args, u), 'untrusted');
    assert.equal(log.length, 1);
    assert.match(log[0], /^warn .*not trusted/);
  });

  it('ignores malformed arguments', async () => {
    const { u, log } = ui(true, true);
    assert.equal(await installDependency({ package: 'x' }, u), 'invalid');
    assert.equal(await installDependency(undefined, u), 'invalid');
    assert.deepEqual(log, []);
  });
});
