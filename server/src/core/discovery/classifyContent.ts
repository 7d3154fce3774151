import { formatBytes } from './formatBytes';
import { compiledBundle, generatedHeader } from './generated';
import { firstInvalidUtf8 } from './invalidUtf8';
import { minifiedName, minifiedText } from './minified';
import type { SkipReason } from './skipped';
import { measureText } from './textShape';

export type { SkipReason } from './skipped';

// Whether a file's bytes are source worth parsing, and its text when they are. Runs in the parse
// workers on every file read, so the cheap byte checks come first.

export type ContentCheck = { ok: true; text: string } | { ok: false; reason: SkipReason; detail: string };

const BINARY_WINDOW = 8 * 1024;
// Not fatal on a BOM: the default (ignoreBOM false) strips a leading UTF-8 BOM from the text.
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function classifyContent(path: string, bytes: Uint8Array, maxFileSize: number): ContentCheck {
  if (bytes.length > maxFileSize) return skip('too-large', `${formatBytes(bytes.length)} > ${formatBytes(maxFileSize)} limit`);
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return skip('invalid-utf8', 'UTF-16 text (byte order mark); only UTF-8 is read');
  }
  const nul = bytes.subarray(0, BINARY_WINDOW).indexOf(0);
  if (nul >= 0) return skip('binary', `NUL byte at offset ${nul}`);

  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return skip('invalid-utf8', `not valid UTF-8: byte 0x${bytes[at]?.toString(16).padStart(2, '0') ?? '??'} at offset ${at}`);
  }

  const named = minifiedName(path.slice(path.lastIndexOf('/') + 1));
  if (named) return skip('minified', named);
  const header = generatedHeader(text);
  if (header) return skip('generated', header);
  const shape = measureText(text);
  const minified = minifiedText(text, shape);
  if (minified) return skip('minified', minified);
  const bundle = compiledBundle(text, shape);
  if (bundle) return skip('generated', bundle);
  return { ok: true, text };
}

function skip(reason: SkipReason, detail: string): ContentCheck {
  return { ok: false, reason, detail };
}
