import assert from 'node:assert/strict';
import { classify } from '../../../server/src/core/answer/intent';

describe('answer: what a question asks', () => {
  const cases: [string, object][] = [
    ['Where is the login handled?', { kind: 'where', text: 'Where is the login handled?' }],
    ['who calls verifyToken?', { kind: 'callers', target: 'verifyToken' }],
    ['What calls `Repo.save`', { kind: 'callers', target: 'Repo.save' }],
    ['callers of hashPassword', { kind: 'callers', target: 'hashPassword' }],
    ['where is query called', { kind: 'callers', target: 'query' }],
    ['what does createOrder call?', { kind: 'callees', target: 'createOrder' }],
    ['how does createOrder reach query?', { kind: 'chain', from: 'createOrder', to: 'query' }],
    ['path from login to signToken', { kind: 'chain', from: 'login', to: 'signToken' }],
    ['what does src/server.ts depend on?', { kind: 'deps', target: 'src/server.ts' }],
    ['dependencies of py/shop/views.py', { kind: 'deps', target: 'py/shop/views.py' }],
    ['where is JWT_SECRET read?', { kind: 'config', key: 'JWT_SECRET' }],
    ['Where is the config key "database.url" read?', { kind: 'config', key: 'database.url' }],
    ['where is the env variable STRIPE_API_KEY used', { kind: 'config', key: 'STRIPE_API_KEY' }],
    ['How do I add a new API endpoint following our conventions?', { kind: 'convention', subject: 'API endpoint' }],
    ['show me how to add a new Django view', { kind: 'convention', subject: 'Django view' }],
    ['explain verifyToken', { kind: 'explain', target: 'verifyToken' }],
    ['where is the settings module loaded?', { kind: 'where', text: 'where is the settings module loaded?' }],
    ['where is the setting "timeout" read?', { kind: 'config', key: 'timeout' }],
    ['/explain', { kind: 'explain', target: '' }],
  ];
  for (const [q, want] of cases) {
    it(q, () => assert.deepEqual(classify(q), want));
  }

  it('does not mistake a name that starts with a verb for a convention question', () => {
    assert.equal(classify('how does createOrder reach query').kind, 'chain');
    assert.equal(classify('how does makeRequest work').kind, 'where');
  });
});
