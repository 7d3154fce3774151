import assert from 'node:assert/strict';
import { DependencyIndex, type LinkDeps } from '../../../server/src/core/index/dependencyIndex';

// The reverse maps are built on the first question and kept current afterwards: answers must
// be the same whichever order links and questions come in.

const deps = (files: string[], probes: string[] = [], names: string[] = []): LinkDeps => ({ files: new Set(files), probes: new Set(probes), names: new Set(names) });
const sorted = (s: ReadonlySet<string>) => [...s].sort();

describe('dependency index', () => {
  it('answers from links made before and after the first question', () => {
    const index = new DependencyIndex();
    index.set('a.ts', deps(['b.ts'], ['g:x'], ['run']));
    index.set('c.ts', deps(['b.ts', 'd.ts'], [], ['run']));
    index.set('gone.ts', deps(['b.ts']));
    index.delete('gone.ts');
    // Re-linked before anyone asked: only the latest dependencies count.
    index.set('c.ts', deps(['d.ts'], [], ['run']));
    assert.deepEqual(sorted(index.dependentsOfFile('b.ts')), ['a.ts']);
    assert.deepEqual(sorted(index.dependentsOfName('run')), ['a.ts', 'c.ts']);
    assert.deepEqual(sorted(index.dependentsOfProbe('g:x')), ['a.ts']);

    index.set('e.ts', deps(['b.ts'], ['g:x']));
    index.set('a.ts', deps(['d.ts']));
    index.delete('c.ts');
    assert.deepEqual(sorted(index.dependentsOfFile('b.ts')), ['e.ts']);
    assert.deepEqual(sorted(index.dependentsOfFile('d.ts')), ['a.ts']);
    assert.deepEqual(sorted(index.dependentsOfName('run')), []);
    assert.deepEqual(sorted(index.dependentsOfProbe('g:x')), ['e.ts']);
    assert.equal(index.has('c.ts'), false);
    assert.deepEqual(sorted(index.get('a.ts')!.files), ['d.ts']);

    index.clear();
    assert.deepEqual(sorted(index.dependentsOfFile('d.ts')), []);
    index.set('f.ts', deps(['d.ts']));
    assert.deepEqual(sorted(index.dependentsOfFile('d.ts')), ['f.ts']);
  });
});
