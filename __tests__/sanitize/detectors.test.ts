import { Sanitizer } from '../../src/sanitize';
import type { DetectorName } from '../../src/sanitize';
import { cardNumber, groupsOfFour, iban, jwt } from './pii-fixtures';

const VISA = cardNumber('4', [1, 2, 3, 4, 5, 6, 7, 8, 9], 16);
const AMEX = cardNumber('37', [8, 2, 8, 2, 2, 4], 15);
const MC2 = cardNumber('2223', [0, 0, 3, 1, 2], 16);
const DE_IBAN = iban('DE', '370400440532013000');
const GB_IBAN = iban('GB', 'NWBK60161331926819');

/** [detector, text, the part that must disappear] */
const POSITIVES: readonly [DetectorName, string, string][] = [
  ['email', 'contact bob.smith+tag@mail.example.co.uk today', 'bob.smith+tag@mail.example.co.uk'],
  ['email', `{"to":"o'brien!x@example.org"}`, "o'brien!x@example.org"],
  ['paymentCard', `card ${VISA} declined`, VISA],
  ['paymentCard', `card ${groupsOfFour(VISA)} declined`, groupsOfFour(VISA)],
  ['paymentCard', `card ${groupsOfFour(MC2, '-')}.`, groupsOfFour(MC2, '-')],
  ['paymentCard', `amex ${AMEX}`, AMEX],
  ['paymentCard', `qty 12 ${groupsOfFour(VISA)} 12`, groupsOfFour(VISA)],
  ['jwt', `token ${jwt({ sub: 'u1' }, 'c2lnbmF0dXJl')}`, jwt({ sub: 'u1' }, 'c2lnbmF0dXJl')],
  ['bearer', 'Authorization: Bearer mF_9.B5f-4.1JqM', 'mF_9.B5f-4.1JqM'],
  ['bearer', 'authorization: Basic dXNlcjpodW50ZXIy', 'dXNlcjpodW50ZXIy'],
  ['apiKey', 'aws AKIAIOSFODNN7EXAMPLE used', 'AKIAIOSFODNN7EXAMPLE'],
  ['apiKey', `gh ghp_${'aB3'.repeat(12)}`, `ghp_${'aB3'.repeat(12)}`],
  ['apiKey', 'stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc'],
  ['apiKey', 'slack xoxb-123456789012-AbCdEfGhIjKl', 'xoxb-123456789012-AbCdEfGhIjKl'],
  ['apiKey', 'x-api-key: Zx8f3kLq9PmN2vB7tY5wR1sD', 'Zx8f3kLq9PmN2vB7tY5wR1sD'],
  ['credential', '{"password":"correct horse battery"}', 'correct horse battery'],
  ['credential', JSON.stringify(JSON.stringify({ dbPassword: 'hunter2' })), 'hunter2'],
  ['credential', 'GET /cb?access_token=abc123&state=1', 'abc123'],
  ['credential', 'redis://default:s3cr3t-pw@cache:6379/0', 's3cr3t-pw'],
  ['iban', `pay to ${DE_IBAN} now`, DE_IBAN],
  ['iban', `pay to ${groupsOfFour(GB_IBAN)} now`, groupsOfFour(GB_IBAN)],
  ['ip', 'peer 203.0.113.195:443', '203.0.113.195'],
  ['ip', 'peer 2001:db8:85a3::8a2e:370:7334 up', '2001:db8:85a3::8a2e:370:7334'],
  ['ip', 'mapped ::ffff:192.0.2.128', '::ffff:192.0.2.128'],
  ['phone', 'call +49 151 2345 6789 please', '+49 151 2345 6789'],
  ['phone', 'call (555) 123-4567 please', '(555) 123-4567'],
  ['phone', 'call 555.123.4567', '555.123.4567'],
  ['phone', 'ruf 030 12345678 an', '030 12345678'],
];

describe.each(POSITIVES)('%s detector finds it', (detector, text, secret) => {
  test(JSON.stringify(text), () => {
    const sanitizer = new Sanitizer();
    const out = sanitizer.sanitizeText(text);
    expect(out).not.toContain(secret);
    expect(out).toContain(`[REDACTED:${detector}]`);
    expect(sanitizer.stats().redacted[detector]).toBeGreaterThanOrEqual(1);
  });
});

