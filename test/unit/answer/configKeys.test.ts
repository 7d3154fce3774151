import assert from 'node:assert/strict';
import { engineFor } from '../../../server/src/core/answer/forIndex';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { makeTree, type TempTree } from '../discovery/tempTree';

// "Where is this config key read?": reads before definitions, assignments and mentions.

describe('answer: config keys', function () {
  this.timeout(30_000);
  let tree: TempTree;
  let index: WorkspaceIndex;

  before(async () => {
    tree = makeTree({
      'app/boot.py': "import os\n\ndef boot():\n    os.environ['FEATURE_FLAGS'] = 'on'\n",
      'app/flags.py': "import os\n\ndef flags():\n    return os.environ.get('FEATURE_FLAGS', '').split(',')\n",
      'app/notes.py': '# FEATURE_FLAGS lists the enabled features, comma separated.\nVALUE = 1\n',
      'web/config.ts': 'export const FEATURE_FLAGS = "a,b";\nexport function flagsOf(settings: { FEATURE_FLAGS: string }) {\n  return settings.FEATURE_FLAGS;\n}\n',
    });
    index = new WorkspaceIndex(tree.root, { cache: false, workers: 0 });
    await index.build();
  });
  after(async () => {
    await index?.dispose();
    tree?.cleanup();
  });

  it('ranks reads, then definitions, then assignments, then mentions', () => {
    const a = engineFor(index).ask('where is FEATURE_FLAGS read?');
    assert.equal(a.intent, 'config');
    assert.deepEqual(
      a.hits.map((h) => `${h.reason.split(' ')[0]} ${h.file}:${h.line + 1}`),
      ['reads app/flags.py:4', 'reads web/config.ts:3', 'defines web/config.ts:1', 'sets app/boot.py:4', 'mentions app/notes.py:1'],
    );
  });
});
