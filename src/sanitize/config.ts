import { DETECTOR_NAMES } from './options';
import type { DetectorName, SanitizeOptions } from './options';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Setter = (out: Mutable<SanitizeOptions>, value: unknown, path: string) => void;

function fail(path: string, why: string, value: unknown): never {
  throw new Error(`${path}: ${why}, got ${JSON.stringify(value) ?? String(value)}`);
}

function bool(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'expected true or false', value);
  return value;
}

function patterns(value: unknown, path: string): string[] {
  if (!Array.isArray(value)) fail(path, 'expected a list of attribute keys or patterns', value);
  return value.map((item, i) => {
    if (typeof item !== 'string' || item.trim() === '') fail(`${path}[${i}]`, 'expected a non-empty string', item);
    return item.trim();
  });
}

function positiveInt(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) fail(path, 'expected a positive integer', value);
  return value;
}

/** Accepts `payment_card` as well as `paymentCard`, since YAML files tend to be snake_case. */
function detectorName(raw: string): DetectorName | undefined {
  const camel = raw.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return DETECTOR_NAMES.find((name) => name === camel);
}

function detectors(value: unknown, path: string): Partial<Record<DetectorName, boolean>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, 'expected a mapping of detector name to true/false', value);
  }
  const out: Partial<Record<DetectorName, boolean>> = {};
  for (const [raw, on] of Object.entries(value)) {
    const name = detectorName(raw);
    if (name === undefined) fail(`${path}.${raw}`, `unknown detector (known: ${DETECTOR_NAMES.join(', ')})`, raw);
    out[name] = bool(on, `${path}.${raw}`);
  }
  return out;
}

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
};

/**
 * Validates the configuration file's `security` section and turns it into {@link SanitizeOptions}.
 * Missing (`undefined`/`null`) means "all defaults". Throws an Error naming the offending key and the reason,
 * e.g. `security.max_attribute_length: expected a positive integer, got "long"`.
 * @param raw the parsed section (from YAML or JSON).
 * @param path prefix used in error messages.
 * @example
 * parseSanitizeConfig({ redact_payloads: true, allowed_attributes: ['app.*'], detectors: { phone: false } })
 */
export function parseSanitizeConfig(raw: unknown, path = 'security'): SanitizeOptions {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(path, 'expected a mapping', raw);
  const out: Mutable<SanitizeOptions> = {};
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    const canonical = ALIASES[key] ?? key;
    const setter = SETTERS[canonical];
    if (setter === undefined) {
      fail(`${path}.${key}`, `unknown key (expected one of ${Object.keys(SETTERS).join(', ')})`, key);
    }
    const earlier = seen.get(canonical);
    if (earlier !== undefined) fail(`${path}.${key}`, `duplicates ${path}.${earlier}`, key);
    seen.set(canonical, key);
    setter(out, value, `${path}.${key}`);
  }
  return out;
}
