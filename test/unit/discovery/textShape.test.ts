import assert from 'node:assert/strict';
import { LONG_LINE, measureText, type TextShape } from '../../../server/src/core/discovery/textShape';

// measureText skips most characters of a line; a plain character-by-character count says what
// it must find.

function countByHand(text: string): TextShape {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const shape: TextShape = { nonBlankLines: 0, chars: 0, longestLine: 0, longestLineNumber: 0, longLines: 0, longLineChars: 0, longLinePunctuation: 0 };
  lines.forEach((line, i) => {
    if (/[^\x00-\x20]/.test(line)) shape.nonBlankLines++;
    shape.chars += line.length;
    if (line.length > shape.longestLine) {
      shape.longestLine = line.length;
      shape.longestLineNumber = i + 1;
    }
    if (line.length > LONG_LINE) {
      shape.longLines++;
      shape.longLineChars += line.length;
      shape.longLinePunctuation += (line.match(/[();{}]/g) ?? []).length;
    }
  });
  return shape;
}

describe('measureText', () => {
  it('counts lines, blank lines and the longest line', () => {
    assert.deepEqual(measureText('a\n\n  \t\nbcd\r\n'), {
      nonBlankLines: 2,
      chars: 1 + 0 + 3 + 4,
      longestLine: 4,
      longestLineNumber: 4,
      longLines: 0,
      longLineChars: 0,
      longLinePunctuation: 0,
    });
    assert.equal(measureText('').chars, 0);
    assert.equal(measureText('no newline at the end').nonBlankLines, 1);
  });

  it('counts punctuation only in long lines, indentation included in their length', () => {
    const long = '    ' + 'f(x);{}'.repeat(60);
    const shape = measureText(`g();\n${long}\n`);
    assert.equal(shape.longLines, 1);
    assert.equal(shape.longLineChars, long.length);
    assert.equal(shape.longLinePunctuation, 5 * 60);
    assert.equal(shape.longestLineNumber, 2);
  });

  it('agrees with a character-by-character count on random texts', () => {
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    const alphabet = ['a', ' ', '\t', '\n', '\r', ';', '(', ')', '{', '}', 'é', '\u00a0', 'x'.repeat(LONG_LINE)];
    for (let round = 0; round < 300; round++) {
      let text = '';
      const pieces = rand(40);
      for (let i = 0; i < pieces; i++) text += alphabet[rand(alphabet.length)];
      assert.deepEqual(measureText(text), countByHand(text), JSON.stringify(text.slice(0, 80)));
    }
  });
});
