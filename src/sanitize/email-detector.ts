import { ALNUM, charTable, codePointAt, codePointBefore, inTable, isLetterCodePoint, isWordCodePoint } from './char-classes';
import type { Detector, TextRange } from './detector';

// RFC 5322 atext plus '.', so unusual but valid local parts (a!b, o'brien) are redacted whole.
const LOCAL_ASCII = charTable(`${ALNUM}!#$%&'*+/=?^_\`{|}~.-`);
const DOMAIN_ASCII = charTable(`${ALNUM}.-`);
/** RFC 5321's limit for a local part; it also bounds the backward scan from each '@'. */
const MAX_LOCAL = 64;
/** RFC 1035's limit for one label; a longer one (or an empty one) ends the search for a domain. */
const MAX_LABEL = 63;
const DOT = 46;
const HYPHEN = 45;

/** Local parts may hold any letter, mark or digit beyond ASCII (RFC 6531: `jörg`, `用户`). */
const isLocal = (cp: number): boolean => inTable(LOCAL_ASCII, cp) || (cp >= 128 && isWordCodePoint(cp));
/**
 * In a URL, `/ ? # & =` delimit the path and the query: an address in it has them percent-encoded, so the local
 * part stops there (`?to=jane%40x.org` loses `jane%40x.org`, not the whole query).
 */
const URL_DELIMITER = charTable('/?#&=');
const isUrlLocal = (cp: number): boolean => !inTable(URL_DELIMITER, cp) && isLocal(cp);
/** Domains may be internationalised (IDN): labels of letters, marks and digits of any script. */
const isDomain = (cp: number): boolean => inTable(DOMAIN_ASCII, cp) || (cp >= 128 && isWordCodePoint(cp));

/** True when the label at `start` begins `xn--` (any case): a punycode label, which may hold digits and hyphens. */
function isPunycode(text: string, start: number): boolean {
  return (
    (text.charCodeAt(start) | 32) === 120 &&
    (text.charCodeAt(start + 1) | 32) === 110 &&
    text.charCodeAt(start + 2) === HYPHEN &&
    text.charCodeAt(start + 3) === HYPHEN
  );
}

/**
 * Where the local part before the '@' at `at` starts, reading back over characters for which `local` holds;
 * never before `floor` (the end of the previous address).
 */
function localStart(text: string, at: number, floor: number, local: (cp: number) => boolean): number {
  let start = at;
  while (start > floor) {
    const { cp, width } = codePointBefore(text, start);
    if (!local(cp) || at - start + width > MAX_LOCAL || start - width < floor) break;
    start -= width;
  }
  while (start < at && text.charCodeAt(start) === 46) start++; // a leading '.' belongs to the sentence
  return start;
}

/**
 * Where the longest valid domain starting at `from` (right after the '@') ends, or -1 if there is none. A valid domain has at least
 * two labels of 1-63 characters and ends in a top-level domain of 2-63 letters or marks (`com`, `рф`) or a
 * punycode label (`xn--p1ai`). The domain characters may run on past it (`example.com-2024`, `example.co.uk-x`,
 * `example.com1`): then the domain ends where its top-level domain last looked whole, right before a character
 * that is not a letter (a '-', a digit, a '.'), not at the end of the run. One pass over the run, carrying what is
 * known about the current label, so a run of many candidate ends (`a.bc-1a.bc-1…`) costs its length once; it
 * stops at the first empty or overlong label, which no longer prefix can get past.
 */
function domainEnd(text: string, from: number): number {
  let best = -1;
  let dots = 0;
  let labelStart = from;
  let letters = 0; // code points in the label, while it holds letters and marks only; -1 once it holds anything else
  let ascii = true;
  let lastWord = false; // the code point before `i` is a letter, mark or digit (not '-' or '.')
  let i = from;
  for (;;) {
    const { cp, width } = codePointAt(text, i);
    const inDomain = i < text.length && isDomain(cp);
    // `i` is a candidate end unless the label's letters go on (`example.co|m` is not a domain ending in `co`).
    if ((!inDomain || !isLetterCodePoint(cp)) && dots > 0 && lastWord) {
      const tld = letters >= 2 || (ascii && i - labelStart > 4 && isPunycode(text, labelStart));
      if (tld) best = i;
    }
    if (!inDomain) return best;
    if (cp === DOT) {
      if (i === labelStart) return best;
      dots++;
      labelStart = i + 1;
      letters = 0;
      ascii = true;
      lastWord = false;
    } else {
      if (i + width - labelStart > MAX_LABEL) return best;
      if (letters >= 0) letters = isLetterCodePoint(cp) ? letters + 1 : -1;
      if (cp >= 128) ascii = false;
      lastWord = cp !== HYPHEN;
    }
    i += width;
  }
}

/**
 * E-mail addresses, found from each '@' outwards instead of with one big regex: linear in the text length
 * whatever the input (each '@' reads at most 64 characters back and the domain run up to the next character
 * that cannot be in a domain, which no other '@' reads again), and it accepts every RFC 5322 local part,
 * Unicode local parts (RFC 6531) and internationalised domains, in Unicode or punycode. With `inUrl`, a
 * percent-encoded '@' (`%40`, as in `?email=jane%40example.com`) counts as one too ('%' is a local-part
 * character, so the local part before it is read as usual), and the local part stops at URL delimiters.
 */
function findAddresses(text: string, inUrl: boolean): TextRange[] {
  const local = inUrl ? isUrlLocal : isLocal;
  const out: TextRange[] = [];
  let floor = 0;
  // The next '@' and the next '%40' from where the search is: each only moves forward, so both searches
  // together read the text once.
  let plain = text.indexOf('@');
  let percent = inUrl ? text.indexOf('%40') : -1;
  while (plain !== -1 || percent !== -1) {
    const isPlain = percent === -1 || (plain !== -1 && plain < percent);
    const at = isPlain ? plain : percent;
    const start = localStart(text, at, floor, local);
    const end = start < at ? domainEnd(text, at + (isPlain ? 1 : 3)) : -1;
    let from = at + 1;
    if (end !== -1) {
      out.push([start, end]);
      floor = end;
      from = end;
    }
    if (plain !== -1 && plain < from) plain = text.indexOf('@', from);
    if (percent !== -1 && percent < from) percent = text.indexOf('%40', from);
  }
  return out;
}

/** E-mail addresses with a literal '@' (see {@link findAddresses}). */
export const emailDetector: Detector = {
  name: 'email',
  minLength: 6,
  mayMatch: (t) => t.includes('@'),
  find: (text) => findAddresses(text, false),
};

/**
 * {@link emailDetector} for URL values, where an address in a query string is usually percent-encoded
 * (`jane%40example.com`) and `/ ? # & =` delimit it. Only for URL keys: looking for `%40` too would cost
 * every other value a second search.
 */
export const urlEmailDetector: Detector = {
  name: 'email',
  minLength: 6,
  mayMatch: (t) => t.includes('@') || t.includes('%40'),
  find: (text) => findAddresses(text, true),
};
