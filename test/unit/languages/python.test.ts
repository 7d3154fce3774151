import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pythonModule } from '../../../server/src/core/languages/python';
import type { FileFacts } from '../../../server/src/core/model';
import { TreeSitterHost } from '../../../server/src/core/parsing/treeSitter';
import { fixturePath } from '../../helpers/fixtures';

// Facts are compared as short readable lines so a failure shows what changed at a glance.

const host = new TreeSitterHost();

function facts(source: string): Promise<FileFacts> {
  return host.facts(pythonModule, source);
}

function fixture(name: string): Promise<FileFacts> {
  return facts(readFileSync(join(fixturePath('lang-python'), name), 'utf8'));
}

const symbols = (f: FileFacts) => f.symbols.map((s) => ({ qname: s.qname, kind: s.kind, exported: s.exported }));
const calls = (f: FileFacts) => f.calls.map((c) => `${c.caller ?? '<module>'} -> ${c.callee.join('.')}`);
const references = (f: FileFacts) => f.references.map((r) => `${r.from ?? '<module>'} -> ${r.path.join('.')}`);
const bindings = (f: FileFacts) => f.bindings.map((b) => `${b.scope ?? '<module>'}: ${b.name} = ${b.target.join('.')} (${b.via})`);
const heritage = (f: FileFacts) => f.heritage.map((h) => `${h.symbol} ${h.kind} ${h.target.join('.')}`);
const imports = (f: FileFacts) =>
  f.imports.map((i) => ({ specifier: i.specifier, bindings: i.bindings.map((b) => `${b.imported} as ${b.local}`), ...(i.typeOnly ? { typeOnly: true } : {}) }));
const exportNames = (f: FileFacts) => f.exports.map((e) => (e.name === e.local ? e.name : `${e.name} = ${e.local}`));
const byQname = (f: FileFacts, qname: string) => {
  const s = f.symbols.find((x) => x.qname === qname);
  assert.ok(s, `no symbol ${qname}`);
  return s;
};

