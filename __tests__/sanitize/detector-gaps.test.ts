import { isIP } from 'node:net';
import fc from 'fast-check';
import { Sanitizer } from '../../src/sanitize';
import { groupsOfFour, iban } from './pii-fixtures';

/** Sanitizes `text` with the defaults and returns the output and the redactions per detector. */
function scan(text: string): { out: string; redacted: Readonly<Record<string, number>> } {
  const sanitizer = new Sanitizer();
  const out = sanitizer.sanitizeText(text);
  return { out, redacted: sanitizer.stats().redacted };
}

describe('overlapping detectors: a weaker pattern never splits a stronger match', () => {
  test.each([
    ['a grouped Italian IBAN', 'IBAN IT60 X054 2811 1010 0000 0123 456 ok', 'IBAN [REDACTED:iban] ok'],
    ['a grouped German IBAN', 'DE89 3704 0044 0532 0130 00', '[REDACTED:iban]'],
    ['an IBAN followed by a phone number', 'DE89 3704 0044 0532 0130 00 030 12345678', '[REDACTED:iban] [REDACTED:phone]'],
    ['a grouped card with a group that starts with 0', 'card 4000 0566 5566 5556 ok', 'card [REDACTED:paymentCard] ok'],
  ])('%s is redacted whole, by its own detector', (_label, text, expected) => {
    const { out, redacted } = scan(text);
    expect(out).toBe(expected);
    expect(Object.values(redacted).reduce((a, b) => a + b, 0)).toBe(out.split('[REDACTED:').length - 1);
  });

  test('every valid IBAN, compact or grouped in fours, becomes exactly one iban marker', () => {
    const countries = fc.constantFrom(['DE', 18], ['GB', 18], ['FR', 23], ['IT', 23], ['NL', 14], ['ES', 20], ['AT', 16]);
    fc.assert(
      fc.property(
        countries,
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 23, maxLength: 23 }),
        fc.boolean(),
        ([country, bbanLength], digits, grouped) => {
          const compact = iban(country as string, digits.slice(0, bbanLength as number).join(''));
          const { out, redacted } = scan(`pay ${grouped ? groupsOfFour(compact) : compact} now`);
          expect(out).toBe('pay [REDACTED:iban] now');
          expect(redacted).toEqual({ iban: 1 });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('passwords in URLs', () => {
  test.each([
    ['redis://:hunter2@cache:6379', 'redis://:[REDACTED:credential]@cache:6379'],
    ['https://user:p@ss@host/x', 'https://user:[REDACTED:credential]@host/x'],
    ['https://user:pa/ss@host/x', 'https://user:[REDACTED:credential]@host/x'],
    ['postgres://app:s3cr3t@db.internal:5432/app?sslmode=require', 'postgres://app:[REDACTED:credential]@db.internal:5432/app?sslmode=require'],
    ['amqp://guest:guest@localhost:5672/', 'amqp://guest:[REDACTED:credential]@localhost:5672/'],
    ['{"url":"redis://default:pw@cache:6379/0"}', '{"url":"redis://default:[REDACTED:credential]@cache:6379/0"}'],
  ])('%s: the whole password goes, scheme, user and host stay', (text, expected) => {
    const { out, redacted } = scan(text);
    expect(out).toBe(expected);
    expect(redacted).toEqual({ credential: 1 });
  });

  test.each([
    'https://medium.com/@user/post',
    'redis://cache:6379/0',
    '{"url":"redis://cache:6379","owner":"bob@example.com"}',
    'http://localhost:3000/path?to=bob@example.com',
    'see http://example.com: it is down @ 5pm',
  ])('a URL without a password is not taken for one: %s', (text) => {
    expect(scan(text).redacted['credential']).toBeUndefined();
  });
});

describe('sanitizing twice (a processor and an exporter wrapper)', () => {
  test.each([
    'https://user:p@ss@host/x and redis://:hunter2@cache:6379',
    '{"password":"correct horse","to":"jörg@example.com","iban":"DE89 3704 0044 0532 0130 00"}',
    'Authorization: Bearer mF_9.B5f-4.1JqM, api_key=Zx8f3kLq9PmN2vB7tY5wR1sD',
  ])('changes nothing and counts nothing the second time: %s', (text) => {
    const sanitizer = new Sanitizer();
    const once = sanitizer.sanitizeText(text);
    const counted = sanitizer.stats().redacted;
    expect(sanitizer.sanitizeText(once)).toBe(once);
    expect(sanitizer.stats().redacted).toEqual(counted);
  });

  test('a marker with a name that is no detector of this sanitizer hides nothing', () => {
    expect(scan('[REDACTED:4111111111111111] [REDACTED:jane@example.com]').out).toBe(
      '[REDACTED:[REDACTED:paymentCard]] [REDACTED:[REDACTED:email]]',
    );
  });
});

describe('e-mail addresses beyond ASCII', () => {
  test.each([
    ['jane@exämple.com', '[REDACTED:email]'],
    ['jörg@example.com', '[REDACTED:email]'],
    ['mail jörg.müller@bücher.de now', 'mail [REDACTED:email] now'],
    ['用户@例子.广告', '[REDACTED:email]'],
    ['info@xn--bcher-kva.de', '[REDACTED:email]'],
    ['user@example.xn--p1ai', '[REDACTED:email]'],
    ['admin@пример.рф', '[REDACTED:email]'],
    ['“jane@exämple.com”', '“[REDACTED:email]”'],
    ['x 𝒶𝒷@example.com y', 'x [REDACTED:email] y'],
  ])('%s', (text, expected) => {
    expect(scan(text).out).toBe(expected);
  });

  test.each(['user@localhost', '@opentelemetry/api@1.9.1', 'ü@ö', 'jörg@bücher'])('%s is not an address', (text) => {
    expect(scan(text).out).toBe(text);
  });
});

describe('e-mail addresses followed by more domain characters', () => {
  // The domain run goes on past the address (a queue or job id built from it): the address is still redacted,
  // up to the end of its top-level domain, and what follows stays.
  test.each([
    ['q-leak.k@example.com-ZZMARKERZZ-1', '[REDACTED:email]-ZZMARKERZZ-1'],
    ['id-leak.k@example.com-x', '[REDACTED:email]-x'],
    ['leak.k@example.com-2024', '[REDACTED:email]-2024'],
    ['jane@example.co.uk-x', '[REDACTED:email]-x'],
    ['leak.k@example.com1', '[REDACTED:email]1'],
    ['x@example.com.123', '[REDACTED:email].123'],
    ['admin@пример.рф-1', '[REDACTED:email]-1'],
    ['a@example.xn--p1ai-', '[REDACTED:email]-'],
    ['a@example.com-b@example.org', '[REDACTED:email][REDACTED:email]'],
  ])('%s', (text, expected) => {
    expect(scan(text).out).toBe(expected);
  });

  test.each(['@scope/pkg@1.0.0-rc.1', 'pkg@2.0.0-beta', 'user@localhost-1', 'x@a..example.com'])('%s is still not an address', (text) => {
    expect(scan(text).out).toBe(text);
  });
});

describe('percent-encoded e-mail addresses in URLs', () => {
  test.each([
    ['url.query', 'email=leak.k%40example.com&sig=abc', 'email=[REDACTED:email]&sig=abc'],
    ['url.full', 'https://x.org/cb?to=jane%40example.co.uk-1', 'https://x.org/cb?to=[REDACTED:email]-1'],
    // URL delimiters end the local part of a literal '@' too: the path and the parameter's name stay.
    ['url.full', 'http://localhost:3000/path?to=bob@example.com', 'http://localhost:3000/path?to=[REDACTED:email]'],
    ['http.url', '/u/leak.k%40example.com/profile', '/u/[REDACTED:email]/profile'],
  ])('%s: %s', (key, value, expected) => {
    const sanitizer = new Sanitizer();
    expect(sanitizer.sanitizeAttributes({ [key]: value })).toEqual({ [key]: expected });
    expect(sanitizer.stats().redacted).toEqual({ email: 1 });
  });

  test.each(['url.path: /discount/50%40off', 'url.query: q=%40scope%2Fpkg'])('%s is not an address', (entry) => {
    const [key, value] = entry.split(': ') as [string, string];
    expect(new Sanitizer().sanitizeAttributes({ [key]: value })).toEqual({ [key]: value });
  });

  test('other values and free text are not decoded (see docs/security.md)', () => {
    const sanitizer = new Sanitizer();
    expect(sanitizer.sanitizeAttributes({ 'messaging.note': 'leak.k%40example.com' })).toEqual({ 'messaging.note': 'leak.k%40example.com' });
    expect(sanitizer.sanitizeText('leak.k%40example.com')).toBe('leak.k%40example.com');
  });
});

describe('IP addresses are validated by node:net', () => {
  test('an IPv6 address with a zone is redacted whole', () => {
    expect(scan('peer fe80::1%eth0 up').out).toBe('peer [REDACTED:ip] up');
  });

  test('a candidate is redacted exactly when node:net parses it', () => {
    const group = fc.oneof(fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16)), fc.constantFrom('', '0', '00000', 'g1'));
    // At least three colons: `::1` and `1::` are not candidates (a loopback or a prefix, not personal data).
    const v6 = fc.array(group, { minLength: 4, maxLength: 9 }).map((g) => g.join(':'));
    const v4 = fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 4, maxLength: 4 }).map((o) => o.join('.'));
    fc.assert(
      fc.property(fc.oneof(v6, v4, fc.tuple(v6, v4).map(([a, b]) => `${a}:${b}`)), (candidate) => {
        const out = scan(`peer ${candidate} up`).out;
        if (isIP(candidate) !== 0) expect(out).toBe('peer [REDACTED:ip] up');
        else expect(out).not.toBe('peer [REDACTED:ip] up');
      }),
      { numRuns: 500 },
    );
  });
});
