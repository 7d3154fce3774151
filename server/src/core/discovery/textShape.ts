// Line statistics of a file's text in one pass, for telling minified and bundled code from
// source. Only lines longer than LONG_LINE are inspected closely.

export const LONG_LINE = 300;

export interface TextShape {
  nonBlankLines: number;
  /** Characters, not counting line breaks. */
  chars: number;
  longestLine: number;
  /** 1-based. */
  longestLineNumber: number;
  longLines: number;
  longLineChars: number;
  /** `;{}()` in long lines: dense in code, rare in data and prose (base64, text, numbers). */
  longLinePunctuation: number;
}

export function measureText(text: string): TextShape {
  const shape: TextShape = { nonBlankLines: 0, chars: 0, longestLine: 0, longestLineNumber: 0, longLines: 0, longLineChars: 0, longLinePunctuation: 0 };
  // Runs on every file a build reads: lines are found with the native indexOf, and a line's
  // characters are looked at only up to its first visible one — or all of them in a long line.
  let lineNumber = 0;
  for (let start = 0; start < text.length; ) {
    lineNumber++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const length = end - start;
    let i = start;
    while (i < end && text.charCodeAt(i) <= 32) i++;
    if (i < end) shape.nonBlankLines++;
    shape.chars += length;
    if (length > shape.longestLine) {
      shape.longestLine = length;
      shape.longestLineNumber = lineNumber;
    }
    if (length > LONG_LINE) {
      shape.longLines++;
      shape.longLineChars += length;
      shape.longLinePunctuation += punctuationIn(text, i, end);
    }
    start = end + 1;
  }
  return shape;
}

/** `( ) ; { }` between from and to. */
function punctuationIn(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 41 || c === 59 || c === 123 || c === 125) n++;
  }
  return n;
}