describe('python language module', () => {
  it('declares itself', () => {
    assert.equal(pythonModule.id, 'python');
    assert.deepEqual([...pythonModule.extensions], ['.py', '.pyi']);
    assert.equal(pythonModule.grammarFile, 'tree-sitter-python.wasm');
    assert.equal(pythonModule.family, 'python');
  });

  describe('service.py (every construct)', () => {
    let f: FileFacts;
    before(async () => {
      f = await fixture('service.py');
    });

    it('finds symbols with kinds, qualified names and exported flags', () => {
      assert.deepEqual(symbols(f), [
        { qname: 'json', kind: 'variable', exported: true },
        { qname: 'DEFAULT_TIMEOUT', kind: 'variable', exported: true },
        { qname: '_cache', kind: 'variable', exported: false },
        { qname: 'handler', kind: 'function', exported: true },
        { qname: 'join', kind: 'variable', exported: true },
        { qname: 'registry', kind: 'variable', exported: true },
        { qname: 'OrderService', kind: 'class', exported: true },
        { qname: 'OrderService.on_save', kind: 'function', exported: false },
        { qname: 'OrderService.__init__', kind: 'constructor', exported: false },
        { qname: 'OrderService.total', kind: 'getter', exported: false },
        { qname: 'OrderService.total#2', kind: 'setter', exported: false },
        { qname: 'OrderService.build', kind: 'method', exported: false },
        { qname: 'OrderService.create', kind: 'method', exported: false },
        { qname: 'OrderService.fetch', kind: 'method', exported: false },
        { qname: 'OrderService.fetch.parse', kind: 'function', exported: false },
        { qname: 'price_of', kind: 'function', exported: true },
        { qname: 'price_of#2', kind: 'function', exported: true },
        { qname: '_private', kind: 'function', exported: false },
      ]);
    });

    it('gives parents, ranges including decorators, name selections, signatures and docstrings', () => {
      const cls = byQname(f, 'OrderService');
      assert.equal(cls.parent, undefined);
      assert.deepEqual(cls.range, [34, 0, 78, 39]); // from `@register` to the end of fetch
      assert.deepEqual(cls.selection, [36, 6, 36, 18]);
      assert.equal(cls.signature, 'class OrderService(BaseService, cabc.Mapping, Generic[T], Registry[Order], metaclass=Meta)');
      assert.equal(cls.doc, 'Handles orders.\n\nSecond paragraph,\n    indented further.');

      const init = byQname(f, 'OrderService.__init__');
      assert.equal(init.parent, 'OrderService');
      assert.equal(init.signature, 'def __init__(self, repo: Repo, *, timeout: float = DEFAULT_TIMEOUT)');
      assert.equal(init.doc, undefined);

      const getter = byQname(f, 'OrderService.total');
      assert.deepEqual(getter.range, [53, 4, 56, 45]); // starts at `@property`
      assert.deepEqual(getter.selection, [54, 8, 54, 13]);
      assert.equal(getter.doc, 'Sum of the items.');

      assert.equal(byQname(f, 'OrderService.build').signature, 'def build(name: str, count: int = 1) -> "OrderService"');
      assert.equal(byQname(f, 'OrderService.fetch').signature, 'async def fetch(self, url: str, *, timeout: float = 10) -> bytes');
      assert.equal(byQname(f, 'OrderService.fetch.parse').parent, 'OrderService.fetch');
      assert.equal(byQname(f, 'handler').signature, 'handler = lambda request, *args');
      assert.equal(byQname(f, 'DEFAULT_TIMEOUT').signature, 'DEFAULT_TIMEOUT: float = 10');
      assert.deepEqual(byQname(f, 'DEFAULT_TIMEOUT').selection, [25, 0, 25, 15]);
    });

    it('reads every import form, skipping __future__ and marking TYPE_CHECKING imports', () => {
      assert.deepEqual(imports(f), [
        { specifier: 'os', bindings: ['* as os'] },
        { specifier: 'os.path', bindings: ['* as os'] },
        { specifier: 'xml.etree.ElementTree', bindings: ['* as xml'] },
        { specifier: 'numpy', bindings: ['* as np'] },
        { specifier: 'collections.abc', bindings: ['* as cabc'] },
        { specifier: '.', bindings: ['helpers as helpers'] },
        { specifier: '.models', bindings: ['Order as Order', 'Item as LineItem'] },
        { specifier: '..shared.base', bindings: ['BaseService as BaseService', 'Registry as Registry'] },
        { specifier: 'plugins', bindings: ['* as *'] },
        { specifier: '.hooks', bindings: ['register as register'] },
        { specifier: 'typing', bindings: ['TYPE_CHECKING as TYPE_CHECKING', 'Optional as Optional'] },
        { specifier: '.repo', bindings: ['Repo as Repo'], typeOnly: true },
        { specifier: 'ujson', bindings: ['* as json'] },
        { specifier: 'decimal', bindings: ['* as decimal'] },
      ]);
      assert.deepEqual(f.imports[7]!.range, [9, 0, 12, 1]); // the parenthesised `from ..shared.base import (...)`
      assert.ok(f.imports.every((i) => i.kind === 'python'));
    });

    it('exports the public module-level names', () => {
      assert.deepEqual(exportNames(f), ['json', 'DEFAULT_TIMEOUT', 'handler', 'join', 'registry', 'OrderService', 'price_of']);
    });

    it('records calls with their caller and callee path', () => {
      assert.deepEqual(calls(f), [
        'handler -> dispatch',
        '<module> -> Registry',
        '<module> -> helpers.route', // a decorator call runs in the scope around the class
        'OrderService -> helpers.Table',
        'OrderService.on_save -> self.notify',
        'OrderService.__init__ -> super.__init__',
        'OrderService.__init__ -> super',
        'OrderService.__init__ -> LineItem',
        'OrderService.total -> sum',
        'OrderService.total -> map',
        'OrderService.total#2 -> ?.update',
        'OrderService.total#2 -> self.repo.get',
        'OrderService.build -> OrderService',
        'OrderService.build -> helpers.make_repo',
        'OrderService.create -> cls.build',
        'OrderService.fetch.parse -> ?.strip',
        'OrderService.fetch.parse -> ?.feed',
        'OrderService.fetch.parse -> get_parser',
        'OrderService.fetch -> self.repo.client.get',
        'OrderService.fetch -> parse',
        'price_of -> Order',
        'price_of -> helpers.Repo',
        'price_of -> isinstance',
        'price_of -> os.path.exists',
        'price_of -> join',
        'price_of -> xml.etree.ElementTree.parse',
        'price_of#2 -> decimal.Decimal',
        '<module> -> registry.run',
      ]);
      const superInit = f.calls.find((c) => c.callee.join('.') === 'super.__init__')!;
      assert.deepEqual(superInit.range, [48, 8, 48, 24]);
      assert.ok(f.calls.every((c) => c.isNew === undefined));
    });

    it('records base classes, skipping keywords and Generic[...]', () => {
      assert.deepEqual(heritage(f), ['OrderService extends BaseService', 'OrderService extends cabc.Mapping', 'OrderService extends Registry']);
      assert.deepEqual(f.heritage[1]!.range, [36, 32, 36, 44]);
    });

    it('records non-call uses of imported and module-level names only', () => {
      assert.deepEqual(references(f), [
        '<module> -> TYPE_CHECKING',
        '<module> -> register', // decorator without a call
        'OrderService -> Order', // type argument of a base
        'OrderService -> Repo', // class-level annotation
        'OrderService.__init__ -> Repo',
        'OrderService.__init__ -> DEFAULT_TIMEOUT',
        'OrderService.__init__ -> Optional',
        'OrderService.__init__ -> np.ndarray',
        'OrderService.total -> price_of', // callback argument
        'price_of -> LineItem',
        'price_of -> Optional',
        'price_of -> price_of',
        'price_of -> helpers.fallback',
        'price_of -> LineItem',
        'price_of -> Order',
        '<module> -> price_of',
      ]);
      const fallback = f.references.find((r) => r.path.join('.') === 'helpers.fallback')!;
      assert.deepEqual(fallback.range, [84, 27, 84, 43]);
    });

    it('records instantiations, typed parameters, self fields and module aliases as bindings', () => {
      assert.deepEqual(bindings(f), [
        '<module>: join = os.path.join (alias)',
        '<module>: registry = Registry (new)',
        'OrderService: self.table = helpers.Table (new)',
        'OrderService: self.repo = Repo (new)',
        'OrderService.__init__: repo = Repo (new)',
        'OrderService: self.items = LineItem (new)',
        'OrderService: self.timeout = np.ndarray (new)',
        'price_of: item = LineItem (new)',
        'price_of: order = Order (new)',
        'price_of: repo = helpers.Repo (new)',
      ]);
    });

    it('counts lines and finds no syntax errors', () => {
      assert.equal(f.lineCount, 102);
      assert.equal(f.errorCount, 0);
      assert.equal(f.language, 'python');
    });
  });

  it('reads a name at the start of a line after a stub body (`...` is not a member access)', async () => {
    const f = await facts('class Foo:\n    pass\n\ndef f(): ...\nFoo.attr = 1\nx = (Foo.\n     bar)\n');
    assert.deepEqual(references(f), ['<module> -> Foo.attr', '<module> -> Foo.bar']);
  });

  describe('__all__', () => {
    it('decides exported from a literal __all__, including += and imported re-exports', async () => {
      const f = await fixture('with_all.py');
      assert.deepEqual(symbols(f), [
        { qname: '__all__', kind: 'variable', exported: false },
        { qname: 'Widget', kind: 'class', exported: true },
        { qname: 'make_widget', kind: 'function', exported: true },
        { qname: 'not_listed', kind: 'function', exported: false },
        { qname: '_hidden', kind: 'function', exported: true },
      ]);
      assert.deepEqual(exportNames(f), ['Widget', 'make_widget', 'public_helper', '_hidden']);
    });

    it('falls back to the underscore rule when __all__ is not a literal', async () => {
      const f = await fixture('unreadable_all.py');
      assert.deepEqual(
        symbols(f).filter((s) => s.kind === 'function'),
        [
          { qname: 'visible', kind: 'function', exported: true },
          { qname: 'also_visible', kind: 'function', exported: true },
          { qname: '_private', kind: 'function', exported: false },
        ],
      );
      assert.deepEqual(exportNames(f), ['visible', 'also_visible']);
    });
  });

  describe('bad input', () => {
    it('extracts what it can from a file with syntax errors', async () => {
      const f = await fixture('broken.py');
      assert.ok(f.errorCount > 0);
      assert.deepEqual(symbols(f), [
        { qname: 'ok', kind: 'function', exported: true },
        { qname: 'broken', kind: 'function', exported: true },
        { qname: 'Fine', kind: 'class', exported: true },
        { qname: 'Fine.method', kind: 'method', exported: false },
      ]);
      assert.deepEqual(calls(f), ['ok -> os.path.join', 'Fine.method -> self.run']);
      assert.deepEqual(heritage(f), ['Fine extends Base']);
      assert.equal(f.lineCount, 11);
    });

    it('counts one error node for an unclosed expression', async () => {
      const f = await facts('x = (1 +\n');
      assert.equal(f.errorCount, 1);
    });

    it('reads a Python 2 file', async () => {
      const f = await fixture('legacy_py2.py');
      assert.deepEqual(symbols(f), [
        { qname: 'Fetcher', kind: 'class', exported: true },
        { qname: 'Fetcher.fetch', kind: 'method', exported: false },
        { qname: 'main', kind: 'function', exported: true },
      ]);
      assert.deepEqual(imports(f), [
        { specifier: 'urllib2', bindings: ['* as urllib2'] },
        { specifier: 'StringIO', bindings: ['StringIO as StringIO'] },
      ]);
      assert.deepEqual(calls(f), [
        'Fetcher.fetch -> ?.read',
        'Fetcher.fetch -> urllib2.urlopen',
        'Fetcher.fetch -> StringIO',
        'main -> ?.fetch',
        'main -> Fetcher',
      ]);
      assert.deepEqual(references(f), ['Fetcher.fetch -> urllib2.URLError']);
    });

    it('handles an empty file', async () => {
      const f = await facts('');
      assert.deepEqual(f, {
        language: 'python',
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
    });

    it('survives garbage', async () => {
      const f = await facts('def (((\n\x00\x01 class :: lambda ] import from . import\n@@@\n');
      assert.ok(f.errorCount > 0);
    });
  });

  describe('positions', () => {
    it('measures columns in UTF-16 code units', async () => {
      const f = await facts('s = "héllo😀"; foo()\ndef naïve(): pass\n');
      assert.deepEqual(f.calls[0]!.range, [0, 15, 0, 18]);
      assert.deepEqual(byQname(f, 'naïve').selection, [1, 4, 1, 9]);
    });

    it('counts a last line without a newline', async () => {
      assert.equal((await facts('a = 1\nb = 2')).lineCount, 2);
      assert.equal((await facts('a = 1\nb = 2\n')).lineCount, 2);
    });
  });

  describe('stubs', () => {
    it('reads a .pyi stub: annotated names, overloads, ellipsis bodies', async () => {
      const f = await fixture('stubs.pyi');
      assert.deepEqual(symbols(f), [
        { qname: 'VERSION', kind: 'variable', exported: true },
        { qname: 'limit', kind: 'variable', exported: true },
        { qname: 'Client', kind: 'class', exported: true },
        { qname: 'Client.__init__', kind: 'constructor', exported: false },
        { qname: 'Client.get', kind: 'method', exported: false },
        { qname: 'Client.get#2', kind: 'method', exported: false },
        { qname: 'connect', kind: 'function', exported: true },
      ]);
      assert.equal(byQname(f, 'Client.get#2').signature, 'def get(self, key: str) -> str');
      assert.equal(byQname(f, 'VERSION').signature, 'VERSION: str');
      assert.deepEqual(references(f), ['Client -> overload', 'Client -> overload', 'connect -> Client']);
      assert.deepEqual(bindings(f), []);
    });
  });

  describe('small forms', () => {
    it('qualifies classes nested in functions and their methods', async () => {
      const f = await facts('def outer():\n    class Inner:\n        def m(self):\n            def deep(): pass\n');
      assert.deepEqual(
        f.symbols.map((s) => `${s.qname} ${s.kind} parent=${s.parent ?? '-'}`),
        ['outer function parent=-', 'outer.Inner class parent=outer', 'outer.Inner.m method parent=outer.Inner', 'outer.Inner.m.deep function parent=outer.Inner.m'],
      );
    });

    it('treats cached_property as a getter and static/class methods as methods', async () => {
      const f = await facts(
        'import functools\nclass A:\n    @functools.cached_property\n    def a(self): ...\n    @staticmethod\n    def s(): ...\n    @classmethod\n    def c(cls): ...\n',
      );
      assert.deepEqual(
        f.symbols.map((s) => `${s.qname} ${s.kind}`),
        ['A class', 'A.a getter', 'A.s method', 'A.c method'],
      );
    });

    it('cleans docstrings like inspect.cleandoc', async () => {
      const f = await facts('def f():\n    # leading comment\n    r"""\n    Title.\n\n      Indented.\n    """\n');
      assert.equal(f.symbols[0]!.doc, 'Title.\n\n  Indented.');
    });

    it('binds self fields from locals and ignores receivers that are not classes', async () => {
      const f = await facts(
        'from .svc import Service\nclass A:\n    def __init__(self):\n        s = Service()\n        self.s = s\n        self.t = self.make()\n        u = cls()\n',
      );
      assert.deepEqual(bindings(f), ['A.__init__: s = Service (new)', 'A: self.s = Service (new)']);
    });

    it('keeps annotated bindings only when the type is resolvable in the file', async () => {
      const f = await facts('from m import Repo\ndef f(a: int, b: Repo | None, c: "Repo", d: list[Repo]):\n    pass\n');
      assert.deepEqual(bindings(f), ['f: b = Repo (new)']);
    });

    it('attributes a decorator call on a method to the class', async () => {
      const f = await facts('from web import app\nclass Api:\n    @app.get("/x")\n    def index(self):\n        return render()\n');
      assert.deepEqual(calls(f), ['Api -> app.get', 'Api.index -> render']);
    });

    it('marks imports under typing.TYPE_CHECKING as type-only, but not those in its else branch', async () => {
      const f = await facts('import typing\nif typing.TYPE_CHECKING:\n    import a\nelse:\n    import b\n');
      assert.deepEqual(imports(f), [
        { specifier: 'typing', bindings: ['* as typing'] },
        { specifier: 'a', bindings: ['* as a'], typeOnly: true },
        { specifier: 'b', bindings: ['* as b'] },
      ]);
    });

    it('reads a type alias statement as a type symbol', async () => {
      const f = await facts('from m import Repo\ntype RepoList = list[Repo]\n');
      assert.deepEqual(symbols(f), [{ qname: 'RepoList', kind: 'type', exported: true }]);
      assert.deepEqual(byQname(f, 'RepoList').selection, [1, 5, 1, 13]);
      assert.deepEqual(references(f), ['<module> -> Repo']);
    });

    it('does not take names in strings, comments, parameters or loop targets for references', async () => {
      const f = await facts('import os\n# os is great\ndef f(os=os):\n    "os"\n    for os in []:\n        pass\n    return [os for os in ()]\n');
      assert.deepEqual(
        f.references.map((r) => `${r.from} ${r.path.join('.')} ${r.range.join(',')}`),
        // The default value reads the module; so, by name, does the comprehension body (the
        // filter is by name, not by scope analysis).
        ['f os 2,9,2,11', 'f os 6,12,6,14'],
      );
    });

    it('collapses multi-line signatures into one line', async () => {
      const f = await facts('def f(\n    a,\n    b=(1,),\n):\n    pass\n');
      assert.equal(f.symbols[0]!.signature, 'def f(a, b=(1,))');
    });

    it('limits signatures to 200 characters', async () => {
      const f = await facts(`def f(${Array.from({ length: 60 }, (_, i) => `arg${i}`).join(', ')}): pass\n`);
      assert.equal(f.symbols[0]!.signature.length, 200);
      assert.ok(f.symbols[0]!.signature.endsWith('…'));
    });
  });
});
