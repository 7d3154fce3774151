import { strictEqual } from 'node:assert/strict';
import { IgnoreRules } from '../../../server/src/core/discovery/ignoreRules';
import { IGNORE_CASES } from './gitignoreCases';

describe('gitignore matching', () => {
  for (const c of IGNORE_CASES) {
    const files = typeof c.files === 'string' ? { '.gitignore': c.files } : c.files;
    it(`${c.rule}: ${JSON.stringify(files)} ${c.path}${c.dir ? '/' : ''} → ${c.ignored ? 'ignored' : 'kept'}`, () => {
      strictEqual(IgnoreRules.fromText(files, { defaults: false }).isIgnored(c.path, c.dir ?? false), c.ignored);
    });
  }
});
