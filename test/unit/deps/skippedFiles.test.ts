import assert from 'node:assert/strict';
import { importsOfSkippedFile } from '../../../server/src/core/deps/skippedFileImports';
import { goImports, rustImports } from '../../../server/src/core/deps/rustGoImports';

describe('imports read by pattern', () => {
  it('compiled and minified JavaScript: require, import(), from and bare import, not comments or relative paths', () => {
    const text = [
      "'use strict';var _a = require('lodash/merge');var b = require(\"./x\");",
      "/* require('in-block-comment') */ import x from \"zod\";export { a } from 'react';",
      "  // const y = require('in-line-comment')",
      "const url = 'http://example.invalid/'; import('dayjs'); import 'side-effect';",
    ].join('\n');
    const found = importsOfSkippedFile('lib/a.js', text).map((i) => `${i.specifier}@${i.range[0]}:${i.range[1]}`);
    assert.deepEqual(found, ['lodash/merge@0:30', 'zod@1:48', 'react@1:72', 'dayjs@3:46', 'side-effect@3:63']);
  });

  it('rust: use and extern crate, not std/crate/self/super', () => {
    const found = rustImports('src/main.rs', 'use std::io;\nuse serde::Serialize;\npub use ::tokio::spawn;\nextern crate rand;\nuse crate::x;\n/*\nuse hidden::x;\n*/\nuse self::y;').map((i) => `${i.specifier}@${i.range[0]}:${i.range[1]}`);
    assert.deepEqual(found, ['serde@1:4', 'tokio@2:10', 'rand@3:13']);
  });

  it('go: single and block imports with aliases, standard library skipped', () => {
    const found = goImports('main.go', 'package main\n\nimport "fmt"\nimport u "github.com/google/uuid"\nimport (\n\t"os"\n\t_ "github.com/lib/pq"\n\tcobra "github.com/spf13/cobra"\n)\n\nfunc main() {}\nimport "after/decl.example"\n').map((i) => `${i.specifier}@${i.range[0]}:${i.range[1]}`);
    assert.deepEqual(found, ['github.com/google/uuid@3:10', 'github.com/lib/pq@6:4', 'github.com/spf13/cobra@7:8']);
  });
});
