import { parse } from 'yaml';
import { parseSanitizeConfig, Sanitizer } from '../../src/sanitize';

test('parses the documented YAML section; lists extend the defaults', () => {
  const raw = parse(`
redact_payloads: true
allowed_attributes: ["app.*", "job.type"]
blocked_attributes: ["app.secret_note"]
max_attribute_length: 500
sanitize_sql: false
redact_redis_script_args: true
detectors: { phone: false, payment_card: true }
`);
  const options = parseSanitizeConfig(raw);
  expect(options).toEqual({
    redactPayloads: true,
    extraAllowedAttributes: ['app.*', 'job.type'],
    extraBlockedAttributes: ['app.secret_note'],
    maxValueLength: 500,
    stripSqlLiterals: false,
    redactRedisScriptArgs: true,
    detectors: { phone: false, paymentCard: true },
  });
  const out = new Sanitizer(options).sanitizeAttributes({
    'app.a': 'call +49 151 2345 6789',
    'app.secret_note': 'x',
    'bullmq.job.id': '1',
    'db.password': 'p',
  });
  expect(out).toEqual({ 'app.a': 'call +49 151 2345 6789', 'bullmq.job.id': '1' });
});

test('camelCase spellings and an absent section are accepted', () => {
  expect(parseSanitizeConfig({ redactPayloads: false, maxAttributeLength: 10, sanitizeSql: true, redactRedisScriptArgs: false })).toEqual({
    redactPayloads: false,
    maxValueLength: 10,
    stripSqlLiterals: true,
    redactRedisScriptArgs: false,
  });
  expect(parseSanitizeConfig(undefined)).toEqual({});
  expect(parseSanitizeConfig(null)).toEqual({});
});

test.each([
  [[], /^security: expected a mapping/],
  [{ redact_payload: true }, /^security\.redact_payload: unknown key/],
  [{ redact_payloads: 'yes' }, /^security\.redact_payloads: expected true or false, got "yes"/],
  [{ max_attribute_length: 0 }, /^security\.max_attribute_length: expected a positive integer, got 0/],
  [{ max_attribute_length: 'long' }, /^security\.max_attribute_length: expected a positive integer/],
  [{ allowed_attributes: 'http.*' }, /^security\.allowed_attributes: expected a list/],
  [{ blocked_attributes: ['ok', 3] }, /^security\.blocked_attributes\[1\]: expected a non-empty string, got 3/],
  [{ detectors: { fax: false } }, /^security\.detectors\.fax: unknown detector \(known: /],
  [{ detectors: { payment_crd: false } }, /^security\.detectors\.payment_crd: unknown detector \(did you mean paymentCard\?\), got "payment_crd"/],
  [{ detectors: { email: 'off' } }, /^security\.detectors\.email: expected true or false/],
  [{ detectors: ['email'] }, /^security\.detectors: expected a mapping/],
  [{ redact_payloads: true, redactPayloads: false }, /^security\.redactPayloads: duplicates security\.redact_payloads/],
  [{ redact_redis_script_args: 'no' }, /^security\.redact_redis_script_args: expected true or false, got "no"/],
])('rejects %j naming the key', (raw, message) => {
  expect(() => parseSanitizeConfig(raw)).toThrow(message);
});

test('sanitize_sql: false leaves Redis script calls redacted; redact_redis_script_args: false keeps them', () => {
  const evalsha = 'evalsha 5ab432e88830d573e2fa33392ffbd4ad25a9b100 2 bull:q:wait bull:q:1 {"note":"private"}';
  const query = (raw: object): unknown => new Sanitizer(parseSanitizeConfig(raw)).sanitizeAttributes({ 'db.query.text': evalsha })['db.query.text'];
  expect(query({ sanitize_sql: false })).toBe('evalsha 5ab432e88830d573e2fa33392ffbd4ad25a9b100 [keys and arguments redacted]');
  expect(query({ sanitize_sql: false, redact_redis_script_args: false })).toBe(evalsha);
});
