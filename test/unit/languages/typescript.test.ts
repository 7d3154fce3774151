import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { languageForPath } from '../../../server/src/core/languages/registry';
import { javascriptModule, tsxModule, typescriptModule } from '../../../server/src/core/languages/typescript';
import type { LanguageModule } from '../../../server/src/core/languages/languageModule';
import type { FileFacts } from '../../../server/src/core/model';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';
import { fixturePath } from '../../helpers/fixtures';

const host = new TreeSitterHost();

function fixture(name: string): string {
  return readFileSync(join(fixturePath('lang-ts'), name), 'utf8');
}

async function factsOf(name: string): Promise<FileFacts> {
  const module = languageForPath(name);
  if (!module) throw new Error(`no language for ${name}`);
  return host.facts(module, fixture(name));
}

function extract(module: LanguageModule, source: string): Promise<FileFacts> {
  return host.facts(module, source);
}

function symbols(f: FileFacts): { qname: string; kind: string; exported: boolean; parent: string | null }[] {
  return f.symbols.map((s) => ({ qname: s.qname, kind: s.kind, exported: s.exported, parent: s.parent ?? null }));
}

function calls(f: FileFacts): string[] {
  return f.calls.map((c) => `${c.caller ?? '<module>'} -> ${c.callee.join('.')}${c.isNew ? ' (new)' : ''}`);
}

function imports(f: FileFacts): string[] {
  return f.imports.map(
    (i) => `${i.kind} ${i.specifier} [${i.bindings.map((b) => (b.imported === b.local ? b.local : `${b.imported} as ${b.local}`)).join(', ')}]${i.typeOnly ? ' type' : ''}`,
  );
}

function exportsOf(f: FileFacts): string[] {
  return f.exports.map((e) => (e.name === e.local ? e.name : `${e.name} = ${e.local}`));
}

function references(f: FileFacts): string[] {
  return f.references.map((r) => `${r.from ?? '<module>'} -> ${r.path.join('.')}`);
}

function heritage(f: FileFacts): string[] {
  return f.heritage.map((h) => `${h.symbol} ${h.kind} ${h.target.join('.')}`);
}

function bindings(f: FileFacts): string[] {
  return f.bindings.map((b) => `${b.scope ?? '<module>'}: ${b.name} = ${b.via} ${b.target.join('.')}`);
}

function symbol(f: FileFacts, qname: string) {
  const s = f.symbols.find((x) => x.qname === qname);
  if (!s) throw new Error(`no symbol ${qname} in ${f.symbols.map((x) => x.qname).join(', ')}`);
  return s;
}

