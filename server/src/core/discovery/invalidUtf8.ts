// Where UTF-8 decoding fails, for the skip detail. Only called after the native decoder has
// already rejected the bytes, so speed does not matter; the rules follow the Unicode
// well-formed table (no overlongs, no surrogates, nothing above U+10FFFF).

export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let trailing: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) trailing = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      trailing = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      trailing = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    // Truncated sequence at the end of the file.
    if (i + trailing >= bytes.length) return i;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k <= trailing; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return i;
    i += trailing + 1;
  }
  return -1;
}
