import assert from 'node:assert/strict';
import { isGuardedJsImport, isGuardedPythonImport } from '../../../server/src/core/deps/optionalImports';

describe('optional (guarded) imports', () => {
  const py = [
    'import os',
    'try:',
    '    import ujson as json',
    'except ImportError:',
    '    import json',
    'try:',
    '    if fast:',
    '        import orjson',
    'except (ModuleNotFoundError, AttributeError):',
    '    pass',
    'try:',
    '    import needed',
    'finally:',
    '    pass',
    'try:',
    '    import noisy',
    'except ValueError:',
    '    pass',
    'def f():',
    '    try:',
    '        import lazy',
    '    except:',
    '        lazy = None',
    'import requests',
  ].join('\n');
  const guarded = (name: string) => isGuardedPythonImport(py, py.split('\n').findIndex((l) => l.includes(`import ${name}`)));

  it('python: inside try with an except catching import failures (also nested, bare except)', () => {
    for (const n of ['ujson', 'orjson', 'lazy']) assert.ok(guarded(n), n);
  });

  it('python: plain imports, try/finally and unrelated excepts are not optional', () => {
    for (const n of ['os', 'needed', 'noisy', 'requests']) assert.ok(!guarded(n), n);
  });

  it('javascript: inside a try block, not in strings, comments or after the block', () => {
    const js = [
      "const a = require('plain');",
      "try { require('coffeescript').register(); } catch (e) {}",
      "const s = '{ try {'; // try {",
      "/* try { */ const b = require('after-comment');",
      'try {',
      "  if (x) { module.exports = require('nested'); }",
      '} catch {}',
      "const c = require('after');",
    ].join('\n');
    const at = (name: string) => {
      const lines = js.split('\n');
      const line = lines.findIndex((l) => l.includes(`'${name}'`));
      return isGuardedJsImport(js, line, lines[line].indexOf(`require('${name}')`));
    };
    assert.deepEqual(['plain', 'coffeescript', 'after-comment', 'nested', 'after'].map(at), [false, true, false, true, false]);
  });
});
