import type { AttributeValue } from '@opentelemetry/api';

/**
 * Names of the built-in value detectors. Every one is on by default; switch one off with
 * `detectors: { phone: false }`.
 *
 * - `jwt`: JSON Web Tokens (`eyJ….….…`).
 * - `bearer`: the credential after `Bearer ` (and `Basic ` when it decodes to `user:password`).
 * - `apiKey`: AWS (`AKIA…`/`ASIA…`), GitHub (`ghp_…`, `github_pat_…`), Stripe (`sk_live_…`), Slack (`xox…-`),
 *   Google (`AIza…`), GitLab, npm, and any long high-entropy value assigned to a name ending in `key`.
 * - `credential`: the value assigned to a name ending in password, secret, token, api key or credentials,
 *   in `name=value`, `name: value` and JSON (also JSON-in-a-string) form; the password in a URL
 *   (`scheme://user:password@host`, also with '@' or '/' in the password).
 * - `email`: e-mail addresses, also with Unicode local parts and internationalised domains.
 * - `paymentCard`: 13 to 19 digit card numbers (spaces or dashes allowed) with a card prefix that pass Luhn.
 * - `iban`: IBANs with a known country length that pass the mod-97 check.
 * - `ip`: IPv4 and IPv6 addresses.
 * - `phone`: `+`-prefixed international numbers, North American `(555) 123-4567` forms and grouped national
 *   numbers starting with 0. Bare digit runs are not treated as phone numbers (they are ids and timestamps).
 */
export type DetectorName =
  | 'jwt'
  | 'bearer'
  | 'apiKey'
  | 'credential'
  | 'email'
  | 'paymentCard'
  | 'iban'
  | 'ip'
  | 'phone';

/**
 * Every built-in detector name, in the order they run, which is their priority: text one detector claims is
 * not seen by the ones after it. Checksummed numbers (IBAN, card) come before the phone heuristics.
 */
export const DETECTOR_NAMES: readonly DetectorName[] = [
  'jwt',
  'bearer',
  'apiKey',
  'credential',
  'email',
  'iban',
  'paymentCard',
  'ip',
  'phone',
];

/**
 * A detector of your own. Every match of `pattern` is replaced by `[REDACTED:<name>]`; if the pattern has a
 * named group `secret`, only that group is replaced (so `pin=1234` can become `pin=[REDACTED:pin]`).
 * Keep patterns linear (no nested quantifiers): they run on every attribute value.
 * @example
 * { name: 'customerId', pattern: /\bCUST-\d{6}\b/ }
 */
export interface CustomDetector {
  /** Shown in the marker and used as the stats key. Letters, digits, `_`, `-` and `.` only. */
  readonly name: string;
  /** A RegExp (its flags are kept, `g` is added) or a source string. */
  readonly pattern: RegExp | string;
  /** Optional second check on a match (for example a checksum); return false to leave the match alone. */
  readonly validate?: (match: string) => boolean;
}

/**
 * Replaces the value of one attribute before detectors run on the result. Return `undefined` to drop the
 * attribute. A redactor that throws drops the attribute (and counts `droppedRedactorError`).
 * @example
 * (value) => typeof value === 'string' ? value.replace(/\d(?=\d{4})/g, '*') : value
 */
export type AttributeRedactor = (value: AttributeValue, key: string) => AttributeValue | undefined;

/**
 * How the sanitizer treats attributes and text. Everything is optional; the defaults are meant for production:
 * only documented keys pass, all detectors are on, payloads appear only as size and hash.
 */
