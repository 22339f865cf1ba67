import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { parse } from 'yaml';
import { QueueOtel } from '../../src';
import type { QueueOtelOptions } from '../../src';
import {
  DEFAULT_BLOCKED_ATTRIBUTES,
  DETECTOR_NAMES,
  parseSanitizeConfig,
  Sanitizer,
  SanitizingSpanExporter,
  SanitizingSpanProcessor,
} from '../../src/sanitize';
import type { SanitizeOptions } from '../../src/sanitize';

// Sanitize options of the wrong shape: each is a TypeError when the Sanitizer is built, naming the option and the
// value, where before most were accepted and did nothing (or failed on every attribute, or left a cache unbounded).
const build = (options: unknown) => () => new Sanitizer(options as SanitizeOptions);
const KNOWN_DETECTORS = DETECTOR_NAMES.join(', ');

test.each([
  ['strict', 'queue-otel: sanitize: expected an object of sanitize options (or a Sanitizer), got "strict"'],
  [null, 'queue-otel: sanitize: expected an object of sanitize options (or a Sanitizer), got null'],
  [[], 'queue-otel: sanitize: expected an object of sanitize options (or a Sanitizer), got []'],
  // A slip is given the nearest name (the suggestion of every other option check), a name near nothing the list.
  [{ maxValueLenght: 10 }, 'queue-otel: sanitize.maxValueLenght: unknown option (did you mean maxValueLength?), got "maxValueLenght"'],
  [{ redact_payloads: true }, 'queue-otel: sanitize.redact_payloads: unknown option (did you mean redactPayloads?), got "redact_payloads"'],
  [{ notAnOption: 1 }, 'queue-otel: sanitize.notAnOption: unknown option (known: allowedAttributes, extraAllowedAttributes, allowAll, '],
  [{ detectors: { emial: false } }, 'queue-otel: sanitize.detectors.emial: unknown detector (did you mean email?), got "emial"'],
  [{ detectors: { notADetector: true } }, `queue-otel: sanitize.detectors.notADetector: unknown detector (known: ${KNOWN_DETECTORS}), got "notADetector"`],
  [{ detectors: { payment_card: false } }, 'queue-otel: sanitize.detectors.payment_card: unknown detector (did you mean paymentCard?), got "payment_card"'],
  [{ detectors: { phone: 'off' } }, 'queue-otel: sanitize.detectors.phone: expected true or false, got "off"'],
  [{ detectors: ['phone'] }, 'queue-otel: sanitize.detectors: expected a mapping of detector name to true/false, got ["phone"]'],
  [{ redactors: { 'user.id': 'x' } }, 'queue-otel: sanitize.redactors["user.id"]: expected a function (value, key) => value or undefined, got "x"'],
  [{ redactors: [() => 'x'] }, 'queue-otel: sanitize.redactors: expected a mapping of attribute key (or * pattern) to a function, got [null]'],
  [{ allowedAttributes: 'http.*' }, 'queue-otel: sanitize.allowedAttributes: expected a list of attribute keys or patterns, got "http.*"'],
  [{ extraAllowedAttributes: ['app.*', ''] }, 'queue-otel: sanitize.extraAllowedAttributes[1]: expected a non-empty string, got ""'],
  [{ extraBlockedAttributes: [/app/] }, 'queue-otel: sanitize.extraBlockedAttributes[0]: expected a non-empty string, got /app/'],
  [{ allowAll: 'yes' }, 'queue-otel: sanitize.allowAll: expected true or false, got "yes"'],
  [{ stripSqlLiterals: 1 }, 'queue-otel: sanitize.stripSqlLiterals: expected true or false, got 1'],
  [{ redactRedisScriptArgs: 'off' }, 'queue-otel: sanitize.redactRedisScriptArgs: expected true or false, got "off"'],
  [{ redact_redis_script_args: false }, 'queue-otel: sanitize.redact_redis_script_args: unknown option (did you mean redactRedisScriptArgs?), got "redact_redis_script_args"'],
  [{ redactRedisScriptArg: false }, 'queue-otel: sanitize.redactRedisScriptArg: unknown option (did you mean redactRedisScriptArgs?), got "redactRedisScriptArg"'],
  [{ redactPayloads: null }, 'queue-otel: sanitize.redactPayloads: expected true or false, got null'],
  [{ maxValueLength: 2.5 }, 'queue-otel: sanitize.maxValueLength: expected a positive integer, got 2.5'],
  [{ maxValueLength: '1000' }, 'queue-otel: sanitize.maxValueLength: expected a positive integer, got "1000"'],
  [{ maxValueLength: 10n }, 'queue-otel: sanitize.maxValueLength: expected a positive integer, got 10n'],
  [{ keyCacheSize: Number.NaN }, 'queue-otel: sanitize.keyCacheSize: expected a non-negative integer, got NaN'],
  [{ keyCacheSize: Number.POSITIVE_INFINITY }, 'queue-otel: sanitize.keyCacheSize: expected a non-negative integer, got Infinity'],
  [{ keyCacheSize: -1 }, 'queue-otel: sanitize.keyCacheSize: expected a non-negative integer, got -1'],
  [{ payloadHashKey: 42 }, 'queue-otel: sanitize.payloadHashKey: expected a non-empty string (the HMAC key), got 42'],
  [{ payloadHashKey: '' }, 'queue-otel: sanitize.payloadHashKey: expected a non-empty string (the HMAC key), got ""'],
  [{ customDetectors: { name: 'x', pattern: /x/ } }, 'queue-otel: sanitize.customDetectors: expected a list of custom detectors { name, pattern, validate? }'],
  [{ customDetectors: ['x'] }, 'queue-otel: sanitize.customDetectors[0]: expected a custom detector { name, pattern, validate? }, got "x"'],
  [{ customDetectors: [{ pattern: /x/ }] }, "queue-otel: sanitize.customDetectors[0].name: expected 1-64 letters, digits, '_', '-' or '.', got undefined"],
  [{ customDetectors: [{ name: 'x', pattern: 5 }] }, 'queue-otel: sanitize.customDetectors[0].pattern: expected a RegExp or its source (a string), got 5'],
  [{ customDetectors: [{ name: 'x', pattern: /x/, validate: true }] }, 'queue-otel: sanitize.customDetectors[0].validate: expected a function of the match returning true or false, got true'],
  [{ customDetectors: [{ name: 'x', pattern: /x/, flags: 'i' }] }, 'queue-otel: sanitize.customDetectors[0].flags: unknown key (known: name, pattern, validate), got "flags"'],
  [{ customDetectors: [{ name: 'x', patern: /x/ }] }, 'queue-otel: sanitize.customDetectors[0].patern: unknown key (did you mean pattern?), got "patern"'],
])('new Sanitizer(%p) is a TypeError naming the option', (options, message) => {
  expect(build(options)).toThrow(TypeError);
  expect(build(options)).toThrow(message);
});