test.each(POSITIVES)('switching the %s detector off leaves its value alone', (detector, text, secret) => {
  // Other detectors stay on; only texts that nothing else matches keep the secret.
  const out = new Sanitizer({ detectors: { [detector]: false } }).sanitizeText(text);
  expect(out).not.toContain(`[REDACTED:${detector}]`);
  if (!out.includes('[REDACTED:')) expect(out).toContain(secret);
});

const NEAR_MISSES: readonly [string, string][] = [
  ['16 digits failing Luhn', '4111111111111112'],
  ['a millisecond timestamp', '1732585920123'],
  ['a microsecond timestamp', '1732585920123456'],
  ['a numeric job id', 'job 123456789'],
  ['a BullMQ job key', 'bull:emails:1234567'],
  ['a trace id', '4bf92f3577b34da6a3ce929d0e0e4736'],
  ['a traceparent', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
  ['a UUID', '550e8400-e29b-41d4-a716-446655440000'],
  ['an all-digit UUID', '41111111-1111-4111-8111-111111111111'],
  ['an ISO timestamp', '2024-11-26T10:20:30.123+01:00'],
  ['a time of day', 'at 12:30:45'],
  ['a version string', 'bullmq 6.7.0, otel 2.12.0, node v20.11.1'],
  ['a MAC address', '00:1a:2b:3c:4d:5e'],
  ['a stack frame', 'at Worker.processJob (/app/node_modules/bullmq/dist/cjs/classes/worker.js:512:38)'],
  ['an npm scope with version', '@opentelemetry/api@1.9.1'],
  ['a host without domain', 'user@localhost'],
  ['prose with "Basic"', 'Basic configuration applies'],
  ['prose with "bearer"', 'the bearer of bad news'],
  ['a token count', '{"max_tokens":256,"tokenCount":12}'],
  ['a low-entropy key value', 'primary_key=aaaaaaaaaaaaaaaaaaaaaaaa'],
  ['an IBAN with a wrong check digit', 'DE88370400440532013000'],
  ['a date', '26.11.2024 and 2024-11-26'],
  ['a duration', 'took 1234 ms over 3 attempts'],
];

test.each(NEAR_MISSES)('leaves %s alone', (_label, text) => {
  const sanitizer = new Sanitizer();
  expect(sanitizer.sanitizeText(text)).toBe(text);
  expect(sanitizer.stats().redacted).toEqual({});
});

test('a custom detector redacts whole matches, or only its `secret` group', () => {
  const sanitizer = new Sanitizer({
    customDetectors: [
      { name: 'customerId', pattern: /\bCUST-\d{6}\b/ },
      { name: 'pin', pattern: 'pin=(?<secret>\\d{4})' },
      { name: 'even', pattern: /\bE\d+\b/, validate: (m) => Number(m.slice(1)) % 2 === 0 },
    ],
  });
  expect(sanitizer.sanitizeText('CUST-123456 pin=1234 E2 E3')).toBe(
    '[REDACTED:customerId] pin=[REDACTED:pin] [REDACTED:even] E3',
  );
});

test('a custom detector whose pattern can match nothing redacts only what it matched, never an empty place', () => {
  const sanitizer = new Sanitizer({
    customDetectors: [{ name: 'xs', pattern: /x*/ }, { name: 'pin', pattern: 'pin=(?<secret>\\d*)' }],
  });
  expect(sanitizer.sanitizeText('hello xx world pin= pin=42')).toBe('hello [REDACTED:xs] world pin= pin=[REDACTED:pin]');
  expect(sanitizer.sanitizeText('plain words')).toBe('plain words');
});

test('a custom detector with a bad name or pattern fails at construction', () => {
  expect(() => new Sanitizer({ customDetectors: [{ name: 'has space', pattern: /x/ }] })).toThrow(
    `queue-otel: sanitize.customDetectors[0].name: expected 1-64 letters, digits, '_', '-' or '.', got "has space"`,
  );
  expect(() => new Sanitizer({ customDetectors: [{ name: 'bad', pattern: '(' }] })).toThrow(/^queue-otel: sanitize\.customDetectors\[0\]\.pattern: expected a valid regular expression \(.+\), got "\("$/);
});
