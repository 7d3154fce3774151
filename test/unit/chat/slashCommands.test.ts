import { strict as assert } from 'node:assert';
import { parseInput } from '../../../client/src/chat/slashCommands';

describe('chat slash commands', () => {
  it('turn commands into the questions the graph engine reads', () => {
    assert.deepEqual(parseInput('/where password check'), { kind: 'question', command: 'where', question: 'where is password check handled?' });
    assert.deepEqual(parseInput('/where how are sessions stored'), { kind: 'question', command: 'where', question: 'how are sessions stored' });
    assert.deepEqual(parseInput('/callers handleLogin'), { kind: 'question', command: 'callers', question: 'who calls handleLogin?' });
    for (const arg of ['main -> handleLogin', 'main → handleLogin', 'main to handleLogin', 'main handleLogin']) {
      assert.deepEqual(parseInput(`/chain ${arg}`), { kind: 'question', command: 'chain', question: 'how does main reach handleLogin?' }, arg);
    }
    assert.deepEqual(parseInput('/explain'), { kind: 'explain', subject: '' });
    assert.deepEqual(parseInput('  where is login handled?  '), { kind: 'question', question: 'where is login handled?' });
  });

  it('turn /deps into the dependency report and /refactor into a refactor request', () => {
    assert.deepEqual(parseInput('/deps'), { kind: 'deps' });
    assert.deepEqual(parseInput('/refactor rename computeTotal to computeSum'), { kind: 'refactor', request: 'rename computeTotal to computeSum' });
  });

  it('say how to use a command given no argument, and which commands exist', () => {
    assert.match((parseInput('/refactor') as { message: string }).message, /^Usage: \/refactor rename <symbol> to <newName> \| move <symbol> to <file>/);
    assert.match((parseInput('/chain main') as { message: string }).message, /^Usage: \/chain <from> -> <to>/);
    assert.match((parseInput('/callers') as { message: string }).message, /^Usage: \/callers/);
    assert.match((parseInput('/frob x') as { message: string }).message, /^Unknown command \/frob\. Commands: \/where, \/callers, \/chain, \/explain, \/deps, \/refactor\.$/);
    assert.equal(parseInput('   ').kind, 'notice');
  });
});
