import { ENTITIES, NameSet, QUALIFIERS, STATUSES, VERBS, WORDS, article, pascal, plural } from './names';
import type { Rng } from './rng';
import { randomParams, randomReturn, type Callee, type ClassShape, type Param, type Signature } from './signatures';
import { tsBody, tsMethodHead, tsParamList, tsReturnType, tsType } from './tsBody';

// Top-level declarations for TypeScript and CommonJS files. Each unit is sized to the lines
// the file has left, so files land close to their target length.

export type SymbolKind = 'function' | 'class' | 'const' | 'interface' | 'type' | 'enum';

export interface TsSymbol {
  name: string;
  kind: SymbolKind;
  /** Present when the symbol can be called (functions, arrow consts). */
  sig?: Signature;
  /** Present when the symbol can be instantiated. */
  shape?: ClassShape;
}

export interface UnitScope {
  rng: Rng;
  /** TypeScript (annotations, interfaces) or plain JavaScript. */
  typed: boolean;
  /** `'export '` in ES modules, `''` in CommonJS (which lists exports in module.exports). */
  exportKeyword: string;
  topic: string;
  owner: string;
  /** A declaration name unique in the package (index.ts re-exports everything) and in the file. */
  claim(base: string): string;
  /** What bodies may call; grows as the file declares things. */
  callees: Callee[];
  exports: TsSymbol[];
}

const CLASS_ROLES = ['Service', 'Manager', 'Coordinator', 'Repository', 'Store', 'Registry', 'Tracker', 'Builder', 'Planner'];
const SHAPE_SUFFIXES = ['Record', 'Options', 'Snapshot', 'Input', 'Event', 'Filter', 'Settings', 'Summary'];

function statementsFor(rng: Rng, lines: number, overhead: number): number {
  return Math.max(1, Math.min(rng.int(2, 9), Math.floor((lines - overhead) / 2)));
}

function docLines(s: UnitScope, sentence: string, params: readonly Param[], indent: string, full: boolean): string[] {
  if (!full) return [`${indent}/** ${sentence} */`];
  const out = [`${indent}/**`, `${indent} * ${sentence}`];
  for (const p of params) {
    out.push(s.typed ? `${indent} * @param ${p.name} - the ${p.name} to use` : `${indent} * @param {${tsType(p.type)}} ${p.name} the ${p.name} to use`);
  }
  out.push(`${indent} */`);
  return out;
}

function describe(verb: string, entity: string): string {
  return `${pascal(verb)}s ${article(entity)} ${entity} for ${plural(entity)} callers.`;
}

/** A function declaration or an arrow function bound to a const. Empty if it cannot fit. */
export function functionUnit(s: UnitScope, maxLines: number, style: 'declaration' | 'arrow', exported: boolean): string[] {
  if (maxLines < 8) return [];
  const { rng } = s;
  const verb = rng.pick(VERBS);
  const entity = rng.chance(0.75) ? s.topic : rng.pick(ENTITIES);
  const name = s.claim(`${verb}${pascal(entity)}${rng.pick(QUALIFIERS)}`);
  const params = randomParams(rng, 0, 3);
  const returns = randomReturn(rng, true);
  const sig: Signature = { name, params, returns };
  const fullDoc = rng.chance(0.5) && maxLines > 12 + params.length;
  const doc = docLines(s, describe(verb, entity), params, '', fullDoc);
  const body = tsBody({ rng, callees: s.callees, params, returns, topic: s.topic, statements: statementsFor(rng, maxLines, doc.length + 3) }, '  ');
  const exp = exported ? s.exportKeyword : '';
  const asyncKw = returns === 'async' ? 'async ' : '';
  const ret = s.typed ? `: ${tsReturnType(returns)}` : '';
  const head =
    style === 'declaration'
      ? `${exp}${asyncKw}function ${name}(${tsParamList(params, s.typed)})${ret} {`
      : `${exp}const ${name} = ${asyncKw}(${tsParamList(params, s.typed)})${ret} => {`;
  const out = [...doc, head, ...body, style === 'declaration' ? '}' : '};'];
  s.callees.push({ kind: 'fn', path: name, sig });
  if (exported) s.exports.push({ name, kind: style === 'declaration' ? 'function' : 'const', sig });
  return out;
}