describe('every public entry of sanitize options checks them at construction', () => {
  const memory = new InMemorySpanExporter();

  test("QueueOtel's sanitize option", () => {
    const wrong = (sanitize: unknown) => () => new QueueOtel({ sanitize } as QueueOtelOptions);
    expect(wrong('strict')).toThrow(new TypeError('queue-otel: sanitize: expected an object of sanitize options (or a Sanitizer), got "strict"'));
    expect(wrong(true)).toThrow('queue-otel: sanitize: expected an object of sanitize options (or a Sanitizer), got true');
    expect(wrong({ detectors: { notADetector: true } })).toThrow('queue-otel: sanitize.detectors.notADetector: unknown detector');
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] });
    expect(() => new QueueOtel({ tracerProvider: provider, sanitize: false })).not.toThrow();
    expect(() => new QueueOtel({ tracerProvider: provider, sanitize: new Sanitizer() })).not.toThrow();
    expect(() => new QueueOtel({ tracerProvider: provider, sanitize: { maxValueLength: 200 } })).not.toThrow();
  });

  test('SanitizingSpanProcessor and SanitizingSpanExporter', () => {
    const delegate = new SimpleSpanProcessor(memory);
    expect(() => new SanitizingSpanProcessor(delegate, { redactors: { 'user.id': 'x' } } as unknown as SanitizeOptions)).toThrow(
      'queue-otel: sanitize.redactors["user.id"]: expected a function',
    );
    expect(() => new SanitizingSpanExporter(memory, 'strict' as unknown as SanitizeOptions)).toThrow('queue-otel: sanitize: expected an object');
    expect(() => new SanitizingSpanProcessor(delegate, false as unknown as SanitizeOptions)).toThrow('queue-otel: sanitize: expected an object');
    expect(new SanitizingSpanProcessor(delegate).sanitizer).toBeInstanceOf(Sanitizer);
    expect(new SanitizingSpanExporter(memory, { allowAll: true }).sanitizer).toBeInstanceOf(Sanitizer);
  });
});

