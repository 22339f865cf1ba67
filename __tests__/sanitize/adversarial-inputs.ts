/**
 * Inputs built to make the sanitizer's detectors backtrack or rescan: long runs of the characters a pattern
 * accepts without the character that would end it, prefixes repeated so that every rejected match is followed
 * by another candidate, unterminated quotes. Shared by the worst-case time test and
 * `benchmarks/sanitizer-worst-case.ts`.
 */

/**
 * What an input is aimed at: a built-in detector, the scanner that runs them all (`text`), SQL stripping, the
 * key policy, or a glob pattern.
 */
export type AdversarialTarget =
  | 'jwt'
  | 'bearer'
  | 'apiKey'
  | 'credential'
  | 'email'
  | 'paymentCard'
  | 'iban'
  | 'ip'
  | 'phone'
  | 'text'
  | 'sql'
  | 'key'
  | 'keyPattern';

/** One adversarial input family; `make(size)` returns a string of exactly `size` UTF-16 code units. */
export interface AdversarialCase {
  readonly target: AdversarialTarget;
  readonly label: string;
  readonly make: (size: number) => string;
}

/** The glob the `keyPattern` inputs are matched against: as a regex (`^.*a.*b$`) it backtracks quadratically. */
export const KEY_GLOB = '*a*b';

/** `unit` repeated and cut to `size` code units (never in the middle of a surrogate pair). */
export function fill(unit: string, size: number, prefix = '', suffix = ''): string {
  const body = size - prefix.length - suffix.length;
  let run = unit.repeat(Math.ceil(Math.max(0, body) / unit.length)).slice(0, Math.max(0, body));
  const last = run.charCodeAt(run.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) run = `${run.slice(0, -1)}x`;
  return `${prefix}${run}${suffix}`;
}

/** `$t0$t1$t2…`: every '$' opens a dollar quote with a tag of its own that is never closed. */
function distinctDollarTags(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const tag = `$t${i.toString(36)}`;
    parts.push(tag);
    length += tag.length;
  }
  return parts.join('').slice(0, size);
}

const c = (target: AdversarialTarget, label: string, make: (size: number) => string): AdversarialCase => ({
  target,
  label,
  make,
});