export interface ClassOptions {
  /** Emit an interface first and have the class implement it (TypeScript only). */
  contract: boolean;
  /** `external`: a library class (EventEmitter) rather than one this generator wrote. */
  base?: { path: string; shape: ClassShape; external?: boolean };
  role?: string;
}

/** A class with a constructor, fields, a getter, methods calling each other and a static factory. */
export function classUnit(s: UnitScope, maxLines: number, opts: ClassOptions): string[] {
  if (maxLines < 24) return [];
  const { rng, typed } = s;
  const name = s.claim(`${pascal(s.topic)}${opts.role ?? rng.pick(CLASS_ROLES)}`);
  const ctor = randomParams(rng, 1, 3);
  const target = Math.min(maxLines, rng.int(40, 200));
  const contract = opts.contract && typed;
  const methodCount = Math.max(1, Math.floor((target - 22) / (contract ? 14 : 13)));
  // Base-class method names are reserved so a subclass overrides only on purpose, with the
  // base's exact signature (an override the type checker accepts).
  const baseMethods = opts.base?.shape.methods ?? [];
  const methodNames = new NameSet(['constructor', 'size', 'create', 'cache', 'hits', ...baseMethods.map((m) => m.name)]);
  const methods: Signature[] = [];
  if (baseMethods.length > 0 && rng.chance(0.4)) methods.push({ ...rng.pick(baseMethods) });
  for (let i = 0; i < methodCount; i++) {
    const verb = rng.pick(VERBS);
    const entity = rng.chance(0.8) ? s.topic : rng.pick(ENTITIES);
    methods.push({
      name: methodNames.claim(`${verb}${pascal(entity)}${rng.pick(QUALIFIERS)}`),
      params: randomParams(rng, 0, 3),
      returns: randomReturn(rng, true),
    });
  }
  const shape: ClassShape = { name, ctor, methods };
  const out: string[] = [];

  let contractName: string | undefined;
  if (contract) {
    contractName = s.claim(`${name}Contract`);
    out.push(`/** What {@link ${name}} offers to its callers. */`, `${s.exportKeyword}interface ${contractName} {`);
    for (const m of methods) out.push(`  ${tsMethodHead(m)};`);
    out.push('}', '');
    s.exports.push({ name: contractName, kind: 'interface' });
  }

  out.push('/**', ` * Keeps track of ${plural(s.topic)} for ${s.owner}.`, ' */');
  const ext = opts.base ? ` extends ${opts.base.path}` : '';
  const impl = contractName ? ` implements ${contractName}` : '';
  out.push(`${s.exportKeyword}class ${name}${ext}${impl} {`);
  const superArgs = opts.base ? opts.base.shape.ctor.map((p) => literalFor(rng, p)).join(', ') : '';
  if (typed) {
    // A generated base class already declares the fields and its own parameter properties;
    // declaring them again would clash, so subclasses inherit them and take plain parameters.
    const inherits = opts.base !== undefined && !opts.base.external;
    if (!inherits) out.push('  protected readonly cache = new Map<string, string>();', '  protected hits = 0;', '');
    const props = ctor
      .map((p, i) => `${inherits ? '' : i === 0 ? 'private readonly ' : 'readonly '}${p.name}: ${tsType(p.type)}`)
      .join(', ');
    if (opts.base) out.push(`  constructor(${props}) {`, `    super(${superArgs});`, '  }');
    else out.push(`  constructor(${props}) {}`);
  } else {
    out.push(`  constructor(${tsParamList(ctor, false)}) {`);
    if (opts.base) out.push(`    super(${superArgs});`);
    for (const p of ctor) out.push(`    this.${p.name} = ${p.name};`);
    out.push('    this.cache = new Map();', '    this.hits = 0;', '  }');
  }
  out.push('', typed ? '  get size(): number {' : '  get size() {', '    return this.cache.size + this.hits;', '  }');

  const own: Callee[] = methods.map((m) => ({ kind: 'fn', path: `this.${m.name}`, sig: m }));
  const inherited: Callee[] = baseMethods
    .filter((m) => !methods.some((own) => own.name === m.name))
    .map((m) => ({ kind: 'fn', path: `this.${m.name}`, sig: m }));
  const shared = [...s.callees, ...inherited];
  let left = target - out.length - 6;
  for (const m of methods) {
    const statements = Math.max(1, Math.min(rng.int(2, 7), Math.floor((left - 5) / 2)));
    const asyncKw = m.returns === 'async' ? 'async ' : '';
    const head = typed ? `${asyncKw}${tsMethodHead(m)}` : `${asyncKw}${m.name}(${tsParamList(m.params, false)})`;
    out.push('', `  /** ${describe(m.name.replace(/[A-Z].*/, ''), s.topic)} */`, `  ${head} {`);
    if (rng.chance(0.3)) out.push('    this.hits += 1;');
    // Siblings twice: calls between methods of one class are the common case. Never itself.
    const siblings = own.filter((c) => c.kind === 'fn' && c.sig !== m);
    const callees = [...shared, ...siblings, ...siblings];
    out.push(...tsBody({ rng, callees, params: m.params, returns: m.returns, topic: s.topic, statements }, '    '), '  }');
    left = target - out.length - 6;
  }
  if (rng.chance(0.4)) {
    const args = ctor.map((p) => literalFor(rng, p)).join(', ');
    out.push('', typed ? `  static create(): ${name} {` : '  static create() {', `    return new ${name}(${args});`, '  }');
  }
  out.push('}');
  s.callees.push({ kind: 'class', path: name, shape });
  s.exports.push({ name, kind: 'class', shape });
  return out;
}

