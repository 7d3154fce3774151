import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACT, EDITOR_APP_FIXTURE } from '../../editor/contract';

// The chat scenario's expectations hold against the fixture and the manifest, so a stale
// contract fails here rather than as a time-out in the editor.

const ROOT = join(__dirname, '..', '..', '..');

describe('editor contract: chat', () => {
  it('expects the link to the line that declares verifyPassword', () => {
    const { file, line, expectLink } = CONTRACT.chat;
    const lines = readFileSync(join(ROOT, EDITOR_APP_FIXTURE, file), 'utf8').split('\n');
    assert.match(lines[line - 1], /^export function verifyPassword\(/);
    assert.equal(expectLink, `${file}:${line}`);
  });

  it('opens the chat with a contributed command', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const command = manifest.contributes.commands.find((c: { command: string }) => c.command === CONTRACT.chat.commandId);
    assert.equal(`${command.category}: ${command.title}`, CONTRACT.chat.openTitle);
  });
});
