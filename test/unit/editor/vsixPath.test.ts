import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveVsix } from '../../editor/vsixPath';

describe('editor: resolveVsix', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sparkgraph-editor-vsix-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const touch = (name: string, mtimeSeconds: number) => {
    const path = join(dir, name);
    writeFileSync(path, 'zip');
    utimesSync(path, mtimeSeconds, mtimeSeconds);
    return path;
  };

  it('picks the newest .vsix in the repo root', () => {
    touch('old.vsix', 1_000);
    const newest = touch('sparkgraph.vsix', 2_000);
    touch('notes.txt', 3_000);
    assert.equal(resolveVsix(dir, undefined, {}), newest);
  });

  it('prefers an explicit path, then SPARKGRAPH_VSIX', () => {
    const a = touch('a.vsix', 2_000);
    const b = touch('b.vsix', 1_000);
    assert.equal(resolveVsix(dir, b, { SPARKGRAPH_VSIX: a }), b);
    assert.equal(resolveVsix(dir, undefined, { SPARKGRAPH_VSIX: b }), b);
  });

  it('says how to get a .vsix when there is none', () => {
    assert.throws(() => resolveVsix(dir, undefined, {}), /no \.vsix in .*npm run package/);
    assert.throws(() => resolveVsix(dir, join(dir, 'missing.vsix'), {}), /does not exist: .*missing\.vsix/);
  });
});