function literalFor(rng: Rng, p: Param): string {
  switch (p.type) {
    case 'string':
      return `'${rng.pick(WORDS)}'`;
    case 'number':
      return String(rng.int(1, 99));
    case 'boolean':
      return 'false';
    case 'list':
      return '[]';
    case 'record':
      return '{}';
  }
}

export function interfaceUnit(s: UnitScope): string[] {
  const { rng } = s;
  const name = s.claim(`${pascal(s.topic)}${rng.pick(SHAPE_SUFFIXES)}`);
  const fields = randomParams(rng, 2, 6);
  const out = ['/**', ` * Shape of ${article(s.topic)} ${s.topic} as ${s.owner} stores it.`, ' */', `${s.exportKeyword}interface ${name} {`];
  for (const f of fields) out.push(`  ${rng.chance(0.3) ? 'readonly ' : ''}${f.name}${rng.chance(0.25) ? '?' : ''}: ${tsType(f.type)};`);
  out.push(`  status: ${rng.sample(STATUSES, 3).map((x) => `'${x}'`).join(' | ')};`, '}');
  s.exports.push({ name, kind: 'interface' });
  return out;
}

export function typeUnit(s: UnitScope): string[] {
  const { rng } = s;
  const base = pascal(s.topic);
  if (rng.chance(0.5)) {
    const name = s.claim(`${base}State`);
    s.exports.push({ name, kind: 'type' });
    return [`${s.exportKeyword}type ${name} = ${rng.sample(STATUSES, 3).map((x) => `'${x}'`).join(' | ')};`];
  }
  const name = s.claim(`${base}Handler`);
  const params = randomParams(rng, 1, 3);
  s.exports.push({ name, kind: 'type' });
  return [`/** Called whenever ${article(s.topic)} ${s.topic} changes. */`, `${s.exportKeyword}type ${name} = (${tsParamList(params, true)}) => Promise<void>;`];
}

export function enumUnit(s: UnitScope): string[] {
  const { rng } = s;
  const name = s.claim(`${pascal(s.topic)}Status`);
  const out = [`/** Lifecycle of ${article(s.topic)} ${s.topic}. */`, `${s.exportKeyword}enum ${name} {`];
  for (const st of rng.sample(STATUSES, rng.int(3, 6))) out.push(`  ${pascal(st)} = '${st}',`);
  out.push('}');
  s.exports.push({ name, kind: 'enum' });
  return out;
}

export function constUnit(s: UnitScope): string[] {
  const { rng } = s;
  const name = s.claim(`${s.topic.toUpperCase()}_DEFAULTS`);
  const out = [`/** Defaults used when a caller gives no ${s.topic} options. */`, `${s.exportKeyword}const ${name} = {`];
  out.push(`  limit: ${rng.int(10, 500)},`, `  label: '${rng.pick(WORDS)}',`, `  strict: ${rng.chance(0.5)},`, `  retries: ${rng.int(0, 5)},`);
  out.push(s.typed ? '} as const;' : '};');
  s.exports.push({ name, kind: 'const' });
  return out;
}
