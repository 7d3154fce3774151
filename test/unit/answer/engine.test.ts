import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnswerEngine } from '../../../server/src/core/answer/engine';
import { findRoutes } from '../../../server/src/core/answer/routes';
import { WorkspaceIndex } from '../../../server/src/core/index/workspaceIndex';
import { engineFor } from '../../../server/src/core/answer/forIndex';
import { copyFixture } from '../../helpers/fixtures';

// The answer engine on test/fixtures/ask-app: an Express API (JWT auth middleware, zod
// validation, a pg db layer, tests) plus a Flask shop and a Django blog. Gold answers were
// decided by reading the fixture.

describe('answer engine on the ask-app fixture', function () {
  this.timeout(60_000);
  let fx: ReturnType<typeof copyFixture>;
  let index: WorkspaceIndex;
  let engine: AnswerEngine;
  const top = (q: string, k = 5) => engine.ask(q, { k }).hits.map((h) => `${h.file}:${h.qname}`);

  before(async () => {
    fx = copyFixture('ask-app');
    index = new WorkspaceIndex(fx.root, { cache: false, workers: 0 });
    await index.build();
    engine = engineFor(index);
  });
  after(async () => {
    await index?.dispose();
    fx?.cleanup();
  });

  describe('where questions', () => {
    const gold: [string, string][] = [
      ['where are passwords hashed?', 'src/auth/password.ts:hashPassword'],
      ['where do we charge the credit card?', 'py/shop/payments.py:charge_card'],
      ['where is the welcome email sent', 'src/email/mailer.ts:sendWelcomeEmail'],
      ['which code turns errors into HTTP responses', 'src/errors.ts:errorHandler'],
      ['where is the request body validated against a schema', 'src/validation/validateBody.ts:validateBody'],
      ['where is the database connection pool', 'src/db/pool.ts:query'],
    ];
    for (const [q, want] of gold) {
      it(`${q} → ${want} first`, () => assert.equal(top(q)[0], want, top(q).join('\n')));
    }

    it('finds the bearer-token check by synonyms the code does not use literally (auth ≈ bearer, jwt)', () => {
      const hits = top('where is authentication enforced on requests?', 3);
      assert.ok(hits.includes('src/auth/middleware.ts:requireAuth'), hits.join('\n'));
    });

    it('gives every hit a location and a one-line reason saying what matched', () => {
      const a = engine.ask('where are passwords hashed?', { k: 3 });
      assert.equal(a.intent, 'where');
      const h = a.hits[0];
      assert.deepEqual([h.file, h.line, h.kind], ['src/auth/password.ts', 4, 'function']);
      assert.match(h.reason, /name matches .*hashed.*passwords/);
      assert.match(h.reason, /used by 1 caller in src\/handlers\//);
      for (const x of a.hits) assert.ok(x.reason && !x.reason.includes('\n'));
    });

    it('says which route a handler serves', () => {
      const h = engine.ask('where is the order created', { k: 5 }).hits.find((x) => x.qname === 'createOrder');
      assert.ok(h, 'createOrder is among the hits');
      assert.match(h.reason, /handles POST \//);
    });

    it('sets tests back unless the question asks about tests', () => {
      const plain = top('login wrong password 401', 5);
      assert.ok(!plain.some((h) => h.startsWith('tests/')), plain.join('\n'));
      const asked = top('which test checks the login with a wrong password', 3);
      assert.ok(asked.some((h) => h.startsWith('tests/auth.test.ts')), asked.join('\n'));
    });

    it('prefers the place whose name a question writes as code', () => {
      assert.equal(top('where is `ordersOfUser`')[0], 'src/db/orderRepository.ts:ordersOfUser');
    });

    it('takes odd input in its stride: regex characters, unicode, a very long question', () => {
      // A config key with regex characters is searched for literally (and is nowhere).
      const odd = engine.ask('where is the config key "JWT_SECRET.*(" read?');
      assert.match(odd.markdown, /does not appear in the code/);
      assert.ok(engine.ask('where is (the) [password] hashed? ∑ 密码 \\ $^').hits.some((h) => h.qname === 'hashPassword'));
      const long = `${'where are passwords hashed '.repeat(500)}?`;
      const a = engine.ask(long, { k: 3 });
      assert.equal(a.hits[0].qname, 'hashPassword');
      assert.equal(engine.ask('where are passwords hashed?', { k: 1000 }).hits.length <= 100, true);
    });

    it('answers a question with no searchable words without crashing', () => {
      const a = engine.ask('where is the?');
      assert.equal(a.hits.length, 0);
      assert.match(a.markdown, /no words/);
      assert.equal(engine.ask('   ').hits.length, 0);
    });
  });

  describe('other intents', () => {
    it('who calls X: the callers, at their call sites', () => {
      const a = engine.ask('who calls verifyToken?');
      assert.equal(a.intent, 'callers');
      assert.deepEqual(a.hits.map((h) => [h.file, h.qname, h.line]), [['src/auth/middleware.ts', 'requireAuth', 10]]);
      assert.match(a.hits[0].reason, /calls `verifyToken` at line 11 \(via import\)/);
    });

    it('how does A reach B: the shortest call chain, step by step', () => {
      const a = engine.ask('how does createOrder reach query?');
      assert.equal(a.intent, 'chain');
      assert.deepEqual(a.hits.map((h) => h.qname), ['createOrder', 'insertOrder', 'query']);
      assert.match(a.markdown, /2 calls/);
    });

    it('what does this file depend on: imported files, and external modules in the note', () => {
      const a = engine.ask('what does src/handlers/authHandlers.ts depend on?');
      assert.equal(a.intent, 'deps');
      assert.deepEqual(a.hits.map((h) => h.file), ['src/auth/jwt.ts', 'src/auth/password.ts', 'src/db/userRepository.ts', 'src/email/mailer.ts', 'src/errors.ts']);
      assert.match(a.markdown, /`express`/);
    });

    it('where is a config key read: reads first, with the line', () => {
      const a = engine.ask('where is JWT_SECRET read?');
      assert.equal(a.intent, 'config');
      assert.deepEqual([a.hits[0].file, a.hits[0].qname, a.hits[0].line], ['src/config.ts', 'config', 3]);
      assert.match(a.hits[0].reason, /reads JWT_SECRET at line 4/);
      const py = engine.ask('where is the env variable STRIPE_API_KEY used');
      assert.deepEqual(py.hits.map((h) => `${h.file}:${h.qname}`).sort(), ['py/shop/payments.py:charge_card', 'py/shop/settings.py:STRIPE_API_KEY']);
    });

    it('explain: the code asked about (by name or by the editor position), its callers and the calls it makes to other files', () => {
      const byName = engine.ask('explain requireAuth');
      assert.equal(byName.intent, 'explain');
      assert.deepEqual(
        byName.hits.map((h) => `${h.file}:${h.qname}`),
        ['src/auth/middleware.ts:requireAuth', 'src/routes/orders.ts:src/routes/orders.ts', 'src/routes/users.ts:src/routes/users.ts', 'src/auth/jwt.ts:verifyToken', 'src/errors.ts:UnauthorizedError'],
      );
      assert.match(byName.hits[1].reason, /^uses `requireAuth` at line 9 \(via import\)$/);
      assert.match(byName.markdown, /`requireAuth` \(function\) in `src\/auth\/middleware.ts`/);
      // The cursor inside createOrder's body (line 10 of the handler file).
      const atCursor = engine.ask('/explain', { context: { file: 'src/handlers/orderHandlers.ts', line: 9, character: 4 } });
      assert.equal(atCursor.hits[0].qname, 'createOrder');
      assert.ok(atCursor.hits.some((h) => h.qname === 'insertOrder' && /called by `createOrder`/.test(h.reason)));
      assert.equal(engine.ask('/explain').hits.length, 0);
    });

    it('falls back to a where answer when a named symbol does not exist, and finds nothing for nonsense', () => {
      const a = engine.ask('who calls nothingAtAllHere?');
      assert.equal(a.hits.length, 0);
      assert.match(a.markdown, /No symbol matches/);
    });
  });

  describe('convention questions', () => {
    it('Express: the closest example route, its handler, mount, validation and tests', () => {
      const a = engine.ask('How do I add a new API endpoint following our conventions?');
      assert.equal(a.intent, 'convention');
      assert.match(a.markdown, /registers routes with \*\*Express\*\*: 6 routes in 3 files; also Flask \(3\), Django \(2\)/);
      const roles = a.hits.map((h) => `${h.reason.split(':')[0]} ${h.file}`);
      assert.deepEqual(roles, [
        'registration src/routes/auth.ts',
        'handler src/handlers/authHandlers.ts',
        'mount src/server.ts',
        'validation src/validation/validateBody.ts',
        'validation src/validation/schemas.ts',
        'tests tests/auth.test.ts',
      ]);
    });

    it('picks the example closest to the subject', () => {
      const a = engine.ask('how do I add a new orders endpoint?');
      assert.equal(a.hits[0].file, 'src/routes/orders.ts');
      assert.equal(a.hits[0].kind, 'route');
    });

    it('Flask and Django when asked for them: decorator routes, blueprints, urlconfs and include()', () => {
      const flask = engine.ask('how do I add a new flask view?');
      assert.deepEqual(flask.hits.slice(0, 3).map((h) => `${h.reason.split(':')[0]} ${h.file}:${h.line + 1}`), [
        'registration py/shop/views.py:18',
        'handler py/shop/views.py:19',
        'mount py/shop/app.py:11',
      ]);
      assert.ok(flask.hits.some((h) => h.file === 'py/tests/test_cart.py'));
      const django = engine.ask('how do I add a new django view?');
      assert.deepEqual(django.hits.slice(0, 4).map((h) => `${h.reason.split(':')[0]} ${h.file}`), [
        'registration py/blog/urls.py',
        'handler py/blog/views.py',
        'mount py/config/urls.py',
        'validation py/blog/forms.py',
      ]);
    });

    it('lists every route registration with its handler', () => {
      const routes = findRoutes(index.graph.graph, engine.prepare().index).map((r) => `${r.framework} ${r.method} ${r.path} -> ${r.handler ?? '-'}`);
      assert.ok(routes.includes('express POST /login -> s:src/routes/auth.ts#login') === false);
      assert.ok(routes.includes('express POST /login -> s:src/handlers/authHandlers.ts#login'), routes.join('\n'));
      assert.ok(routes.includes('express GET /:id -> s:src/handlers/userHandlers.ts#getUser'));
      assert.ok(routes.includes('flask POST /cart -> s:py/shop/views.py#add_to_cart'));
      assert.ok(routes.includes('django ANY posts/<int:pk>/ -> s:py/blog/views.py#post_detail'));
      assert.ok(routes.includes('express USE /api/orders -> s:src/routes/orders.ts#ordersRouter'));
    });
  });

  describe('determinism and freshness', () => {
    const questions = ['where is the jwt checked?', 'how do I add a new API endpoint?', 'where is JWT_SECRET read?', 'who calls query'];

    it('answers byte for byte the same from the same index, and from a fresh index of the same files', async () => {
      const first = questions.map((q) => JSON.stringify(engine.ask(q)));
      assert.deepEqual(questions.map((q) => JSON.stringify(engine.ask(q))), first);
      const again = new WorkspaceIndex(fx.root, { cache: false, workers: 0 });
      await again.build();
      try {
        assert.deepEqual(questions.map((q) => JSON.stringify(engineFor(again).ask(q))), first);
      } finally {
        await again.dispose();
      }
    });

    it('prepares in batches that let other work through, with the same answers as preparing at once', async () => {
      const batched = engineFor(index);
      let yields = 0;
      await batched.prepareAsync(async () => {
        yields++;
        await new Promise((r) => setImmediate(r));
      });
      assert.ok(yields >= 1, `the fixture has ${index.filePaths().length} files, more than one batch of 32`);
      for (const q of questions) assert.equal(JSON.stringify(batched.ask(q)), JSON.stringify(engine.ask(q)));
    });

    it('sees a changed file at the next question, and answers as before once it is changed back', async () => {
      const before = JSON.stringify(engine.ask('where are signing keys rotated?'));
      const path = join(fx.root, 'src/auth/jwt.ts');
      const original = readFileSync(path, 'utf8');
      writeFileSync(path, `${original}\n/** Replace the signing keys; old tokens stop verifying. */\nexport function rotateSigningKeys(): void {}\n`);
      await index.applyChanges([{ path: 'src/auth/jwt.ts', kind: 'changed' }]);
      assert.equal(engine.ask('where are signing keys rotated?').hits[0].qname, 'rotateSigningKeys');
      writeFileSync(path, original);
      await index.applyChanges([{ path: 'src/auth/jwt.ts', kind: 'changed' }]);
      assert.equal(JSON.stringify(engine.ask('where are signing keys rotated?')), before);
    });

    it('renders markdown with file links at the line', () => {
      const md = engine.ask('where are passwords hashed?', { k: 2 }).markdown;
      assert.match(md, /^\*\*Where:\*\* where are passwords hashed\?/);
      assert.match(md, /1\. `hashPassword` \(function\) \[`src\/auth\/password\.ts:5`\]\(file:\/\/\/.*\/src\/auth\/password\.ts#L5\)/);
    });
  });
});
