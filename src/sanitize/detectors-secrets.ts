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
 * `max_tokens=5` and `tokenCount: 3` are left alone while `access_token=…` and `dbPassword: …` are not.
 */
const SECRET_NAME = String.raw`(?:passw(?:or)?d|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)`;

/** Values assigned to secret-looking names in text, query strings, headers and (stringified) JSON. */
export const credentialDetector: Detector = regexDetector(
  'credential',
  6,
  (t) => /passw|pwd|secret|token|key|credential|:\/\//i.test(t),
  [
    // JSON string values, also inside a JSON string (escaped quotes); the value may contain spaces.
    {
      pattern: new RegExp(String.raw`${SECRET_NAME}\\?"\s*:\s*\\?"(?<secret>(?:[^"\\]|\\(?!"))+)`, 'di'),
      accept: secretGroup,
    },
    // name=value, name: value, "name": 123, headers, query strings.
    {
      pattern: new RegExp(String.raw`${SECRET_NAME}["']?\s*[:=]\s*["']?(?<secret>[^\s"'\\&,;()<>{}\[\]]+)`, 'di'),
      accept: secretGroup,
    },
  ],
  // The password in a URL or connection string: scheme://user:password@host.
  [findUrlPasswords],
);
