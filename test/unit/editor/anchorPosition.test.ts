import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, EDITOR_APP_FIXTURE } from '../../editor/contract';
import { anchorPosition } from '../../editor/workbench';

const REPO = join(__dirname, '..', '..', '..');

describe('editor: anchorPosition', () => {
  const text = ['import { verifyPassword } from "./crypto";', '', 'export function verifyPassword() {}', '  verifyPassword();'].join('\n');

  it('finds the first occurrence, 1-based', () => {
    assert.deepEqual(anchorPosition(text, 'verifyPassword'), { line: 1, column: 10 });
  });

  it('restricts to lines containing lineContains', () => {
    assert.deepEqual(anchorPosition(text, 'verifyPassword', { lineContains: 'export function' }), { line: 3, column: 17 });
  });

  it('handles CRLF files', () => {
    assert.deepEqual(anchorPosition('a\r\nb verify\r\n', 'verify'), { line: 2, column: 3 });
  });

  it('is undefined when the anchor or the line is missing', () => {
    assert.equal(anchorPosition(text, 'handleLogin'), undefined);
    assert.equal(anchorPosition(text, 'verifyPassword', { lineContains: 'class ' }), undefined);
  });

  it('places the contract anchor on the declaration in the editor-app fixture', () => {
    const { file, anchor, lineContains } = CONTRACT.hover;
    const source = readFileSync(join(REPO, EDITOR_APP_FIXTURE, file), 'utf8');
    assert.deepEqual(anchorPosition(source, anchor, { lineContains }), { line: 12, column: 17 });
  });
});
