import { Sanitizer } from '../../src/sanitize';

/** Sanitizes `text` with the defaults and returns the output and the redactions per detector. */
function scan(text: string): { out: string; redacted: Readonly<Record<string, number>> } {
  const sanitizer = new Sanitizer();
  const out = sanitizer.sanitizeText(text);
  return { out, redacted: sanitizer.stats().redacted };
}

describe('names of secrets beyond password, secret and token', () => {
  test.each([
    ['SECRET_KEY=Hunter2Secret', 'SECRET_KEY=[REDACTED:credential]'],
    ['secret_key: Hunter2Secret', 'secret_key: [REDACTED:credential]'],
    ['signing_key=Hunter2Secret', 'signing_key=[REDACTED:credential]'],
    ['ENCRYPTION_KEY=Hunter2Secret', 'ENCRYPTION_KEY=[REDACTED:credential]'],
    ['{"pass":"Hunter2Secret"}', '{"pass":"[REDACTED:credential]"}'],
    ['DB_PASS=Hunter2Secret', 'DB_PASS=[REDACTED:credential]'],
    ['pass_word=Hunter2Secret', 'pass_word=[REDACTED:credential]'],
    ['{"pass-word":"Hunter2Secret"}', '{"pass-word":"[REDACTED:credential]"}'],
    ['passphrase: "open sesame"', 'passphrase: "[REDACTED:credential]"'],
  ])('%s', (text, expected) => {
    expect(scan(text)).toEqual({ out: expected, redacted: { credential: 1 } });
  });

  test.each([
    'bypass=1 compass: north', 'sort_key=name primary_key=id cache_key: jobs', 'passport: yes', 'max_tokens=5',
    // `pass` is also a test result's word: a count or a flag after it is no password.
    'pass=2', 'lint_pass=false second-pass=true', 'Pass: 3 of 4 tests', 'job failed: pass: 12 fail: 3', 'first pass: ok', '"pass": "true"',
  ])(
    'leaves %s alone',
    (text) => {
      expect(scan(text).out).toBe(text);
    },
  );
});

describe('a quoted value goes whole, to its closing quote', () => {
  test.each([
    ['password: "Hunter2 Secret with spaces"', 'password: "[REDACTED:credential]"'],
    ["password='a b c' user=x", "password='[REDACTED:credential]' user=x"],
    ['secret = "a \\"quoted\\" b" next', 'secret = "[REDACTED:credential]" next'],
    ['password: "one" token: "two three"', 'password: "[REDACTED:credential]" token: "[REDACTED:credential]"'],
  ])('%s', (text, expected) => {
    expect(scan(text).out).toBe(expected);
  });

  test('without a closing quote near enough, the first word still goes', () => {
    expect(scan(`password: "Hunter2 ${'x '.repeat(200)}`).out).toBe(`password: "[REDACTED:credential] ${'x '.repeat(200)}`);
  });
});

describe('an Authorization header in text, whatever its scheme', () => {
  test.each([
    ['Authorization: Token abcDEF123456789xyzTOKENqq', 'Authorization: Token [REDACTED:credential]'],
    ['proxy-authorization: ApiKey 9f8e7d6c5b4a', 'proxy-authorization: ApiKey [REDACTED:credential]'],
    ['{"authorization":"abc123def456"}', '{"authorization":"[REDACTED:credential]"}'],
    // Bearer and Basic credentials stay the bearer detector's, counted once.
    ['Authorization: Bearer mF_9.B5f-4.1JqM', 'Authorization: Bearer [REDACTED:bearer]'],
  ])('%s', (text, expected) => {
    const { out, redacted } = scan(text);
    expect(out).toBe(expected);
    expect(Object.values(redacted)).toEqual([1]);
  });

  test.each(['Authorization: required for /admin', 'missing authorization: please login', 'authorization: Bearer'])('leaves %s alone', (text) => {
    expect(scan(text).out).toBe(text);
  });
});

describe('raw header and metadata attributes named like a credential are dropped', () => {
  test.each([
    'http.request.header.x-auth',
    'http.request.header.x-auth-token',
    'http.request.header.x-functions-key',
    'http.response.header.www-authenticate',
    'rpc.grpc.request.metadata.x-api-key',
  ])('%s', (key) => {
    const sanitizer = new Sanitizer();
    expect(sanitizer.sanitizeAttributes({ [key]: ['abcDEF123456789xyzTOKENqq'] })).toEqual({});
    expect(sanitizer.stats().droppedBlocked).toBe(1);
  });

  test('other headers stay', () => {
    const headers = { 'http.request.header.x-request-id': ['r-1'], 'http.request.header.keep-alive': ['timeout=5'] };
    expect(new Sanitizer().sanitizeAttributes(headers)).toEqual(headers);
  });
});
