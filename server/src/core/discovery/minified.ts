import { LONG_LINE, type TextShape } from './textShape';

// Minified or bundled code: parsing it yields thousands of meaningless one-letter symbols. The
// content rules need long lines that are also dense with code punctuation, so a source file with
// a long string (base64, a message, a data table) is not mistaken for one.

const MINIFIED_NAME = /(?:\.min|[.-]bundle)\.[cm]?js$/i;
const SMALL_FILE = 2048;
const MAX_AVERAGE_LINE = LONG_LINE;
const HUGE_LINE = 5000;
/** Minified JS measures 0.07–0.13 `;{}()` per character; base64 and prose are near 0. */
const CODE_PUNCTUATION_DENSITY = 1 / 40;

/** Why the file name marks a minified bundle, or undefined. */
export function minifiedName(name: string): string | undefined {
  const named = MINIFIED_NAME.exec(name);
  return named ? `file name ends in ${named[0]}` : undefined;
}

/** Why the text looks minified, or undefined. */
export function minifiedText(text: string, shape: TextShape): string | undefined {
  if (text.length <= SMALL_FILE || shape.longLines === 0) return undefined;
  const codeLike = shape.longLinePunctuation >= shape.longLineChars * CODE_PUNCTUATION_DENSITY;
  if (!codeLike) return undefined;
  const average = shape.chars / Math.max(1, shape.nonBlankLines);
  // Most lines long: minifiers that wrap at a fixed width, or a file that is one long line.
  if (average > MAX_AVERAGE_LINE && shape.longLines * 2 >= shape.nonBlankLines) {
    return `average line length ${Math.round(average)} characters`;
  }
  // One huge line with a few short ones around it (license banner, sourceMappingURL).
  if (shape.longestLine > HUGE_LINE && shape.longLineChars >= shape.chars * 0.8) {
    return `line ${shape.longestLineNumber} is ${shape.longestLine} characters long`;
  }
  return undefined;
}
