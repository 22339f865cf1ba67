/** Character tests for the hand-written finders: table lookups for ASCII, cached Unicode checks beyond. */

/** A lookup table over ASCII for the characters in `chars`. */
export function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (const ch of chars) table[ch.charCodeAt(0)] = 1;
  return table;
}

/** ASCII letters and digits. */
export const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** {@link ALNUM} as a table. */
export const ALNUM_TABLE = charTable(ALNUM);

/** True when `code` is an ASCII character in table `t`. */
export const inTable = (t: Uint8Array, code: number): boolean => code < 128 && t[code] === 1;

const UNICODE_LETTER = /^[\p{L}\p{M}]$/u;
const UNICODE_NUMBER = /^\p{N}$/u;
const LETTER = 1;
const NUMBER = 2;
const OTHER = 3;
// 0 = not computed yet, else LETTER (letter or mark), NUMBER or OTHER. One byte per BMP code point, filled
// lazily: a regex test per character would make long non-ASCII runs several times slower.
const bmpClass = new Uint8Array(0x10000);

function classify(ch: string): number {
  if (UNICODE_LETTER.test(ch)) return LETTER;
  return UNICODE_NUMBER.test(ch) ? NUMBER : OTHER;
}

/** LETTER, NUMBER or OTHER for a code point beyond ASCII. */
function unicodeClass(cp: number): number {
  if (cp >= 0xd800 && cp <= 0xdfff) return OTHER; // a lone surrogate
  if (cp >= 0x10000) return classify(String.fromCodePoint(cp));
  let known = bmpClass[cp] ?? OTHER;
  if (known === 0) {
    known = classify(String.fromCharCode(cp));
    bmpClass[cp] = known;
  }
  return known;
}

/** True for a letter, combining mark or digit of any script (IDN labels, RFC 6531 local parts). */
export function isWordCodePoint(cp: number): boolean {
  if (cp < 128) return inTable(ALNUM_TABLE, cp);
  return unicodeClass(cp) !== OTHER;
}

/** True for a letter or combining mark of any script: what a top-level domain is made of. */
export function isLetterCodePoint(cp: number): boolean {
  if (cp < 128) return (cp >= 65 && cp <= 90) || (cp >= 97 && cp <= 122);
  return unicodeClass(cp) === LETTER;
}

/** True for whitespace (what `\s` matches) or a control character. */
export function isSpaceOrControl(code: number): boolean {
  if (code <= 0x20 || (code >= 0x7f && code <= 0xa0)) return true;
  if (code < 0x1680) return false;
  return (
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** The code point ending just before index `i` of `text`, and how many code units it takes. */
export function codePointBefore(text: string, i: number): { cp: number; width: 1 | 2 } {
  const low = text.charCodeAt(i - 1);
  if (low >= 0xdc00 && low <= 0xdfff && i >= 2) {
    const high = text.charCodeAt(i - 2);
    if (high >= 0xd800 && high <= 0xdbff) return { cp: (high - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000, width: 2 };
  }
  return { cp: low, width: 1 };
}

/** The code point starting at index `i` of `text` (NaN past the end), and how many code units it takes. */
export function codePointAt(text: string, i: number): { cp: number; width: 1 | 2 } {
  const cp = text.codePointAt(i) ?? Number.NaN;
  return { cp, width: cp > 0xffff ? 2 : 1 };
}