export interface SanitizeOptions {
  /**
   * Keys that may be exported. Exact keys, or glob patterns where `*` matches any run of characters
   * (`'http.*'`, `'db.system*'`). Matching is case-sensitive. Replaces the default list.
   * @default DEFAULT_ALLOWED_ATTRIBUTES (QueueOtel's keys, BullMQ's payload-free keys, common semantic conventions)
   */
  readonly allowedAttributes?: readonly string[];
  /** Added to `allowedAttributes` (or to its default). The configuration file's `allowed_attributes` lands here. */
  readonly extraAllowedAttributes?: readonly string[];
  /**
   * Let every key through the allowlist. Blocked keys, keys containing PII, detectors, payload handling and
   * the length limit still apply.
   * @default false
   */
  readonly allowAll?: boolean;
  /**
   * Keys that are always dropped, even when allowed. Exact keys or `*` globs, matched case-insensitively.
   * Replaces the default list; to keep it, spread `DEFAULT_BLOCKED_ATTRIBUTES` or use `extraBlockedAttributes`.
   * @default DEFAULT_BLOCKED_ATTRIBUTES (`*password*`, `*secret*`, `*token*`, `*authorization*`, `*cookie*`, `user.*`, `payment.*` …)
   */
  readonly blockedAttributes?: readonly string[];
  /** Added to `blockedAttributes` (or to its default). The configuration file's `blocked_attributes` lands here. */
  readonly extraBlockedAttributes?: readonly string[];
  /**
   * Switch built-in detectors on or off. Missing names stay on.
   * @default every detector on
   */
  readonly detectors?: Readonly<Partial<Record<DetectorName, boolean | undefined>>>;
  /** Detectors of your own; they run after the built-in ones. */
  readonly customDetectors?: readonly CustomDetector[];
  /**
   * Per-key redactors, by exact key or `*` glob. The first matching entry wins, exact keys before globs.
   * A key with a redactor counts as allowed (unless blocked). An entry left `undefined` is no redactor.
   */
  readonly redactors?: Readonly<Record<string, AttributeRedactor | undefined>>;
  /**
   * Longest string value kept, in UTF-16 code units of the original text (for SQL keys, of the statement with
   * its literals stripped). Longer values are cut and end in `…[TRUNCATED:<original length>]`. Applies to
   * exception messages, stacks and types (an error's class name or code) too. Only this many characters plus 512
   * are ever scanned, so raising it raises the cost of a long value (linearly).
   * @default 1000
   */
  readonly maxValueLength?: number;
  /**
   * Replace string and number literals in `db.query.text` / `db.statement` with `?`. Redis script calls there are
   * redacted by `redactRedisScriptArgs` whatever this says.
   * @default true
   */
  readonly stripSqlLiterals?: boolean;
  /**
   * Replace the keys and arguments of a Redis script call in `db.query.text` / `db.statement` (`EVALSHA`, `EVAL`,
   * `FCALL` and their `_RO` forms, every argument of which OpenTelemetry's ioredis and redis instrumentations record)
   * by a marker, keeping the command and the script's digest or function name:
   * `evalsha 5ab4…b100 [keys and arguments redacted]`. BullMQ does its work in Lua scripts, so these arguments are
   * each job's data, options, result, error and lock token. Independent of `stripSqlLiterals`. When false, a script
   * call is treated as any other text under these keys: its literals stripped if `stripSqlLiterals` is on, then the
   * detectors and the length limit.
   * @default true
   */
  readonly redactRedisScriptArgs?: boolean;
  /**
   * Replace BullMQ's payload-bearing attributes (`bullmq.job.result`, `bullmq.job.progress`, job, queue and
   * worker options, `bullmq.job.data`) by `[PAYLOAD size=<bytes>B sha256=<12 hex>]`. When false they are
   * treated as allowed keys and only go through the detectors and the length limit.
   * @default true
   */
  readonly redactPayloads?: boolean;
  /**
   * When set, the payload hash is an HMAC-SHA256 with this key, so short payloads cannot be recovered by
   * hashing guesses. Leave unset to compare hashes across services without sharing a key.
   */
  readonly payloadHashKey?: string;
  /**
   * How many attribute keys' allow/block decisions are cached. The oldest entry is evicted when full.
   * @default 2000
   */
  readonly keyCacheSize?: number;
}

/** Defaults for the numeric and boolean options. */
export const SANITIZE_DEFAULTS = {
  maxValueLength: 1000,
  stripSqlLiterals: true,
  redactRedisScriptArgs: true,
  redactPayloads: true,
  allowAll: false,
  keyCacheSize: 2000,
} as const;
