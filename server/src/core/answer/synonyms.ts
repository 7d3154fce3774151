import { stem } from './stem';

// The words programmers use for the same thing. A question says "login", the code says
// `authenticate`, `signIn`, `passport.use` or `verifyJwt`; each group below is one concept.
// Groups are matched on stems, so `authenticated` and `authentication` need no entry of their own.
// A word may sit in several groups (`token` is about auth and about parsing).

const GROUPS: string[] = [
  'auth authenticate authentication authorize authorization login logon signin sign_in session token jwt jsonwebtoken credential credentials passport password bearer oauth sso principal identity guard',
  'login logon signin logout signout session cookie',
  'permission permissions role roles authorize authorization acl access grant policy scope admin',
  'password passwd hash bcrypt argon scrypt pbkdf salt',
  'user users account accounts member profile customer owner principal',
  'db database query queries sql orm repository repo model models table tables schema migration migrations store persistence persist dao cursor connection pool knex prisma sequelize typeorm sqlalchemy',
  'save persist insert create store write put upsert',
  'delete remove destroy drop erase unlink purge',
  'update modify change edit patch mutate',
  'find get fetch lookup load read retrieve select search',
  'config configuration settings setting env environment preferences conf dotenv',
  'error errors exception exceptions fail failure failed throw raise reject panic fault invalid',
  'route routes routing router endpoint endpoints handler handlers controller controllers view views path paths url urls urlconf api rest resource',
  'request req http https fetch client axios response res rest',
  'response res reply render result output status json',
  'middleware middlewares interceptor filter hook pipeline plugin',
  'cache caching cached memo memoize memoization lru ttl redis memcache invalidate',
  'log logs logging logger trace tracing debug warn console audit',
  'test tests testing spec specs assert expect mock fixture fixtures stub unittest pytest jest mocha',
  'validate validation validator validators verify check checks schema sanitize constraint constraints zod joi yup serializer form forms clean',
  'send email emails mail mailer smtp notify notification notifications message',
  'event events emit emitter listener listeners subscribe subscriber publish dispatch signal signals observer hook',
  'queue job jobs worker workers task tasks schedule scheduler cron background',
  'start startup boot bootstrap main init initialize launch listen serve server app',
  'parse parser parsing decode deserialize tokenize lexer read',
  'serialize serializer encode stringify format dump marshal',
  'upload file files attachment multipart storage blob stream',
  'payment payments pay billing invoice charge stripe checkout price order orders',
  'time date datetime timestamp clock timezone duration timeout',
  'retry retries backoff attempt attempts repeat',
  'concurrent concurrency parallel fiber fibers thread threads async promise await',
  'stream streams streaming pipe chunk chunks',
  'rate throttle limit limiter ratelimit',
  'csrf xsrf forgery',
  'secret secrets redact redacted redaction mask masked sensitive hide hidden conceal',
  'encrypt encryption decrypt crypto cipher sign signature hmac secret key keys',
  'template templates render jinja html view',
  'translate translation translations i18n locale localization gettext language',
  'paginate pagination page pages paginator offset cursor',
  'admin administrator dashboard backoffice',
  'redirect redirects location',
  'header headers',
  'websocket websockets socket sockets ws realtime',
  'graphql resolver resolvers',
  'map transform convert',
  'filter where predicate',
  'sort order ordering compare comparator',
  'merge combine concat join zip',
  'close shutdown dispose cleanup finalize release teardown',
  'scope scoped layer layers context provide dependency inject injection container service services',
];

const groupsByStem = new Map<string, number[]>();
const groupStems: string[][] = [];

for (const line of GROUPS) {
  const stems = [...new Set(line.split(/\s+/).filter(Boolean).map((w) => stem(w.replace(/_/g, ''))))];
  const gi = groupStems.length;
  groupStems.push(stems);
  for (const s of stems) {
    const list = groupsByStem.get(s) ?? [];
    list.push(gi);
    groupsByStem.set(s, list);
  }
}

/** Stems that mean the same as `s` (itself excluded), in a stable order. */
export function synonymsOf(s: string): string[] {
  const out = new Set<string>();
  for (const gi of groupsByStem.get(s) ?? []) for (const o of groupStems[gi]) if (o !== s) out.add(o);
  return [...out].sort();
}

/** Whether two stems are in one group. */
export function areSynonyms(a: string, b: string): boolean {
  if (a === b) return true;
  const ga = groupsByStem.get(a);
  const gb = groupsByStem.get(b);
  return !!ga && !!gb && ga.some((g) => gb.includes(g));
}
