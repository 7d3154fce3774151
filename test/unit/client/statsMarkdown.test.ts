import { strict as assert } from 'node:assert';
import { statsMarkdown } from '../../../client/src/statsMarkdown';
import type { IndexStats } from '../../../shared/protocol';

describe('index stats document', () => {
  const stats: IndexStats = {
    state: 'ready',
    folders: [
      {
        root: '/ws/app',
        files: 1234,
        lines: 56789,
        nodes: 4321,
        edges: 9876,
        byLanguage: { typescript: { files: 1200, lines: 56000 }, python: { files: 34, lines: 789 } },
        edgesByKind: { calls: 5000, contains: 4000, imports: 876 },
        calls: { total: 200, resolved: 150, guessed: 30, unresolved: 20 },
        skipped: [{ path: 'big|data.ts', reason: 'too-large', detail: '2 MB > 1 MB' }],
        ignored: 17,
        ms: 842.4,
        fromCache: 1000,
      },
    ],
  };

  it('lists per folder files, lines, languages, nodes, edges by kind, calls and skipped files', () => {
    assert.equal(
      statsMarkdown(stats),
      [
        '# SparkGraph index stats',
        '',
        'State: **ready**',
        '',
        '## /ws/app',
        '',
        '| | |',
        '|---|---:|',
        '| files | 1,234 |',
        '| lines | 56,789 |',
        '| nodes | 4,321 |',
        '| edges | 9,876 |',
        '| ignored files | 17 |',
        '| skipped files | 1 |',
        '| files from cache | 1,000 |',
        '| index time | 842 ms |',
        '',
        '### Languages',
        '',
        '| language | files | lines |',
        '|---|---:|---:|',
        '| python | 34 | 789 |',
        '| typescript | 1,200 | 56,000 |',
        '',
        '### Edges by kind',
        '',
        '| kind | edges |',
        '|---|---:|',
        '| calls | 5,000 |',
        '| contains | 4,000 |',
        '| imports | 876 |',
        '',
        '### Calls',
        '',
        '| calls | count |',
        '|---|---:|',
        '| resolved | 150 (75%) |',
        '| guessed (by name) | 30 (15%) |',
        '| unresolved | 20 (10%) |',
        '| total | 200 |',
        '',
        '### Skipped files',
        '',
        '| file | reason | detail |',
        '|---|---|---|',
        '| big\\|data.ts | too-large | 2 MB \\> 1 MB |',
        '',
      ].join('\n'),
    );
  });

  it('explains an empty index and shows the error message', () => {
    const text = statsMarkdown({ state: 'error', message: 'cannot read /ws', folders: [] });
    assert.match(text, /State: \*\*error\*\*/);
    assert.match(text, /> cannot read \/ws/);
    assert.match(text, /No workspace folder is indexed yet/);
  });

  it('says None when nothing was skipped and handles zero calls', () => {
    const empty = { ...stats.folders[0], byLanguage: {}, edgesByKind: {}, calls: { total: 0, resolved: 0, guessed: 0, unresolved: 0 }, skipped: [] };
    const text = statsMarkdown({ state: 'ready', folders: [empty] });
    assert.match(text, /### Skipped files\n\nNone\./);
    assert.match(text, /\| resolved \| 0 \|/);
    assert.match(text, /No files indexed\./);
    assert.match(text, /No edges\./);
  });
});
