import assert from 'node:assert/strict';
import { sourcePieces } from '../../../server/src/core/answer/sourceText';
import { stem } from '../../../server/src/core/answer/stem';
import { areSynonyms, synonymsOf } from '../../../server/src/core/answer/synonyms';
import { splitIdentifier, terms } from '../../../server/src/core/answer/tokenize';

describe('answer: tokenizer', () => {
  it('splits camelCase, PascalCase, acronyms, snake_case, kebab-case and digits', () => {
    assert.deepEqual(splitIdentifier('getUserById'), ['get', 'user', 'by', 'id']);
    assert.deepEqual(splitIdentifier('parseHTTPResponse'), ['parse', 'http', 'response']);
    assert.deepEqual(splitIdentifier('JWT_SECRET'), ['jwt', 'secret']);
    assert.deepEqual(splitIdentifier('user-profile.view'), ['user', 'profile', 'view']);
    assert.deepEqual(splitIdentifier('oauth2Client'), ['oauth', '2', 'client']);
    assert.deepEqual(splitIdentifier('XMLHttpRequest'), ['xml', 'http', 'request']);
  });

  it('turns text into stemmed terms without stop words, numbers or one-letter parts', () => {
    assert.deepEqual(terms('Where is the user authenticated?'), ['user', 'authent']);
    assert.deepEqual(terms('a 42 x'), []);
  });

  it('adds a compound identifier as one more term, so `signIn` meets "signin"', () => {
    assert.ok(terms('signIn').includes(stem('signin')));
    assert.ok(terms('jsonWebToken').includes(stem('jsonwebtoken')));
    assert.ok(!terms('verify').includes(''));
  });
});

describe('answer: Porter stemmer', () => {
  const cases: [string, string][] = [
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['feed', 'feed'],
    ['agreed', 'agre'],
    ['disabled', 'disabl'],
    ['matting', 'mat'],
    ['mating', 'mate'],
    ['meeting', 'meet'],
    ['milling', 'mill'],
    ['happy', 'happi'],
    ['sky', 'sky'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['rational', 'ration'],
    ['generalization', 'gener'],
    ['hopeful', 'hope'],
    ['goodness', 'good'],
    ['electrical', 'electr'],
    ['adjustment', 'adjust'],
    ['controller', 'control'],
    ['roll', 'roll'],
  ];
  for (const [word, want] of cases) {
    it(`${word} → ${want}`, () => assert.equal(stem(word), want));
  }

  it('gives the forms of a word one stem', () => {
    const s = new Set(['authenticate', 'authenticated', 'authentication', 'authenticating'].map(stem));
    assert.equal(s.size, 1);
    assert.equal(stem('queries'), stem('query'));
    assert.equal(stem('handlers'), stem('handler'));
  });

  it('leaves words under three letters alone', () => {
    assert.equal(stem('db'), 'db');
    assert.equal(stem('is'), 'is');
  });
});

describe('answer: programmer synonyms', () => {
  it('knows that login, sign-in, jwt and authenticate are one concept', () => {
    assert.ok(areSynonyms(stem('login'), stem('authenticate')));
    assert.ok(areSynonyms(stem('signin'), stem('session')));
    assert.ok(areSynonyms(stem('jwt'), stem('credential')));
    assert.ok(areSynonyms(stem('db'), stem('repository')));
    assert.ok(areSynonyms(stem('config'), stem('env')));
    assert.ok(areSynonyms(stem('error'), stem('exception')));
    assert.ok(areSynonyms(stem('route'), stem('endpoint')));
    assert.ok(areSynonyms(stem('http'), stem('fetch')));
  });

  it('does not relate unrelated words, and lists synonyms in a stable order without the word itself', () => {
    assert.ok(!areSynonyms(stem('password'), stem('cache')));
    const list = synonymsOf(stem('database'));
    assert.ok(list.includes(stem('sql')) && list.includes(stem('orm')));
    assert.ok(!list.includes(stem('database')));
    assert.deepEqual(list, [...list].sort());
  });
});

describe('answer: strings and comments', () => {
  it('finds string literals, template strings and comments in TypeScript with their lines', () => {
    const text = "// auth routes\nrouter.post('/login', login); /* legacy */\nconst re = /a'b/;\nconst m = `token ${x}`;\n";
    const pieces = sourcePieces(text, false);
    assert.deepEqual(
      pieces.map((p) => [p.kind, p.text.trim(), p.line]),
      [
        ['comment', 'auth routes', 0],
        ['string', '/login', 1],
        ['comment', 'legacy', 1],
        ['string', 'token ${x}', 3],
      ],
    );
  });

  it('finds Python strings (triple-quoted too) and # comments, counting lines inside strings', () => {
    const text = '# settings\nKEY = os.environ.get("STRIPE_API_KEY")\ndef f():\n    """Doc\n    more."""\n    return \'x\'\n';
    const pieces = sourcePieces(text, true);
    assert.deepEqual(
      pieces.map((p) => [p.kind, p.line]),
      [
        ['comment', 0],
        ['string', 1],
        ['string', 3],
        ['string', 5],
      ],
    );
    assert.equal(pieces[1].text, 'STRIPE_API_KEY');
  });
});