describe('TypeScript / JavaScript language module', () => {
  it('is registered for every JS/TS extension, .d.ts included', () => {
    deepStrictEqual(
      ['a.ts', 'a.mts', 'a.cts', 'a.d.ts', 'a.tsx', 'a.js', 'a.jsx', 'a.mjs', 'a.cjs'].map((p) => languageForPath(p)?.id),
      ['typescript', 'typescript', 'typescript', 'typescript', 'tsx', 'javascript', 'javascript', 'javascript', 'javascript'],
    );
    deepStrictEqual(
      [typescriptModule, tsxModule, javascriptModule].map((m) => [m.grammarFile, m.family]),
      [
        ['tree-sitter-typescript.wasm', 'js'],
        ['tree-sitter-tsx.wasm', 'js'],
        ['tree-sitter-javascript.wasm', 'js'],
      ],
    );
  });

  describe('declarations.ts', () => {
    let f: FileFacts;
    before(async () => {
      f = await factsOf('declarations.ts');
    });

    it('finds every declaration with its qualified name, kind, export and parent', () => {
      deepStrictEqual(symbols(f), [
        { qname: 'fetchUser', kind: 'function', exported: true, parent: null },
        { qname: 'load', kind: 'function', exported: false, parent: null },
        { qname: 'ids', kind: 'function', exported: false, parent: null },
        { qname: 'Shape', kind: 'class', exported: true, parent: null },
        { qname: 'Shape.onResize', kind: 'method', exported: false, parent: 'Shape' },
        { qname: 'Shape.constructor', kind: 'constructor', exported: false, parent: 'Shape' },
        { qname: 'Shape.area', kind: 'method', exported: false, parent: 'Shape' },
        { qname: 'Shape.size', kind: 'getter', exported: false, parent: 'Shape' },
        { qname: 'Shape.size#2', kind: 'setter', exported: false, parent: 'Shape' },
        { qname: 'Shape.draw', kind: 'method', exported: false, parent: 'Shape' },
        { qname: 'Shape.[Symbol.iterator]', kind: 'method', exported: false, parent: 'Shape' },
        { qname: 'Shape.#secret', kind: 'method', exported: false, parent: 'Shape' },
        { qname: 'Printable', kind: 'interface', exported: true, parent: null },
        { qname: 'Printable.print', kind: 'method', exported: false, parent: 'Printable' },
        { qname: 'Color', kind: 'enum', exported: true, parent: null },
        { qname: 'Pair', kind: 'type', exported: true, parent: null },
        { qname: 'LIMIT', kind: 'variable', exported: true, parent: null },
        { qname: 'other', kind: 'variable', exported: true, parent: null },
        { qname: 'double', kind: 'function', exported: false, parent: null },
        { qname: 'legacy', kind: 'function', exported: false, parent: null },
        { qname: 'Widget', kind: 'class', exported: false, parent: null },
        { qname: 'Widget.render', kind: 'method', exported: false, parent: 'Widget' },
        { qname: 'outer', kind: 'function', exported: false, parent: null },
        { qname: 'outer.inner', kind: 'function', exported: false, parent: 'outer' },
        { qname: 'outer.nested', kind: 'function', exported: false, parent: 'outer' },
        { qname: 'dup', kind: 'function', exported: false, parent: null },
        { qname: 'dup#2', kind: 'function', exported: false, parent: null },
        { qname: 'default', kind: 'class', exported: true, parent: null },
        { qname: 'default.run', kind: 'method', exported: false, parent: 'default' },
      ]);
    });

    it('writes one-line signatures up to the body', () => {
      const sigs = Object.fromEntries(f.symbols.map((s) => [s.qname, s.signature]));
      deepStrictEqual(
        {
          fetchUser: sigs['fetchUser'],
          ids: sigs['ids'],
          Shape: sigs['Shape'],
          'Shape.onResize': sigs['Shape.onResize'],
          'Shape.constructor': sigs['Shape.constructor'],
          'Shape.area': sigs['Shape.area'],
          'Shape.size': sigs['Shape.size'],
          'Shape.draw': sigs['Shape.draw'],
          Printable: sigs['Printable'],
          Pair: sigs['Pair'],
          LIMIT: sigs['LIMIT'],
          double: sigs['double'],
          legacy: sigs['legacy'],
          Widget: sigs['Widget'],
          default: sigs['default'],
        },
        {
          fetchUser: 'async function fetchUser(id: string, retries?: number): Promise<User>',
          ids: 'function* ids()',
          Shape: 'abstract class Shape<T> extends Base<T> implements Drawable, geo.Sized',
          'Shape.onResize': 'onResize = (e: Event) =>',
          'Shape.constructor': 'constructor(private svc: Service, readonly log: Logger)',
          'Shape.area': 'abstract area(): number',
          'Shape.size': 'get size(): number',
          'Shape.draw': 'draw(target: any): void',
          Printable: 'interface Printable extends Drawable, geo.Named<string>',
          Pair: 'type Pair<A> = [A, A]',
          LIMIT: 'const LIMIT = 10',
          double: 'const double = (n: number): number =>',
          legacy: 'let legacy = function (a, b)',
          Widget: 'const Widget = class extends Base',
          default: 'class',
        },
      );
    });

    it('takes JSDoc blocks and runs of line comments as documentation', () => {
      strictEqual(symbol(f, 'fetchUser').doc, 'Fetches a user.\n@param id the user id');
      strictEqual(symbol(f, 'load').doc, 'Loads from the cache.\nSecond line.');
      // The overload set keeps the doc written on its first signature.
      strictEqual(symbol(f, 'Shape.draw').doc, 'Draws it.');
      strictEqual(symbol(f, 'ids').doc, undefined);
    });

    it('gives the whole declaration as range and the name as selection', () => {
      // `export async function fetchUser(...) { ... }` spans lines 7-9; the name sits at column 22.
      deepStrictEqual(symbol(f, 'fetchUser').range, [7, 0, 9, 1]);
      deepStrictEqual(symbol(f, 'fetchUser').selection, [7, 22, 7, 31]);
      // The overloaded method is located at its implementation.
      deepStrictEqual(symbol(f, 'Shape.draw').range, [44, 2, 46, 3]);
      // `const double = ...;` as a whole statement.
      deepStrictEqual(symbol(f, 'double').range, [67, 0, 67, 44]);
      // An anonymous default export is named after the `default` keyword.
      deepStrictEqual(symbol(f, 'default').selection, [84, 7, 84, 14]);
    });

    it('records extends / implements', () => {
      deepStrictEqual(heritage(f), [
        'Shape extends Base',
        'Shape implements Drawable',
        'Shape implements geo.Sized',
        'Printable extends Drawable',
        'Printable extends geo.Named',
        'Widget extends Base',
      ]);
      // `Base` in `export abstract class Shape<T> extends Base<T>`.
      deepStrictEqual(f.heritage[0]!.range, [21, 39, 21, 43]);
    });

    it('records calls with their enclosing symbol', () => {
      deepStrictEqual(calls(f), [
        'fetchUser -> load',
        'load -> cache.get',
        'Shape -> Map (new)',
        'Shape.onResize -> this.redraw',
        'Shape.constructor -> super',
        'Shape.size -> this.repo.count',
        'Shape.draw -> super.draw',
        'other -> compute',
        'outer.nested -> inner',
      ]);
    });

    it('binds class fields and parameter properties to the classes they hold', () => {
      deepStrictEqual(bindings(f), [
        'Shape: this.points = new Map',
        'Shape: this.repo = new geo.Repo',
        'Shape.onResize: e = new Event',
        'Shape: this.svc = new Service',
        'Shape.constructor: svc = new Service',
        'Shape: this.log = new Logger',
        'Shape.constructor: log = new Logger',
      ]);
    });

    it('exports what is exported, and references only module-level names', () => {
      deepStrictEqual(exportsOf(f), ['fetchUser', 'Shape', 'Printable', 'Color', 'Pair', 'LIMIT', 'other', 'default']);
      deepStrictEqual(references(f), ['Shape -> geo.Repo', 'other -> LIMIT']);
      strictEqual(f.errorCount, 0);
      strictEqual(f.lineCount, 87);
    });
  });

  describe('modules.ts', () => {
    let f: FileFacts;
    before(async () => {
      f = await factsOf('modules.ts');
    });

    it('records every import form with its bindings', () => {
      deepStrictEqual(imports(f), [
        'esm ./default [default as Default]',
        'esm ./namespace [* as ns]',
        'esm ./named [a, b as c]',
        'esm ./mixed [default as Mixed, d]',
        'esm ./side-effect []',
        'esm ./types [T1, T2 as T3] type',
        'esm ./some-types [T4, e]',
        'require ./legacy [* as legacy]',
        'require ./cjs-whole [* as whole]',
        'require ./cjs-destructured [f, g as h]',
        'require ./cjs-member [prop as member]',
        'require ./cjs-bare []',
        'require ./template [* as tpl]',
        'dynamic ./lazy [* as lazy]',
        'dynamic ./fire-and-forget []',
        'reexport-all ./all []',
        'reexport ./grouped [* as grouped]',
        'reexport ./reexported [x, y as z, default as w]',
        'reexport ./shapes [Shape] type',
      ]);
      deepStrictEqual(f.imports[0]!.range, [0, 0, 0, 32]);
    });

    it('records exports, including export lists naming local declarations', () => {
      deepStrictEqual(exportsOf(f), [
        'load',
        'declared',
        'default = main',
        'Exported',
        'value',
        'local',
        'visible = hidden',
        'default2 = Default',
      ]);
      deepStrictEqual(symbols(f), [
        { qname: 'load', kind: 'function', exported: true, parent: null },
        { qname: 'declared', kind: 'function', exported: true, parent: null },
        { qname: 'main', kind: 'function', exported: true, parent: null },
        { qname: 'Exported', kind: 'class', exported: true, parent: null },
        { qname: 'value', kind: 'variable', exported: true, parent: null },
        // A plain module-level variable becomes a symbol because `export { local }` names it.
        { qname: 'local', kind: 'variable', exported: true, parent: null },
        { qname: 'hidden', kind: 'function', exported: true, parent: null },
      ]);
    });

    it('does not count require() / import() as calls, and keeps import aliases as bindings', () => {
      deepStrictEqual(calls(f), ['load -> ?.then']);
      deepStrictEqual(bindings(f), ['<module>: Alias = alias ns.inner.Thing']);
    });
  });

  describe('calls.ts', () => {
    let f: FileFacts;
    before(async () => {
      f = await factsOf('calls.ts');
    });

    it('reads callee paths, collapsing non-name receivers to ?', () => {
      deepStrictEqual(calls(f), [
        '<module> -> Service (new)',
        '<module> -> setup',
        'Controller -> utils.Repo (new)',
        'Controller -> Date.now',
        'Controller.constructor -> super.init',
        'Controller.handle -> this.repo.save',
        'Controller.handle -> this.service.run',
        'Controller.handle -> ?.y',
        'Controller.handle -> getX',
        'Controller.handle -> ?.go',
        'Controller.handle -> ?.make',
        'Controller.handle -> utils.Queue (new)',
        'Controller.handle -> Service (new)',
        'Controller.handle -> local.start',
        'Controller.handle -> req.items.map',
        'Controller.handle -> app.get',
        // Inside an anonymous callback: attributed to the named method around it.
        'Controller.handle -> helpers.format',
        'Controller.handle.cb -> utils.log',
        'Controller.handle -> cb',
        'setup -> optional.call',
        'setup -> ns.Widget (new)',
      ]);
      // The callee expression is the range: `this.repo.save` on line 19.
      deepStrictEqual(f.calls[5]!.range, [19, 4, 19, 18]);
    });

    it('references imported and module-level names only', () => {
      deepStrictEqual(references(f), [
        '<module> -> utils.handle',
        '<module> -> helpers',
        '<module> -> svc',
        'Controller.constructor -> Service',
        'Controller.handle -> Options',
        'Controller.handle -> transform',
        'Controller.handle.cb -> Controller.name',
        'transform -> Service',
        'transform -> Options',
        'setup -> Service',
        // A type argument: `Array<Service>`.
        '<module> -> Service',
      ]);
    });

    it('binds instances, aliases, typed fields and parameters', () => {
      deepStrictEqual(bindings(f), [
        '<module>: svc = new Service',
        '<module>: handler = alias utils.handle',
        '<module>: direct = alias helpers',
        'Controller: this.repo = new utils.Repo',
        'Controller: this.cache = new Cache',
        'Controller: this.service = new Service',
        'Controller.constructor: service = new Service',
        'Controller.handle: req = new Options',
        'Controller: this.queue = new utils.Queue',
        'Controller.handle: local = new Service',
        'setup: s = new Service',
        '<module>: registry = new Array',
      ]);
    });
  });

  it('TSX: components, JSX element references and callbacks', async () => {
    const f = await factsOf('component.tsx');
    strictEqual(f.language, 'tsx');
    deepStrictEqual(symbols(f), [
      { qname: 'ListProps', kind: 'interface', exported: false, parent: null },
      { qname: 'List', kind: 'function', exported: true, parent: null },
      { qname: 'renderItem', kind: 'function', exported: false, parent: null },
    ]);
    deepStrictEqual(calls(f), ['List -> useState', 'List -> items.map', 'List -> setOpen']);
    deepStrictEqual(references(f), [
      'ListProps -> Item',
      'List -> ListProps',
      'List -> ui.Panel',
      'List -> renderItem',
      'List -> Button',
      'renderItem -> Item',
    ]);
    // `<Button` on line 15: the element name, not the closing tag.
    deepStrictEqual(f.references[4]!.range, [15, 7, 15, 13]);
    deepStrictEqual(exportsOf(f), ['List', 'default = List']);
    strictEqual(symbol(f, 'List').doc, 'Renders the list.');
  });

  it('CommonJS: require, module.exports, exports.x, prototypes and object literals', async () => {
    const f = await factsOf('commonjs.js');
    strictEqual(f.language, 'javascript');
    deepStrictEqual(symbols(f), [
      { qname: 'start', kind: 'function', exported: true, parent: null },
      { qname: 'Server', kind: 'class', exported: true, parent: null },
      { qname: 'Server.constructor', kind: 'constructor', exported: false, parent: 'Server' },
      { qname: 'Server.onRequest', kind: 'method', exported: false, parent: 'Server' },
      { qname: 'Server.close', kind: 'method', exported: false, parent: 'Server' },
      { qname: 'api', kind: 'variable', exported: false, parent: null },
      { qname: 'api.list', kind: 'method', exported: false, parent: 'api' },
      { qname: 'api.save', kind: 'method', exported: false, parent: 'api' },
      { qname: 'stop', kind: 'function', exported: true, parent: null },
      { qname: 'restart', kind: 'function', exported: true, parent: null },
      { qname: 'VERSION', kind: 'variable', exported: true, parent: null },
    ]);
    deepStrictEqual(imports(f), ['require path [* as path]', 'require fs [readFile, writeFile as write]', 'reexport ./util [* as util]']);
    deepStrictEqual(exportsOf(f), ['start', 'Server', 'stop', 'restart', 'VERSION', 'helper = start']);
    deepStrictEqual(calls(f), [
      'start -> listen',
      'start -> path.join',
      'Server.constructor -> super',
      'Server.constructor -> Router (new)',
      'Server.onRequest -> this.router.dispatch',
      'Server.close -> this.emit',
      'api.list -> fetch',
      'api.save -> write',
      '<module> -> app.use',
      '<module> -> api.save',
      'stop -> start',
      'restart -> start',
    ]);
    deepStrictEqual(heritage(f), ['Server extends EventEmitter']);
    deepStrictEqual(bindings(f), ['Server: this.router = new Router']);
    strictEqual(symbol(f, 'api.save').signature, 'save: async (item) =>');
    strictEqual(symbol(f, 'Server.close').signature, 'Server.prototype.close = function ()');
  });

  it('CommonJS: module.exports = X exports X as the whole module', async () => {
    const named = await extract(javascriptModule, 'function Impl() {}\nmodule.exports = Impl;\n');
    deepStrictEqual(exportsOf(named), ['= = Impl', 'default = Impl']);
    deepStrictEqual(symbols(named), [{ qname: 'Impl', kind: 'function', exported: true, parent: null }]);

    const anonymous = await extract(javascriptModule, 'module.exports = function () {\n  go();\n};\n');
    deepStrictEqual(symbols(anonymous), [{ qname: 'default', kind: 'function', exported: true, parent: null }]);
    deepStrictEqual(exportsOf(anonymous), ['= = default', 'default']);
    deepStrictEqual(calls(anonymous), ['default -> go']);

    const object = await extract(javascriptModule, 'module.exports = { a, b: c, d() { run(); }, e: () => 1 };\n');
    deepStrictEqual(exportsOf(object), ['a', 'b = c', 'd', 'e']);
    deepStrictEqual(symbols(object), [
      { qname: 'd', kind: 'function', exported: true, parent: null },
      { qname: 'e', kind: 'function', exported: true, parent: null },
    ]);
    deepStrictEqual(calls(object), ['d -> run']);

    const forwarded = await extract(javascriptModule, "module.exports = require('./impl');\nexports.one = () => 1;\n");
    deepStrictEqual(imports(forwarded), ['reexport-all ./impl []']);
    deepStrictEqual(exportsOf(forwarded), ['one']);

    const tsEquals = await extract(typescriptModule, 'class Api {}\nexport = Api;\n');
    deepStrictEqual(exportsOf(tsEquals), ['= = Api', 'default = Api']);
    strictEqual(symbol(tsEquals, 'Api').exported, true);
  });

  it('property-bound functions: obj.handler, this.x, Foo.prototype.y', async () => {
    const f = await extract(
      javascriptModule,
      [
        'var Foo = function () {};',
        'Foo.prototype.bar = function () { baz(); };',
        'Foo.create = () => new Foo();',
        'obj.handler = () => run();',
        'function setup() { cfg.onReady = () => boot(); }',
      ].join('\n'),
    );
    deepStrictEqual(symbols(f), [
      { qname: 'Foo', kind: 'function', exported: false, parent: null },
      { qname: 'Foo.bar', kind: 'method', exported: false, parent: 'Foo' },
      { qname: 'Foo.create', kind: 'function', exported: false, parent: 'Foo' },
      // No symbol owns `obj`: the name keeps the whole path.
      { qname: 'obj.handler', kind: 'function', exported: false, parent: null },
      { qname: 'setup', kind: 'function', exported: false, parent: null },
      { qname: 'setup.cfg.onReady', kind: 'function', exported: false, parent: 'setup' },
    ]);
    strictEqual(symbol(f, 'obj.handler').name, 'obj.handler');
    deepStrictEqual(calls(f), ['Foo.bar -> baz', 'Foo.create -> Foo (new)', 'obj.handler -> run', 'setup.cfg.onReady -> boot']);
  });

  it('.d.ts: one symbol per overload set, merged interfaces and namespaces, ambient modules', async () => {
    const f = await factsOf('overloads.d.ts');
    strictEqual(f.language, 'typescript');
    deepStrictEqual(symbols(f), [
      { qname: 'parse', kind: 'function', exported: true, parent: null },
      { qname: 'Parser', kind: 'class', exported: true, parent: null },
      { qname: 'Parser.constructor', kind: 'constructor', exported: false, parent: 'Parser' },
      { qname: 'Parser.on', kind: 'method', exported: false, parent: 'Parser' },
      { qname: 'ParserOptions', kind: 'interface', exported: true, parent: null },
      { qname: 'ParserOptions.validate', kind: 'method', exported: false, parent: 'ParserOptions' },
      { qname: 'parse.sync', kind: 'function', exported: false, parent: 'parse' },
      // Declared for another module ('plugin-host'): exported there, not an export of this file.
      { qname: 'register', kind: 'function', exported: true, parent: null },
      { qname: 'version', kind: 'variable', exported: true, parent: null },
    ]);
    const parse = symbol(f, 'parse');
    strictEqual(parse.signature, 'function parse(text: string): Document');
    strictEqual(parse.doc, 'Parses text.');
    deepStrictEqual(parse.range, [4, 0, 4, 54]);
    strictEqual(symbol(f, 'Parser.on').signature, "on(event: 'data', listener: (chunk: string) => void): this");
    deepStrictEqual(exportsOf(f), ['parse', 'Parser', 'ParserOptions', 'version']);
    deepStrictEqual(heritage(f), ['Parser extends EventEmitter']);
    deepStrictEqual(bindings(f), []);
  });

  it('a mixin call in extends is a call, not heritage', async () => {
    const f = await extract(javascriptModule, 'class Mixed extends Mixin(Base) {}\n');
    deepStrictEqual(heritage(f), []);
    deepStrictEqual(calls(f), ['Mixed -> Mixin']);
  });

  it('an awaited call with type arguments is a call of the function, not of `await f`', async () => {
    // tree-sitter-typescript parses `await load<string>(1)` as a call whose callee is `await load`.
    const f = await extract(typescriptModule, 'async function main() {\n  const a = await load<string>(1);\n  await api.get<User>(id);\n}\n');
    deepStrictEqual(calls(f), ['main -> load', 'main -> api.get']);
    deepStrictEqual(f.calls[0].range, [1, 18, 1, 22]);
  });

  it('TS overloads in a .ts file keep the implementation', async () => {
    const f = await extract(
      typescriptModule,
      [
        '/** Doc on the first overload. */',
        'export function pick(a: string): string;',
        'export function pick(a: number): number;',
        'export function pick(a: any): any {',
        '  return choose(a);',
        '}',
      ].join('\n'),
    );
    deepStrictEqual(symbols(f), [{ qname: 'pick', kind: 'function', exported: true, parent: null }]);
    const pick = symbol(f, 'pick');
    strictEqual(pick.signature, 'function pick(a: any): any');
    deepStrictEqual(pick.range, [3, 0, 5, 1]);
    strictEqual(pick.doc, 'Doc on the first overload.');
    deepStrictEqual(exportsOf(f), ['pick']);
    deepStrictEqual(calls(f), ['pick -> choose']);
  });

  it('extracts what it can from a file with syntax errors', async () => {
    const f = await factsOf('broken.ts');
    strictEqual(f.errorCount, 2);
    deepStrictEqual(symbols(f), [
      { qname: 'good', kind: 'function', exported: true, parent: null },
      { qname: 'Repo', kind: 'class', exported: true, parent: null },
      { qname: 'Repo.find', kind: 'method', exported: false, parent: 'Repo' },
      { qname: 'tail', kind: 'function', exported: false, parent: null },
    ]);
    deepStrictEqual(calls(f), ['good -> db.query', 'Repo.find -> db.get']);
    deepStrictEqual(imports(f), ['esm ./db [db]']);
  });

  it('survives garbage and pathological nesting', async () => {
    const garbage = await extract(typescriptModule, '}{ class ( => import from ; export { as } @@@ <div></span> `${');
    strictEqual(garbage.errorCount > 0, true);
    const deep = await extract(javascriptModule, `x = ${'f('.repeat(20000)}1${')'.repeat(20000)};`);
    strictEqual(deep.errorCount, 0);
    // Nesting beyond the walker's limit is skipped rather than overflowing the stack.
    strictEqual(calls(deep)[0], '<module> -> f');
  });

  it('handles an empty file', async () => {
    deepStrictEqual(await extract(typescriptModule, ''), {
      language: 'typescript',
      symbols: [],
      imports: [],
      exports: [],
      calls: [],
      heritage: [],
      references: [],
      bindings: [],
      errorCount: 0,
      lineCount: 0,
    });
    strictEqual((await extract(javascriptModule, '\n\n')).lineCount, 2);
  });

  it('measures columns in UTF-16 code units', async () => {
    const f = await extract(typescriptModule, "const s = 'héllo😀'; foo(s);\nconst café = () => bar('☕');\n");
    // `'héllo😀'` is 9 code units (the emoji is a surrogate pair), so `foo` starts at 21.
    deepStrictEqual(f.calls[0]!.range, [0, 21, 0, 24]);
    deepStrictEqual(symbol(f, 'café').selection, [1, 6, 1, 10]);
    deepStrictEqual(calls(f), ['<module> -> foo', 'café -> bar']);
  });
});