describe('valid options keep working', () => {
  test('every option, of the right shape (undefined meaning the default)', () => {
    const options: SanitizeOptions = {
      allowedAttributes: ['http.*', 'bullmq.*'],
      extraAllowedAttributes: ['app.*'],
      allowAll: false,
      blockedAttributes: [...DEFAULT_BLOCKED_ATTRIBUTES],
      extraBlockedAttributes: ['app.secret_note'],
      detectors: Object.fromEntries(DETECTOR_NAMES.map((name) => [name, true])),
      customDetectors: [{ name: 'customerId', pattern: /\bCUST-\d{6}\b/ }, { name: 'pin', pattern: 'pin=(?<secret>\\d{4})', validate: () => true }],
      redactors: { 'app.card_last4': (value) => String(value).slice(-4), 'app.address.*': () => undefined },
      maxValueLength: 1,
      stripSqlLiterals: false,
      redactRedisScriptArgs: false,
      redactPayloads: false,
      payloadHashKey: 'k',
      keyCacheSize: 0,
    };
    expect(() => new Sanitizer(options)).not.toThrow();
    // A JavaScript caller may leave a field undefined: it means the default.
    expect(build({ maxValueLength: undefined, detectors: {} })).not.toThrow();
  });

  test('an entry left undefined inside detectors or redactors means the default, as a top-level field does', () => {
    const sanitizer = new Sanitizer({
      detectors: { email: undefined, phone: false },
      redactors: { 'app.card': undefined, 'app.note': (value) => `${String(value)}!` },
    });
    const out = sanitizer.sanitizeAttributes({ 'app.card': '4242', 'app.note': 'mail ada@example.com', 'app.other': 'x' });
    // The e-mail detector stays on (its default); the undefined redactor neither allows its key nor runs.
    expect(out['app.note']).not.toContain('ada@example.com');
    expect(String(out['app.note']).endsWith('!')).toBe(true);
    expect(out).not.toHaveProperty('app.card');
  });

  test('the examples of docs/security.md and docs/spans.md', () => {
    const documented: SanitizeOptions[] = [
      { extraAllowedAttributes: ['app.*', 'tenant.plan'] },
      { allowedAttributes: ['bullmq.*'] },
      { allowAll: true },
      { redactPayloads: false },
      { detectors: { ip: false, phone: false } },
      { blockedAttributes: [...DEFAULT_BLOCKED_ATTRIBUTES.filter((p) => p !== '*token*')] },
      {
        customDetectors: [
          { name: 'customerId', pattern: /\bCUST-\d{6}\b/ },
          { name: 'pin', pattern: /pin=(?<secret>\d{4})/ },
          { name: 'ssn', pattern: /\b\d{3}-\d{2}-\d{4}\b/, validate: (m) => !m.startsWith('000') },
        ],
        redactors: { 'app.card_last4': (value) => String(value).slice(-4), 'app.address.*': () => undefined },
      },
      { redactors: { 'server.address': (value) => value } },
    ];
    for (const options of documented) expect(() => new Sanitizer(options)).not.toThrow();
  });

  test("the example configuration file's security section, parsed, builds a Sanitizer", () => {
    const file = parse(readFileSync(join(__dirname, '../../examples/config/queue-otel.yml'), 'utf8')) as { security: unknown };
    const options = parseSanitizeConfig(file.security);
    expect(options.detectors).toEqual({ phone: false });
    expect(() => new Sanitizer(options)).not.toThrow();
    expect(() => new Sanitizer(parseSanitizeConfig({ detectors: { payment_card: true }, allowed_attributes: [' app.* '] }))).not.toThrow();
  });
});
