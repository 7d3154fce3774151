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
  let lineNumber = 1;
  let length = 0;
  let punctuation = 0;
  let blank = true;
  const endLine = (): void => {
    if (!blank) shape.nonBlankLines++;
    shape.chars += length;
    if (length > shape.longestLine) {
      shape.longestLine = length;
      shape.longestLineNumber = lineNumber;
    }
    if (length > LONG_LINE) {
      shape.longLines++;
      shape.longLineChars += length;
      shape.longLinePunctuation += punctuation;
    }
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      endLine();
      lineNumber++;
      length = 0;
      punctuation = 0;
      blank = true;
      continue;
    }
    length++;
    if (c > 32) {
      blank = false;
      // ( ) ; { }
      if (c === 40 || c === 41 || c === 59 || c === 123 || c === 125) punctuation++;
    }
  }
  if (length > 0) endLine();
  return shape;
}
