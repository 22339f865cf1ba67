import { isIPv4, isIPv6 } from 'node:net';
import { ALNUM_TABLE, inTable } from './char-classes';
import { ibanValid, IBAN_LENGTHS, luhnValid } from './checksums';
import { regexDetector } from './detector';
import type { Detector, MatchAcceptor } from './detector';

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/**
 * Candidate ends of a digit run with separators, longest first: positions right after a digit that are not
 * followed by another digit (a group boundary), and at the very end only if the text continues with no
 * letter or digit. Lets "4111 1111 1111 1111 12" still yield its 16-digit card.
 */
function digitGroupEnds(m: RegExpExecArray, text: string): { end: number; digits: string }[] {
  const s = m[0];
  const ends: { end: number; digits: string }[] = [];
  let digits = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (!isDigit(code)) continue;
    digits += s[i];
    const next = i + 1 < s.length ? s.charCodeAt(i + 1) : text.charCodeAt(m.index + s.length);
    if (!isDigit(next) && !inTable(ALNUM_TABLE, next)) ends.push({ end: m.index + i + 1, digits });
  }
  return ends.reverse();
}

function cardPrefixOk(d: string): boolean {
  const first = d.charCodeAt(0) - 48;
  if (first >= 3 && first <= 6) return true;
  // Mastercard's 2-series: 2221-2720, 16 digits.
  const four = Number(d.slice(0, 4));
  return first === 2 && d.length === 16 && four >= 2221 && four <= 2720;
}

/** `12345678-1234-…` is a UUID made of digits, not a card: grouped cards never
 * have a first group of 7-12 digits (compact cards are one group of 13-19). */
const FIRST_GROUP_TOO_LONG = /^\d{7,12}[ -]/;

const cardAcceptor: MatchAcceptor = (m, text) => {
  if (FIRST_GROUP_TOO_LONG.test(m[0])) return undefined;
  for (const { end, digits } of digitGroupEnds(m, text)) {
    if (digits.length >= 13 && digits.length <= 19 && cardPrefixOk(digits) && luhnValid(digits)) {
      return [m.index, end];
    }
  }
  return undefined;
};

/** Payment card numbers: 13-19 digits, optionally grouped by spaces or dashes, card prefix, Luhn. */
export const paymentCardDetector: Detector = regexDetector('paymentCard', 13, (t) => /\d{4}/.test(t), [
  { pattern: /(?<![0-9A-Za-z+-])\d(?:[ -]?\d){12,18}/, accept: cardAcceptor },
]);

/** Takes exactly the country's IBAN length of characters from the match, then checks mod 97. */
const ibanAcceptor: MatchAcceptor = (m, text) => {
  const s = m[0];
  const expected = IBAN_LENGTHS[s.slice(0, 2).toUpperCase()];
  if (expected === undefined) return undefined;
  let compact = '';
  let i = 0;
  for (; i < s.length && compact.length < expected; i++) if (s[i] !== ' ') compact += s[i];
  const after = text.charCodeAt(m.index + i);
  if (compact.length !== expected || inTable(ALNUM_TABLE, after)) return undefined;
  return ibanValid(compact.toUpperCase()) ? [m.index, m.index + i] : undefined;
};

/** IBANs, compact or in groups of four, validated by country length and mod 97. */
export const ibanDetector: Detector = regexDetector('iban', 15, (t) => /\d\d/.test(t), [
  { pattern: /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/, accept: ibanAcceptor },
]);

const validated =
  (parses: (candidate: string) => boolean): MatchAcceptor =>
  (m) =>
    parses(m[0]) ? [m.index, m.index + m[0].length] : undefined;

/**
 * IPv4 and IPv6 addresses: the patterns only find bounded candidates, `node:net` decides. IPv6 includes the
 * compressed and IPv4-embedded forms and a zone (`fe80::1%eth0`). A letter and a dot may precede an address
 * (`peer.by.10.0.0.1` as an attribute key), digits and a dot may not: that is a longer dotted run such as a
 * version string.
 */
export const ipDetector: Detector = regexDetector('ip', 3, (t) => t.includes('.') || t.includes(':'), [
  { pattern: /(?<!\w|\d\.)\d{1,3}(?:\.\d{1,3}){3}(?!\w|\.\d)/, accept: validated(isIPv4) },
  {
    pattern: /(?<![\w:]|\d\.)(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){2,8}(?:\.\d{1,3}){0,3}(?:%[0-9A-Za-z-]{1,64})?(?![\w:])/,
    accept: validated(isIPv6),
  },
]);

function digitCountAcceptor(min: number, max: number): MatchAcceptor {
  return (m, text) => {
    for (const { end, digits } of digitGroupEnds(m, text)) {
      if (digits.length >= min && digits.length <= max) return [m.index, end];
    }
    return undefined;
  };
}

/**
 * Phone numbers in the forms people write them: `+` and a country code, North American `(555) 123-4567`,
 * and national numbers starting with 0 in groups (`030 1234567`, `01 23 45 67 89`). A bare digit run is
 * left alone: it is far more often an id, a counter or a timestamp.
 */
export const phoneDetector: Detector = regexDetector('phone', 10, (t) => /\d\d/.test(t), [
  { pattern: /(?<![\w+])\+[1-9][\d ().-]{5,24}\d/, accept: digitCountAcceptor(8, 15) },
  {
    pattern: /(?<![\w-])(?:1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[ .-])\d{3}[ .-]\d{4}(?![\w-])/,
    accept: digitCountAcceptor(10, 11),
  },
  { pattern: /(?<![\w.+-])0\d{1,4}(?:[ /-]\d{2,8}){1,4}(?![\w.-])/, accept: digitCountAcceptor(9, 13) },
]);
