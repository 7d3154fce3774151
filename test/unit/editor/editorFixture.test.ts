import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EDITOR_APP_FIXTURE } from '../../editor/contract';

// The editor scenarios expect a cross-file chain in the fixture; keep the fixture honest.

const APP = join(__dirname, '..', '..', '..', EDITOR_APP_FIXTURE);
const read = (rel: string) => readFileSync(join(APP, rel), 'utf8');

describe('editor: editor-app fixture', () => {
  it('routes /login to handleLogin, which calls verifyPassword from crypto.ts', () => {
    assert.match(read('src/server.ts'), /import \{ handleLogin \} from '\.\/auth\/login'/);
    assert.match(read('src/server.ts'), /router\.post\('\/login'[\s\S]*handleLogin\(/);
    assert.match(read('src/auth/login.ts'), /import \{ verifyPassword \} from '\.\/crypto'/);
    assert.match(read('src/auth/login.ts'), /export async function handleLogin\([\s\S]*verifyPassword\(/);
    assert.match(read('src/auth/crypto.ts'), /export function verifyPassword\(/);
  });

  it('has a Python app calling into services/billing.py', () => {
    assert.match(read('py/app.py'), /from services\.billing import create_invoice, total_due/);
    assert.match(read('py/services/billing.py'), /def create_invoice\(/);
    assert.match(read('py/services/billing.py'), /def total_due\(/);
  });
});
