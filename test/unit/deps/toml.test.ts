import assert from 'node:assert/strict';
import { parseToml, TomlError } from '../../../server/src/core/deps/toml';

describe('TOML reader', () => {
  it('reads tables, dotted keys, strings, numbers and booleans', () => {
    const { value } = parseToml(['title = "x"', '[a.b]', 'c = 1', 'd.e = true', "'quoted key' = 'lit\\eral'", '[a]', 'f = -2.5'].join('\n'));
    assert.deepEqual(value, { title: 'x', a: { b: { c: 1, d: { e: true }, 'quoted key': 'lit\\eral' }, f: -2.5 } });
  });

  it('reads multi-line arrays with comments and trailing commas, and inline tables', () => {
    const { value } = parseToml(['deps = [', '  "a>=1",  # why', "  'b',", '  { name = "c", extras = ["x", "y"] },', ']'].join('\n'));
    assert.deepEqual(value.deps, ['a>=1', 'b', { name: 'c', extras: ['x', 'y'] }]);
  });

  it('reads basic-string escapes and multi-line strings', () => {
    const { value } = parseToml(['a = "tab\\tquote\\" \\u00e9"', 'b = """', 'line1', 'line2"""', "c = '''", "raw\\n'''"].join('\n'));
    assert.equal(value.a, 'tab\tquote" é');
    assert.equal(value.b, 'line1\nline2');
    assert.equal(value.c, 'raw\\n');
  });

  it('reads arrays of tables and keeps dates as text', () => {
    const { value } = parseToml(['[[bin]]', 'name = "a"', '[[bin]]', 'name = "b"', 'when = 1979-05-27T07:32:00Z'].join('\n'));
    assert.deepEqual(value.bin, [{ name: 'a' }, { name: 'b', when: '1979-05-27T07:32:00Z' }]);
  });

  it('records the line of each key and table', () => {
    const { lines } = parseToml(['# c', '[project]', 'name = "x"', '', 'dependencies = []'].join('\n'));
    assert.equal(lines.get('project'), 1);
    assert.equal(lines.get('project.dependencies'), 4);
  });

  for (const [text, line] of [
    ['a = [1, 2', 0],
    ['[x]\na = 1\n[x]', 2],
    ['a = 1\na = 2', 1],
    ['a = "unterminated\nb = 1', 0],
    ['[t\nx = 1', 0],
    ['ok = 1\nnot a key line', 1],
  ] as const) {
    it(`fails with a position on ${JSON.stringify(text)}`, () => {
      assert.throws(
        () => parseToml(text),
        (e: unknown) => e instanceof TomlError && e.line === line,
      );
    });
  }
});
