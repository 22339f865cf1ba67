import { ALNUM, charTable, codePointAt, codePointBefore, inTable, isWordCodePoint } from './char-classes';
import type { Detector, TextRange } from './detector';

// RFC 5322 atext plus '.', so unusual but valid local parts (a!b, o'brien) are redacted whole.
const LOCAL_ASCII = charTable(`${ALNUM}!#$%&'*+/=?^_\`{|}~.-`);
const DOMAIN_ASCII = charTable(`${ALNUM}.-`);
/** RFC 5321's limit for a local part; it also bounds the backward scan from each '@'. */
const MAX_LOCAL = 64;
/** An ASCII top-level domain, an IDN one as Unicode letters (`рф`, `中国`), or as punycode (`xn--p1ai`). */
const TLD = /^(?:[\p{L}\p{M}]{2,63}|xn--[A-Za-z0-9-]{1,59})$/u;

/** Local parts may hold any letter, mark or digit beyond ASCII (RFC 6531: `jörg`, `用户`). */
const isLocal = (cp: number): boolean => inTable(LOCAL_ASCII, cp) || (cp >= 128 && isWordCodePoint(cp));
/** Domains may be internationalised (IDN): labels of letters, marks and digits of any script. */
const isDomain = (cp: number): boolean => inTable(DOMAIN_ASCII, cp) || (cp >= 128 && isWordCodePoint(cp));

function validDomain(domain: string): boolean {
  const labels = domain.split('.');
  if (labels.length < 2) return false;
  for (const label of labels) if (label.length === 0 || label.length > 63) return false;
  return TLD.test(labels[labels.length - 1] ?? '');
}

/** Where the local part before the '@' at `at` starts; never before `floor` (the end of the previous address). */
function localStart(text: string, at: number, floor: number): number {
  let start = at;
  while (start > floor) {
    const { cp, width } = codePointBefore(text, start);
    if (!isLocal(cp) || at - start + width > MAX_LOCAL || start - width < floor) break;
    start -= width;
  }
  while (start < at && text.charCodeAt(start) === 46) start++; // a leading '.' belongs to the sentence
  return start;
}

/** Where the domain after the '@' at `at` ends; trailing dots and hyphens belong to the sentence. */
function domainEnd(text: string, at: number): number {
  let end = at + 1;
  while (end < text.length) {
    const { cp, width } = codePointAt(text, end);
    if (!isDomain(cp)) break;
    end += width;
  }
  while (end > at + 1) {
    const { cp, width } = codePointBefore(text, end);
    if (isWordCodePoint(cp)) break;
    end -= width;
  }
  return end;
}

/**
 * E-mail addresses, found from each '@' outwards instead of with one big regex: linear in the text length
 * whatever the input (each '@' reads at most 64 characters back and the domain run up to the next character
 * that cannot be in a domain, which no other '@' reads again), and it accepts every RFC 5322 local part,
 * Unicode local parts (RFC 6531) and internationalised domains, in Unicode or punycode.
 */
export const emailDetector: Detector = {
  name: 'email',
  minLength: 6,
  mayMatch: (t) => t.includes('@'),
  find(text) {
    const out: TextRange[] = [];
    let floor = 0;
    let at = text.indexOf('@');
    while (at !== -1) {
      const start = localStart(text, at, floor);
      const end = domainEnd(text, at);
      if (start < at && validDomain(text.slice(at + 1, end))) {
        out.push([start, end]);
        floor = end;
        at = text.indexOf('@', end);
      } else at = text.indexOf('@', at + 1);
    }
    return out;
  },
};
