// Vietnamese names typed without diacritics: "dai loc" finds "Xã Đại Lộc", and the two
// spellings of one name ("Hòa" and "Hoà", the tone mark on either vowel) are one name.
// The API folds the same way for `q` (docs/places.md, "In the web app").

/** One character, folded: no tone or vowel marks, đ as d, lower case. */
function foldChar(ch: string): string {
  return ch
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** A name as it is compared: without marks, đ → d, lower case, single spaces. */
export function fold(text: string): string {
  return Array.from(text.normalize('NFC'), foldChar)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Where the folded `query` occurs in `text`, in positions of `text` (as typed, NFC), or null.
 * Each character of an NFC name folds to one character, so positions carry over.
 */
export function matchRange(text: string, query: string): [number, number] | null {
  const needle = fold(query);
  if (!needle) return null;
  const chars = Array.from(text.normalize('NFC'));
  const folded = chars.map((c) => {
    const f = foldChar(c);
    return /\s/.test(f) ? ' ' : f;
  });
  const haystack = folded.join('');
  if (haystack.length !== chars.length) return null;
  const start = haystack.indexOf(needle);
  if (start < 0) return null;
  // Back to UTF-16 offsets in the NFC text.
  const offset = (i: number) => chars.slice(0, i).join('').length;
  return [offset(start), offset(start + needle.length)];
}

/** Whether every word typed occurs in the name (folded). */
export function matches(text: string, query: string): boolean {
  const haystack = fold(text);
  return fold(query)
    .split(' ')
    .every((word) => haystack.includes(word));
}
