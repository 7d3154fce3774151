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

  it('say which commands are not available yet, and how to use one given no argument', () => {
    assert.deepEqual(parseInput('/deps src/a.ts'), { kind: 'notice', command: 'deps', message: '/deps is not available yet in this version of SparkGraph.' });
    assert.deepEqual(parseInput('/refactor'), { kind: 'notice', command: 'refactor', message: '/refactor is not available yet in this version of SparkGraph.' });
    assert.match((parseInput('/chain main') as { message: string }).message, /^Usage: \/chain <from> -> <to>/);
    assert.match((parseInput('/callers') as { message: string }).message, /^Usage: \/callers/);
    assert.match((parseInput('/frob x') as { message: string }).message, /^Unknown command \/frob\. Commands: \/where, \/callers, \/chain, \/explain, \/deps, \/refactor\.$/);
    assert.equal(parseInput('   ').kind, 'notice');
  });
});
