import { regexDetector, secretGroup, wholeMatch } from './detector';
import type { Detector, MatchAcceptor } from './detector';
import { findKeyAssignments } from './key-assignment';
import { findUrlPasswords } from './url-password';

/** JSON Web Tokens: base64url header starting `eyJ` (`{"`), payload, optional signature. */
export const jwtDetector: Detector = regexDetector('jwt', 20, (t) => t.includes('eyJ'), [
  {
    pattern: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/,
    accept: wholeMatch,
  },
]);

/** `Basic` is only a credential when it decodes to `user:password`; "Basic configuration" is prose. */
const basicCredential: MatchAcceptor = (m, text) => {
  const secret = m.groups?.['secret'];
  if (secret === undefined || !Buffer.from(secret, 'base64').toString('latin1').includes(':')) return undefined;
  return secretGroup(m, text);
};

/** The credential after an HTTP auth scheme; the scheme name stays so the value still reads sensibly. */
export const bearerDetector: Detector = regexDetector('bearer', 14, (t) => /bearer|basic/i.test(t), [
  { pattern: /\bbearer\s+(?<secret>[A-Za-z0-9._~+/-]{8,}=*)/di, accept: secretGroup },
  { pattern: /\bbasic\s+(?<secret>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])/di, accept: basicCredential },
]);

/**
 * Vendor key shapes. Each prefix is distinctive enough that a match is almost never a false positive;
 * the lengths follow the vendors' documented formats.
 */
const VENDOR_KEYS = new RegExp(
  '(?<![A-Za-z0-9])(?:' +
    [
      '(?:AKIA|ASIA)[0-9A-Z]{16}', // AWS access key id
      'gh[pousr]_[A-Za-z0-9]{36,255}', // GitHub tokens
      'github_pat_[A-Za-z0-9_]{22,255}', // GitHub fine-grained PAT
      '(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}', // Stripe secret / restricted keys
      'xox[abposr]-[A-Za-z0-9-]{10,250}', // Slack tokens
      'AIza[0-9A-Za-z_-]{35}', // Google API key
      'glpat-[A-Za-z0-9_-]{20,}', // GitLab PAT
      'npm_[A-Za-z0-9]{36}', // npm token
    ].join('|') +
    ')(?![A-Za-z0-9])',
);

/**
 * API keys by vendor shape, plus long high-entropy values assigned to a name ending in `key` (found by
 * {@link findKeyAssignments}: a regex for those would rescan the rest of a `key=key=…` run after each
 * rejected value).
 */
export const apiKeyDetector: Detector = regexDetector(
  'apiKey',
  20,
  (t) => /AKIA|ASIA|gh[pousr]_|github_pat_|_live_|_test_|xox|AIza|glpat-|npm_|key/i.test(t),
  [{ pattern: VENDOR_KEYS, accept: wholeMatch }],
  [findKeyAssignments],
);

/**
 * Names whose value is a secret whatever it looks like. Only a name *ending* in one of these counts, so
 * `max_tokens=5` and `tokenCount: 3` are left alone while `access_token=…` and `dbPassword: …` are not. Of the
 * names ending in `key`, only those that name a secret are here (`secret_key`, `signing_key`); any other
 * `…key=` value counts only when it looks random (the `apiKey` detector), so `sort_key=name` stays. `pass`
 * alone must be a whole word or follow `_`/`-` (`pass`, `DB_PASS`), so `bypass=1` and `compass: N` stay, and its
 * value must not be a plain word (see {@link credentialValue}): it is also a test result's word.
 */
const SECRET_NAME = String.raw`(?:pass[_-]?(?:w(?:or)?d|phrase)|(?<![A-Za-z0-9])(?<bare>pass)|pwd|secret|token|(?:api|access|private|secret|signing|encryption)[_-]?key|credentials?)`;

/** Values that `pass` alone takes in test and CI output (`lint_pass=false`, `Pass: 3 of 4`, `first pass: ok`). */
const PLAIN_PASS_VALUE = /^(?:true|false|yes|no|ok|on|off|none|\d+(?:\.\d+)?%?)$/i;

/** The value after a secret name, except a plain count or flag after `pass` alone, which is no password. */
const credentialValue: MatchAcceptor = (m, text) => {
  const groups = m.groups;
  if (groups?.['bare'] !== undefined && PLAIN_PASS_VALUE.test(groups['secret'] ?? '')) return undefined;
  return secretGroup(m, text);
};

/**
 * A credential after `Authorization:` must look like one: a digit in it, or 16 characters or more (a random
 * token of 16 letters and no digit is rare; so is an English word that long). `Authorization: required` stays.
 */
const tokenLike: MatchAcceptor = (m, text) => {
  const secret = m.groups?.['secret'] ?? '';
  if (secret.length < 16 && !/\d/.test(secret)) return undefined;
  return secretGroup(m, text);
};

/** The longest quoted value read to its closing quote: bounded, so an unclosed quote costs little per name. */
const MAX_QUOTED = 256;

/** Values assigned to secret-looking names in text, query strings, headers and (stringified) JSON. */
export const credentialDetector: Detector = regexDetector(
  'credential',
  6,
  (t) => /pass|pwd|secret|token|key|credential|authorization|:\/\//i.test(t),
  [
    // JSON string values, also inside a JSON string (escaped quotes); the value may contain spaces.
    {
      pattern: new RegExp(String.raw`${SECRET_NAME}\\?"\s*:\s*\\?"(?<secret>(?:[^"\\]|\\(?!"))+)`, 'di'),
      accept: credentialValue,
    },
    // name: "value with spaces", name='…' (YAML, logs, config dumps): the whole value up to its closing quote.
    // Without one within MAX_QUOTED characters, the rule below still takes the first word.
    {
      pattern: new RegExp(
        String.raw`${SECRET_NAME}["']?\s*[:=]\s*(?<q>["'])(?<secret>(?:\\[^\r\n]|(?!\k<q>)[^\\\r\n]){1,${MAX_QUOTED}})\k<q>`,
        'di',
      ),
      accept: credentialValue,
    },
    // An Authorization header in text, with any scheme or none (`Authorization: Token …`, `authorization=…`);
    // the scheme stays. `Bearer` and `Basic` credentials are claimed earlier by the bearer detector, and a value
    // shorter than 8 characters is left alone, so `Authorization: Bearer ` alone is not taken for a secret. The
    // value's length is bounded because a rejected match is read again from its next character.
    {
      pattern: /\b(?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:[A-Za-z][A-Za-z0-9-]{0,31}\s+)?(?<secret>[A-Za-z0-9._~+/=-]{8,4096})/di,
      accept: tokenLike,
    },
    // name=value, name: value, "name": 123, headers, query strings.
    {
      pattern: new RegExp(String.raw`${SECRET_NAME}["']?\s*[:=]\s*["']?(?<secret>[^\s"'\\&,;()<>{}\[\]]+)`, 'di'),
      accept: credentialValue,
    },
  ],
  // The password in a URL or connection string: scheme://user:password@host.
  [findUrlPasswords],
);