/** Every adversarial input family, grouped by target. */
export const ADVERSARIAL_CASES: readonly AdversarialCase[] = [
  c('jwt', 'eyJ + base64url run, no dot', (n) => fill('a', n, ' eyJ')),
  c('jwt', 'eyJ header. + run, no second dot', (n) => fill('b', n, ' eyJhbGciOi.')),
  c('jwt', 'repeated " eyJaaaa."', (n) => fill(' eyJaaaa.', n)),
  c('jwt', 'repeated ".eyJ"', (n) => fill('.eyJ', n)),
  c('bearer', 'Bearer + whitespace run', (n) => fill(' ', n, 'Bearer ', '!')),
  c('bearer', 'repeated "bearer "', (n) => fill('bearer ', n)),
  c('bearer', 'Basic + base64 run without a colon', (n) => fill('QUFB', n, 'Basic ', '====')),
  c('bearer', 'repeated "basic /"', (n) => fill('basic /', n)),
  c('apiKey', 'repeated "key="', (n) => fill('key=', n)),
  c('apiKey', 'repeated "KEY: "', (n) => fill('KEY: ', n)),
  c('apiKey', 'key= + low-entropy run', (n) => fill('a', n, 'api_key=')),
  c('apiKey', 'repeated "ghp_"', (n) => fill('ghp_', n)),
  c('apiKey', 'repeated "glpat-"', (n) => fill('glpat-', n)),
  c('apiKey', 'repeated "xoxb-1"', (n) => fill('xoxb-1', n)),
  c('apiKey', 'repeated "AKIA"', (n) => fill('AKIA', n)),
  c('apiKey', 'key + whitespace run', (n) => fill(' ', n, 'key', 'x')),
  c('credential', 'repeated "password="', (n) => fill('password=', n)),
  c('credential', 'repeated "\\"token\\":\\""', (n) => fill('"token":"', n)),
  c('credential', 'repeated "secret: " + whitespace', (n) => fill('secret:    ', n)),
  c('credential', 'repeated "://"', (n) => fill('://', n)),
  c('credential', 'repeated "a://b:c" without @', (n) => fill('a://b:c', n)),
  c('credential', ':// + user run without colon', (n) => fill('u', n, 'x://')),
  c('credential', '://u: + password run without @', (n) => fill('p:', n, 'x://u:')),
  c('credential', 'repeated "://u:p@" ', (n) => fill('://u:p@', n)),
  c('credential', '://u: + "@/" run', (n) => fill('@/', n, 'x://u:')),
  c('credential', 'password: " + a quoted run never closed', (n) => fill('a', n, 'password: "')),
  c('credential', "repeated \"password='\"", (n) => fill("password='", n)),
  c('credential', 'repeated "pass:"', (n) => fill('pass:', n)),
  c('credential', 'repeated "authorization: "', (n) => fill('authorization: ', n)),
  c('credential', 'Authorization: + short scheme-like words', (n) => fill('abc ', n, 'Authorization: ')),
  c('email', 'repeated "@"', (n) => fill('@', n)),
  c('email', 'local-part run without @', (n) => fill('a', n, '', '@')),
  c('email', 'repeated "a@"', (n) => fill('a@', n)),
  c('email', '@ + a.a.a… domain', (n) => fill('a.', n, 'x@')),
  c('email', 'repeated "a@a.a"', (n) => fill('a@a.a', n)),
  c('email', 'non-ASCII local-part run', (n) => fill('ä', n, '', '@')),
  c('email', '@ + non-ASCII dotted domain', (n) => fill('ä.', n, 'x@')),
  c('email', 'repeated "ü@ö."', (n) => fill('ü@ö.', n)),
  // Every '-' ends a valid domain prefix and the run goes on: retrying shorter domains one by one is quadratic.
  c('email', '@ + "a.bc-1" run, a valid domain before every "-"', (n) => fill('a.bc-1', n, 'x@')),
  c('email', 'repeated "a@b.com-"', (n) => fill('a@b.com-', n)),
  c('email', 'repeated "a%40" (under a URL key)', (n) => fill('a%40', n)),
  c('email', '%40 + "a.bc-1" run (under a URL key)', (n) => fill('a.bc-1', n, 'x%40')),
  c('paymentCard', 'digit run', (n) => fill('4', n)),
  c('paymentCard', 'repeated "4111 "', (n) => fill('4111 ', n)),
  c('paymentCard', 'repeated "4-"', (n) => fill('4-', n)),
  c('iban', 'repeated "DE89"', (n) => fill('DE89', n)),
  c('iban', 'repeated "DE89 "', (n) => fill('DE89 ', n)),
  c('iban', 'DE89 + digit run', (n) => fill('3', n, ' DE89')),
  c('iban', 'DE89 + grouped run', (n) => fill(' 3704', n, ' DE89')),
  c('ip', 'repeated "1."', (n) => fill('1.', n)),
  c('ip', 'repeated "255.255.255.255."', (n) => fill('255.255.255.255.', n)),
  c('ip', 'repeated ":"', (n) => fill(':', n)),
  c('ip', 'repeated "a:"', (n) => fill('a:', n)),
  c('ip', 'repeated "1::"', (n) => fill('1::', n)),
  c('ip', 'repeated " ::ffff:1.1"', (n) => fill(' ::ffff:1.1', n)),
  c('phone', 'repeated "+1 "', (n) => fill('+1 ', n)),
  c('phone', 'repeated " +49 151"', (n) => fill(' +49 151', n)),
  c('phone', 'repeated "(555) "', (n) => fill('(555) ', n)),
  c('phone', 'repeated " 030 12"', (n) => fill(' 030 12', n)),
  c('phone', 'repeated "555-"', (n) => fill('555-', n)),
  c('text', 'repeated markers of the sanitizer', (n) => fill('[REDACTED:email]', n)),
  c('text', 'repeated "[REDACTED:" without a name', (n) => fill('[REDACTED:', n)),
  c('text', 'markers between secrets', (n) => fill('[REDACTED:iban]a@b.co 4111111111111111 ', n)),
  c('sql', 'dollar quotes with distinct tags, never closed', distinctDollarTags),
  c('sql', 'unterminated single quote', (n) => fill('x', n, "'")),
  c('sql', "run of ''", (n) => fill("''", n, "'")),
  c('sql', 'digit run + letter', (n) => fill('1', n, '', 'x')),
  c('sql', 'repeated "$a"', (n) => fill('$a', n)),
  c('sql', 'long dollar tag', (n) => fill('a', n, '$')),
  c('key', 'repeated "key=" as a key', (n) => fill('key=', n)),
  c('key', 'repeated "a@" as a key', (n) => fill('a@', n)),
  c('key', 'password run as a key', (n) => fill('passwor', n)),
  c('keyPattern', `run of "a" against "${KEY_GLOB}"`, (n) => fill('a', n)),
];
