import { isSpaceOrControl } from './char-classes';
import type { TextRange } from './detector';

const COLON = 58;
const AT = 64;
const isDigit = (code: number): boolean => code >= 48 && code <= 57;
/** Characters that cannot be in a URL unencoded and that commonly delimit one in text: quotes, `<>`, `\`. */
const isUrlEnd = (code: number): boolean =>
  isSpaceOrControl(code) || code === 34 || code === 39 || code === 96 || code === 60 || code === 62 || code === 92;
/** `/`, `?` and `#` end the authority (user, password, host and port). */
const isAuthorityEnd = (code: number): boolean => code === 47 || code === 63 || code === 35;
/** What can follow a port number: the authority's end, or punctuation around a URL in text. */
const isAfterPort = (code: number): boolean =>
  isUrlEnd(code) || isAuthorityEnd(code) || code === 44 || code === 59 || code === 41 || code === 93 || code === 125;
/** The user part may hold '@' (`bob@example.com:pw@host`), but not ':' (its end) nor anything ending a URL. */
const isUserChar = (code: number): boolean => !isUrlEnd(code) && !isAuthorityEnd(code) && code !== COLON && code !== 91 && code !== 93;

/** Outcome of reading a password from `start`: its end (if there is one) and where the search goes on. */
interface PasswordScan {
  readonly end: number | undefined;
  readonly resume: number;
}

/**
 * Reads the password that starts at `start` (right after `user:`). It runs to the *last* '@' before the host,
 * so '@' and '/' inside the password do not end it early: after the first '@', the authority ends at `/`,
 * `?`, `#` or a character that ends a URL; before it, only the latter end the scan. Digits followed by the end
 * of the authority are a port (`host:6379/0`), not a password.
 */
function scanPassword(text: string, start: number): PasswordScan {
  let lastAt = -1;
  let digitsOnly = true;
  let i = start;
  for (; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isUrlEnd(code)) break;
    if (code === AT) {
      lastAt = i;
      continue;
    }
    if (lastAt >= 0) {
      if (isAuthorityEnd(code)) break;
      continue;
    }
    if (digitsOnly && !isDigit(code)) {
      if (isAfterPort(code)) return { end: undefined, resume: i };
      digitsOnly = false;
    }
  }
  if (lastAt < 0) {
    // No '@' before the end of this URL: nor will any other '://' inside it find one, so skip them all.
    return { end: undefined, resume: i };
  }
  return { end: lastAt > start ? lastAt : undefined, resume: lastAt + 1 };
}

/**
 * The password in `scheme://user:password@host`, including passwords that contain '@' or '/'
 * (`https://user:p@ss@host`, `postgres://u:pa/ss@db`) and an empty user (`redis://:hunter2@cache:6379`).
 * The scheme, user and host are kept. Linear: each '://' reads forward only over text no earlier one has
 * read, because a scan that finds no '@' skips the rest of its URL, and one that does resumes after it.
 */
export function findUrlPasswords(text: string): TextRange[] {
  const out: TextRange[] = [];
  let from = 0;
  for (;;) {
    const scheme = text.indexOf('://', from);
    if (scheme === -1) return out;
    let i = scheme + 3;
    while (i < text.length && isUserChar(text.charCodeAt(i))) i++;
    if (text.charCodeAt(i) !== COLON) {
      from = i > scheme + 1 ? i : scheme + 1;
      continue;
    }
    const { end, resume } = scanPassword(text, i + 1);
    if (end !== undefined) out.push([i + 1, end]);
    from = Math.max(resume, scheme + 1);
  }
}
