import assert from 'node:assert/strict';
import { lineStarts, lineText, offsetAt, positionAt, rangeBetween, textAt } from '../../server/src/core/textPositions';

// Offsets ↔ (line, UTF-16 column): what refactors edit by and what dependency checks report.

describe('text positions', () => {
  const text = 'const a = 1;\r\nlet é = "🎉";\n\nend';
  const starts = lineStarts(text);

  it('finds every line start, including an empty line and a last line without newline', () => {
    assert.deepEqual(starts, [0, 14, 28, 29]);
  });

  it('turns offsets into positions and back, for every offset of the text', () => {
    for (let offset = 0; offset <= text.length; offset++) {
      const [line, column] = positionAt(starts, offset);
      assert.equal(offsetAt(starts, line, column), offset, `offset ${offset}`);
    }
    assert.deepEqual(positionAt(starts, text.indexOf('🎉')), [1, 9]);
    assert.deepEqual(positionAt(starts, text.indexOf('end')), [3, 0]);
  });

  it('reads ranges and lines as written, without the carriage return', () => {
    const start = text.indexOf('"');
    const r = rangeBetween(starts, start, start + 4);
    assert.deepEqual(r, [1, 8, 1, 12]);
    assert.equal(textAt(text, starts, r), '"🎉"');
    assert.equal(lineText(text, starts, 0), 'const a = 1;');
    assert.equal(lineText(text, starts, 2), '');
    assert.equal(lineText(text, starts, 3), 'end');
  });

  it('clamps a line past the end to the last line start', () => {
    assert.equal(offsetAt(starts, 99, 0), 29);
  });
});
