import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyContent, type ContentCheck } from '../../../server/src/core/discovery/classifyContent';
import { FIXTURES } from '../../helpers/fixtures';

const MB = 1024 * 1024;
const CONTENT = join(FIXTURES, 'discovery', 'content');

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
}

function fixture(name: string): ContentCheck {
  return classifyContent(`src/${name}`, readFileSync(join(CONTENT, name)), MB);
}

function skipped(check: ContentCheck): { reason: string; detail: string } {
  if (check.ok) throw new Error('expected the file to be skipped');
  return { reason: check.reason, detail: check.detail };
}

/** Minified-looking code: dense with `;{}()` like real minifier output. */
const MINIFIED_CHUNK = 'function a(b){return b+1}var c=a(2);if(c>1){d.e(c,function(f){return f*2})}';

describe('classifyContent', () => {
  it('passes ordinary source and returns its text', () => {
    deepStrictEqual(classifyContent('src/a.ts', bytes('export const a = 1;\n'), MB), { ok: true, text: 'export const a = 1;\n' });
  });

  it('strips a UTF-8 byte order mark', () => {
    deepStrictEqual(classifyContent('a.py', bytes([0xef, 0xbb, 0xbf], 'x = 1\n'), MB), { ok: true, text: 'x = 1\n' });
  });

  it('keeps non-ASCII text', () => {
    deepStrictEqual(classifyContent('a.ts', bytes('const café = "ünïcødé 🚀";\n'), MB), { ok: true, text: 'const café = "ünïcødé 🚀";\n' });
  });

  describe('too-large', () => {
    it('is checked against the limit, with sizes in the detail', () => {
      const big = new Uint8Array(Math.round(2.4 * MB)).fill(0x61);
      deepStrictEqual(skipped(classifyContent('big.ts', big, MB)), { reason: 'too-large', detail: '2.4 MB > 1 MB limit' });
    });

    it('allows a file exactly at the limit', () => {
      strictEqual(classifyContent('a.ts', new Uint8Array(1000).fill(0x61), 1000).ok, true);
    });

    it('reports small limits in KB and bytes', () => {
      deepStrictEqual(skipped(classifyContent('a.ts', new Uint8Array(3000).fill(0x61), 1024)), { reason: 'too-large', detail: '2.9 KB > 1 KB limit' });
      deepStrictEqual(skipped(classifyContent('a.ts', new Uint8Array(20).fill(0x61), 10)), { reason: 'too-large', detail: '20 bytes > 10 bytes limit' });
    });
  });

  describe('binary', () => {
    it('finds a NUL byte near the start', () => {
      deepStrictEqual(skipped(classifyContent('a.ts', bytes('abcde', [0, 1, 2]), MB)), { reason: 'binary', detail: 'NUL byte at offset 5' });
    });

    it('looks only at the first 8 KB', () => {
      const text = `${'x'.repeat(9000)}\0`;
      deepStrictEqual(classifyContent('a.ts', bytes(text), MB), { ok: true, text });
    });
  });

  describe('invalid-utf8', () => {
    it('names the first bad byte', () => {
      deepStrictEqual(skipped(classifyContent('a.ts', bytes('const a = "', [0xff], '";\n'), MB)), {
        reason: 'invalid-utf8',
        detail: 'not valid UTF-8: byte 0xff at offset 11',
      });
    });

    it('rejects Latin-1 text', () => {
      // "café" in Latin-1: 0xe9 followed by an ASCII quote is not a continuation byte.
      deepStrictEqual(skipped(classifyContent('a.py', bytes('s = "caf', [0xe9], '"\n'), MB)), {
        reason: 'invalid-utf8',
        detail: 'not valid UTF-8: byte 0xe9 at offset 8',
      });
    });

    it('rejects a sequence cut off at the end of the file', () => {
      deepStrictEqual(skipped(classifyContent('a.ts', bytes('x', [0xe2, 0x82]), MB)), { reason: 'invalid-utf8', detail: 'not valid UTF-8: byte 0xe2 at offset 1' });
    });

    it('rejects encoded surrogates and overlong forms', () => {
      strictEqual(skipped(classifyContent('a.ts', bytes('a', [0xed, 0xa0, 0x80]), MB)).detail, 'not valid UTF-8: byte 0xed at offset 1');
      strictEqual(skipped(classifyContent('a.ts', bytes('ab', [0xc0, 0xaf]), MB)).detail, 'not valid UTF-8: byte 0xc0 at offset 2');
    });

    it('reports UTF-16 files by their byte order mark', () => {
      deepStrictEqual(skipped(classifyContent('a.ts', bytes([0xff, 0xfe, 0x61, 0x00]), MB)), {
        reason: 'invalid-utf8',
        detail: 'UTF-16 text (byte order mark); only UTF-8 is read',
      });
    });
  });

  describe('minified', () => {
    it('flags a 10 MB single-line bundle quickly', () => {
      const line = MINIFIED_CHUNK.repeat(Math.ceil((10 * MB) / MINIFIED_CHUNK.length)).slice(0, 10 * MB);
      const bundle = bytes('/*! app v1.0.0 | MIT */\n', line, '\n//# sourceMappingURL=app.js.map\n');
      const started = performance.now();
      const check = classifyContent('dist/app.js', bundle, 20 * MB);
      const elapsed = performance.now() - started;
      deepStrictEqual(skipped(check), { reason: 'minified', detail: 'line 2 is 10485760 characters long' });
      ok(elapsed < 2000, `took ${elapsed.toFixed(0)} ms`);
    });

    it('flags minifier output wrapped at a fixed width by its average line length', () => {
      const text = `${Array.from({ length: 40 }, () => MINIFIED_CHUNK.repeat(7).slice(0, 500)).join('\n')}\n`;
      deepStrictEqual(skipped(classifyContent('lib/vendor.js', bytes(text), MB)), { reason: 'minified', detail: 'average line length 500 characters' });
    });

    for (const name of ['jquery.min.js', 'app.bundle.js', 'app-bundle.js', 'esm.min.mjs', 'cjs.min.cjs']) {
      it(`flags ${name} by its name`, () => {
        const suffix = name.slice(name.search(/[.-](?:min|bundle)\./));
        deepStrictEqual(skipped(classifyContent(`vendor/${name}`, bytes('var a = 1;\n'), MB)), { reason: 'minified', detail: `file name ends in ${suffix}` });
      });
    }

    it('passes a source file with one long string line', () => {
      const check = fixture('longStringLine.ts');
      strictEqual(check.ok, true, check.ok ? '' : check.detail);
    });

    it('passes a source file with one long line of code', () => {
      const check = fixture('longCodeLine.ts');
      strictEqual(check.ok, true, check.ok ? '' : check.detail);
    });

    it('passes a small file that is one long line of prose', () => {
      const text = `export const LOREM = "${'lorem ipsum dolor sit amet, '.repeat(400)}";\n`;
      strictEqual(classifyContent('a.ts', bytes(text), MB).ok, true);
    });
  });

  describe('generated', () => {
    it('reads a Go-style "Code generated" header', () => {
      deepStrictEqual(skipped(fixture('generatedProto.ts')), { reason: 'generated', detail: 'line 1 says "Code generated by"' });
    });

    it('reads a marker inside a Python module docstring', () => {
      deepStrictEqual(skipped(fixture('generated_models.py')), { reason: 'generated', detail: 'line 3 says "Auto-generated"' });
    });

    it('reads @generated in a block comment', () => {
      const text = '/**\n * Copyright Acme.\n *\n * @generated SignedSource<<abc>>\n */\nexport const x = 1;\n';
      deepStrictEqual(skipped(classifyContent('a.ts', bytes(text), MB)), { reason: 'generated', detail: 'line 4 says "@generated"' });
    });

    it('reads "DO NOT EDIT" and "Generated by" comments', () => {
      deepStrictEqual(skipped(classifyContent('a.py', bytes('#!/usr/bin/env python\n# DO NOT EDIT: built by make\nx = 1\n'), MB)), {
        reason: 'generated',
        detail: 'line 2 says "DO NOT EDIT"',
      });
      deepStrictEqual(skipped(classifyContent('a.ts', bytes('// Generated by graphql-codegen\nexport type A = 1;\n'), MB)), {
        reason: 'generated',
        detail: 'line 1 says "Generated by"',
      });
    });

    it('ignores the phrases in code and below the first five lines', () => {
      strictEqual(fixture('mentionsMarkers.ts').ok, true);
      strictEqual(classifyContent('a.ts', bytes('a;\nb;\nc;\nd;\ne;\n// @generated\n'), MB).ok, true);
      strictEqual(classifyContent('a.ts', bytes('// Do not edit without updating the docs.\nexport const LIMIT = 3;\n'), MB).ok, true);
    });

    it('flags a compiled bundle: sourceMappingURL at the end and long lines', () => {
      const text = `"use strict";\nvar t = "${'x'.repeat(600)}";\nexports.t = t;\n//# sourceMappingURL=t.js.map\n`;
      deepStrictEqual(skipped(classifyContent('lib/t.js', bytes(text), MB)), {
        reason: 'generated',
        detail: 'ends with a sourceMappingURL comment and has a 611-character line (compiled bundle)',
      });
    });

    it('passes tsc output with short lines and a sourceMappingURL', () => {
      strictEqual(fixture('compiledTsc.js').ok, true);
    });
  });
});
