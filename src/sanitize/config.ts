import { DETECTOR_NAMES } from './options';
import type { DetectorName, SanitizeOptions } from './options';
import { boolRule, describeValue, detectorSwitchesRule, patternListRule, positiveIntRule } from './option-rules';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Setter = (out: Mutable<SanitizeOptions>, value: unknown, path: string) => void;

/** One problem in the section: the key as the file spells it, and why. */
export interface SanitizeConfigIssue {
  key: string;
  message: string;
}

/** Thrown by the rules for one key; caught per key, so that every bad key is reported, not only the first. */
class KeyProblem extends Error {
  constructor(readonly issue: SanitizeConfigIssue) {
    super(`${issue.key}: ${issue.message}`);
  }
}

function fail(path: string, why: string, value: unknown): never {
  throw new KeyProblem({ key: path, message: `${why}, got ${describeValue(value)}` });
}

const bool = (value: unknown, path: string): boolean => boolRule(value, path, fail);
const positiveInt = (value: unknown, path: string): number => positiveIntRule(value, path, fail);
/** The file's lists are trimmed: YAML makes stray blanks easy. */
const patterns = (value: unknown, path: string): string[] => patternListRule(value, path, fail).map((item) => item.trim());

/** Accepts `payment_card` as well as `paymentCard`, since YAML files tend to be snake_case. */
function detectorName(raw: string): DetectorName | undefined {
  const camel = raw.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return DETECTOR_NAMES.find((name) => name === camel);
}

const detectors = (value: unknown, path: string): Partial<Record<DetectorName, boolean>> => detectorSwitchesRule(value, path, fail, detectorName);

/**
 * File keys (snake_case and camelCase spellings) and where they land. `allowed_attributes` and
 * `blocked_attributes` *extend* the defaults: a configuration file cannot silently lose the built-in
 * blocklist; replacing the lists is possible in code only.
 */
const SETTERS: Readonly<Record<string, Setter>> = {
  redact_payloads: (o, v, p) => (o.redactPayloads = bool(v, p)),
  allowed_attributes: (o, v, p) => (o.extraAllowedAttributes = patterns(v, p)),
  blocked_attributes: (o, v, p) => (o.extraBlockedAttributes = patterns(v, p)),
  allow_all: (o, v, p) => (o.allowAll = bool(v, p)),
  max_attribute_length: (o, v, p) => (o.maxValueLength = positiveInt(v, p)),
  sanitize_sql: (o, v, p) => (o.stripSqlLiterals = bool(v, p)),
  redact_redis_script_args: (o, v, p) => (o.redactRedisScriptArgs = bool(v, p)),
  detectors: (o, v, p) => (o.detectors = detectors(v, p)),
};
const ALIASES: Readonly<Record<string, string>> = {
  redactPayloads: 'redact_payloads',
  allowedAttributes: 'allowed_attributes',
  blockedAttributes: 'blocked_attributes',
  allowAll: 'allow_all',
  maxAttributeLength: 'max_attribute_length',
  maxValueLength: 'max_attribute_length',
  max_value_length: 'max_attribute_length',
  sanitizeSql: 'sanitize_sql',
  stripSqlLiterals: 'sanitize_sql',
  strip_sql_literals: 'sanitize_sql',
  redactRedisScriptArgs: 'redact_redis_script_args',
};

/**
 * Reads the configuration file's `security` section into {@link SanitizeOptions}, with every problem found: one per
 * bad key, naming it as the file spells it. Keys with a problem are left out of `options`.
 * @param raw the parsed section (from YAML or JSON); missing (`undefined`/`null`) means "all defaults".
 * @param path prefix of the keys in issues.
 */
export function readSanitizeConfig(raw: unknown, path = 'security'): { options: SanitizeOptions; issues: SanitizeConfigIssue[] } {
  const out: Mutable<SanitizeOptions> = {};
  const issues: SanitizeConfigIssue[] = [];
  if (raw === undefined || raw === null) return { options: out, issues };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return { options: out, issues: [{ key: path, message: `expected a mapping, got ${describeValue(raw)}` }] };
  }
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    try {
      const canonical = ALIASES[key] ?? key;
      const setter = SETTERS[canonical];
      if (setter === undefined) fail(`${path}.${key}`, `unknown key (expected one of ${Object.keys(SETTERS).join(', ')})`, key);
      const earlier = seen.get(canonical);
      if (earlier !== undefined) fail(`${path}.${key}`, `duplicates ${path}.${earlier}`, key);
      seen.set(canonical, key);
      setter(out, value, `${path}.${key}`);
    } catch (error) {
      if (!(error instanceof KeyProblem)) throw error;
      issues.push(error.issue);
    }
  }
  return { options: out, issues };
}

/**
 * Validates the configuration file's `security` section and turns it into {@link SanitizeOptions}.
 * Missing (`undefined`/`null`) means "all defaults". Throws an Error naming every offending key and the reason,
 * e.g. `security.max_attribute_length: expected a positive integer, got "long"` (several joined by `; `).
 * @param raw the parsed section (from YAML or JSON).
 * @param path prefix used in error messages.
 * @example
 * parseSanitizeConfig({ redact_payloads: true, allowed_attributes: ['app.*'], detectors: { phone: false } })
 */
export function parseSanitizeConfig(raw: unknown, path = 'security'): SanitizeOptions {
  const { options, issues } = readSanitizeConfig(raw, path);
  if (issues.length > 0) throw new Error(issues.map((issue) => `${issue.key}: ${issue.message}`).join('; '));
  return options;
}
