import { strict as assert } from 'node:assert';
import { refactorSummary } from '../../../client/src/chat/refactorSummary';

// What the chat says about a refactor job: files with links, spots to review, the patch, and
// that nothing was written.

describe('chat refactor summary', () => {
  it('lists the files with links, the risky spots and the patch, and says nothing was written', () => {
    const r = refactorSummary({
      jobId: 'job-1',
      state: 'done',
      title: 'rename a to b: 3 edits in 2 files',
      files: [
        { uri: 'file:///w/src/a.ts', path: 'src/a.ts', edits: 2, newText: '' },
        { uri: 'file:///w/src/n.ts', path: 'src/n.ts', edits: 1, created: true, newText: '' },
      ],
      risky: [{ uri: 'file:///w/src/c.ts', path: 'src/c.ts', line: 4, character: 2, kind: 'string', message: 'mentions a', lineText: "'a'" }],
      patch: '--- a/src/a.ts\n+++ b/src/a.ts\n@@ -1 +1 @@\n-a()\n+b()\n',
    });
    assert.equal(
      r.markdown,
      [
        '**rename a to b: 3 edits in 2 files**',
        '',
        'Files it would change:',
        '- [src/a.ts](file:///w/src/a.ts) — 2 edits',
        '- [src/n.ts](file:///w/src/n.ts) — new file',
        '',
        'Left unchanged for you to review (the graph cannot see these):',
        '- src/c.ts:5 — string: mentions a',
        '',
        '```diff',
        '--- a/src/a.ts',
        '+++ b/src/a.ts',
        '@@ -1 +1 @@',
        '-a()',
        '+b()',
        '```',
        '',
        'Nothing has been written: use **Show Diffs** or **Preview and Apply** in the notification to review and apply it.',
      ].join('\n'),
    );
    assert.deepEqual(r.fileLinks, { 'src/a.ts': 'file:///w/src/a.ts', 'src/n.ts': 'file:///w/src/n.ts' });
  });

  it('says why when the job failed or was cancelled, and cuts a long patch', () => {
    assert.equal(refactorSummary({ jobId: 'j', state: 'failed', error: 'no symbol named x' }).markdown, '_The refactor could not be computed: no symbol named x._');
    assert.equal(refactorSummary({ jobId: 'j', state: 'cancelled' }).markdown, '_The refactor was cancelled; nothing was changed._');
    const patch = Array.from({ length: 200 }, (_, i) => `+line ${i}`).join('\n');
    const long = refactorSummary({ jobId: 'j', state: 'done', title: 't', files: [{ uri: 'file:///w/a.ts', path: 'a.ts', edits: 1, newText: '' }], patch });
    assert.match(long.markdown, /\+line 149\n```\n_The patch continues for 50 more lines; Show Diffs has all of it\._/);
    assert.doesNotMatch(long.markdown, /\+line 150/);
  });
});
