import { deepStrictEqual } from 'node:assert/strict';
import { parseJsonc } from '../../../server/src/core/resolve/jsonc';
import { parseSimpleYaml } from '../../../server/src/core/resolve/simpleYaml';

describe('parseJsonc', () => {
  const rows: [text: string, expected: unknown][] = [
    ['{"a": 1}', { a: 1 }],
    ['// leading\n{"a": /* inline */ 1, // trailing\n}', { a: 1 }],
    ['{"list": [1, 2, 3,],}', { list: [1, 2, 3] }],
    ['{"list": [1, 2, /* c */ ,]}', undefined], // an empty element is still an error
    ['{"url": "http://x//y", "glob": "src/**/*.ts", "s": "/* not a comment */"}', { url: 'http://x//y', glob: 'src/**/*.ts', s: '/* not a comment */' }],
    ['{"quote": "a \\" // b", "comma": ",}"}', { quote: 'a " // b', comma: ',}' }],
    ['\uFEFF{"bom": true}', { bom: true }],
    ['{"unterminated": ', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of rows) {
    it(JSON.stringify(text), () => deepStrictEqual(parseJsonc(text), expected));
  }
});

describe('parseSimpleYaml', () => {
  const rows: [text: string, expected: unknown][] = [
    ["packages:\n  - 'apps/*'\n  - \"libs/ui\"  # comment\n  - tools/**\n", { packages: ['apps/*', 'libs/ui', 'tools/**'] }],
    ['packages:\n- a\n- b\nother: x\n', { packages: ['a', 'b'], other: 'x' }], // list at the key's indentation
    ['# only a comment\npackages: [a, "b c", \'d\']\n', { packages: ['a', 'b c', 'd'] }],
    ['catalog:\n  react: ^18.3.0\n  "@types/node": 20\nflag: true\nnone: ~\n', { catalog: { react: '^18.3.0', '@types/node': 20 }, flag: true, none: null }],
    ['list:\n  - name: a\n    path: x\n  - name: b\n', { list: [{ name: 'a', path: 'x' }, { name: 'b' }] }],
    ['url: http://example.com/a#frag\n', { url: 'http://example.com/a#frag' }],
    ['---\nempty:\n', { empty: null }],
    ['', null],
  ];
  for (const [text, expected] of rows) {
    it(JSON.stringify(text), () => deepStrictEqual(parseSimpleYaml(text), expected));
  }
});
