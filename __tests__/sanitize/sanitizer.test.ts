import { DEFAULT_ALLOWED_ATTRIBUTES, DEFAULT_BLOCKED_ATTRIBUTES, Sanitizer } from '../../src/sanitize';

describe('key policy', () => {
  test('keeps documented keys unchanged and drops unknown ones, counting them', () => {
    const sanitizer = new Sanitizer();
    const input = {
      'bullmq.queue.name': 'emails',
      'bullmq.job.id': '42',
      'bullmq.job.attempts.made': 2,
      'messaging.destination.name': 'emails',
      'http.request.method': 'POST',
      'app.customer': 'Jane Doe',
    };
    const out = sanitizer.sanitizeAttributes(input);
    expect(out).toEqual({
      'bullmq.queue.name': 'emails',
      'bullmq.job.id': '42',
      'bullmq.job.attempts.made': 2,
      'messaging.destination.name': 'emails',
      'http.request.method': 'POST',
    });
    expect(out).not.toBe(input);
    expect(input['app.customer']).toBe('Jane Doe');
    expect(sanitizer.stats().droppedNotAllowed).toBe(1);
    expect(sanitizer.stats().attributes).toBe(6);
  });

  test('the blocklist wins over the allowlist and matches case-insensitively', () => {
    const sanitizer = new Sanitizer({ extraAllowedAttributes: ['user.*'] });
    const out = sanitizer.sanitizeAttributes({
      'http.request.header.authorization': 'Bearer x',
      'http.request.header.Cookie': 'sid=1',
      'user.email': 'a@b.co',
      'http.response.status_code': 200,
    });
    expect(out).toEqual({ 'http.response.status_code': 200 });
    expect(sanitizer.stats().droppedBlocked).toBe(3);
  });

  test('no default-allowed exact key is blocked by default', () => {
    const sanitizer = new Sanitizer();
    const exact = DEFAULT_ALLOWED_ATTRIBUTES.filter((k) => !k.includes('*'));
    const out = sanitizer.sanitizeAttributes(Object.fromEntries(exact.map((k) => [k, 'v'])));
    expect(Object.keys(out).sort()).toEqual([...exact].sort());
  });

  test('allowedAttributes replaces the default list, allowAll lets every unblocked key in', () => {
    expect(new Sanitizer({ allowedAttributes: ['app.*'] }).sanitizeAttributes({ 'app.a': 1, 'bullmq.job.id': '1' })).toEqual({
      'app.a': 1,
    });
    const all = new Sanitizer({ allowAll: true }).sanitizeAttributes({ anything: 'x', 'db.password': 'p' });
    expect(all).toEqual({ anything: 'x' });
  });

  test('blockedAttributes replaces the defaults; extraBlockedAttributes adds to them', () => {
    const replaced = new Sanitizer({ allowAll: true, blockedAttributes: ['app.internal'] });
    expect(replaced.sanitizeAttributes({ 'app.internal': 1, 'app.token_count': 3 })).toEqual({ 'app.token_count': 3 });
    const extended = new Sanitizer({ allowAll: true, extraBlockedAttributes: ['app.internal'] });
    expect(extended.sanitizeAttributes({ 'app.internal': 1, 'app.token_count': 3 })).toEqual({});
    expect(DEFAULT_BLOCKED_ATTRIBUTES).toContain('*token*');
  });

  test('a key containing PII is dropped even when everything is allowed', () => {
    const sanitizer = new Sanitizer({ allowAll: true });
    const out = sanitizer.sanitizeAttributes({ 'visits.jane.doe@example.com': 3, 'visits.total': 9 });
    expect(out).toEqual({ 'visits.total': 9 });
    expect(sanitizer.stats().droppedPiiKey).toBe(1);
  });

  test('the key cache stays bounded and decisions stay correct after eviction', () => {
    const sanitizer = new Sanitizer({ keyCacheSize: 4, extraAllowedAttributes: ['app.*'] });
    for (let i = 0; i < 50; i++) sanitizer.sanitizeAttributes({ [`app.k${i}`]: i, [`other.k${i}`]: i });
    expect(sanitizer.sanitizeAttributes({ 'app.k0': 0, 'other.k0': 0 })).toEqual({ 'app.k0': 0 });
  });
});

describe('values', () => {
  test('detectors run on every kept value, arrays element by element', () => {
    const sanitizer = new Sanitizer({ extraAllowedAttributes: ['app.*'] });
    const out = sanitizer.sanitizeAttributes({
      'app.recipients': ['jane@example.com', 'ops-team', null],
      'app.flags': [true, false],
      'bullmq.job.failed.reason': 'SMTP rejected jane@example.com',
    });
    expect(out).toEqual({
      'app.recipients': ['[REDACTED:email]', 'ops-team', null],
      'app.flags': [true, false],
      'bullmq.job.failed.reason': 'SMTP rejected [REDACTED:email]',
    });
  });

  test('card numbers stored as numbers are redacted; a number array then becomes a string array', () => {
    const sanitizer = new Sanitizer({ extraAllowedAttributes: ['app.*'] });
    const out = sanitizer.sanitizeAttributes({ 'app.pan': 4111111111111111, 'app.nums': [7, 4111111111111111], 'app.ts': 1732585920123 });
    expect(out).toEqual({ 'app.pan': '[REDACTED:paymentCard]', 'app.nums': ['7', '[REDACTED:paymentCard]'], 'app.ts': 1732585920123 });
  });

  test('objects passed by plain JS callers are scanned as JSON', () => {
    const sanitizer = new Sanitizer({ extraAllowedAttributes: ['app.*'] });
    const sneaky = { nested: { email: 'jane@example.com' } } as unknown as string;
    expect(sanitizer.sanitizeAttributes({ 'app.obj': sneaky })).toEqual({ 'app.obj': '{"nested":{"email":"[REDACTED:email]"}}' });
  });

  test('payload attributes become size and hash; equal payloads hash equally', () => {
    const sanitizer = new Sanitizer();
    const result = JSON.stringify({ sentTo: 'jane@example.com', ok: true });
    const a = sanitizer.sanitizeAttributes({ 'bullmq.job.result': result, 'bullmq.job.progress': 50 });
    const b = sanitizer.sanitizeAttributes({ 'bullmq.job.result': result });
    expect(a['bullmq.job.result']).toMatch(/^\[PAYLOAD size=\d+B sha256=[0-9a-f]{12}\]$/);
    expect(a['bullmq.job.result']).toContain(`size=${Buffer.byteLength(result)}B`);
    expect(b['bullmq.job.result']).toBe(a['bullmq.job.result']);
    expect(a['bullmq.job.progress']).toMatch(/^\[PAYLOAD size=2B /);
    expect(sanitizer.stats().payloadsSummarized).toBe(3);
    const keyed = new Sanitizer({ payloadHashKey: 'k' }).sanitizeAttributes({ 'bullmq.job.result': result });
    expect(keyed['bullmq.job.result']).toMatch(/hmac=[0-9a-f]{12}/);
  });

  test('with redactPayloads off, payloads are exported but still go through the detectors', () => {
    const out = new Sanitizer({ redactPayloads: false }).sanitizeAttributes({ 'bullmq.job.result': '{"to":"jane@example.com"}' });
    expect(out).toEqual({ 'bullmq.job.result': '{"to":"[REDACTED:email]"}' });
  });

  test('SQL literals are stripped by default and kept when disabled', () => {
    const sql = "SELECT * FROM users WHERE email = 'jane@example.com' AND age > 30 AND id = $1 AND t1.x = 'it''s'";
    const sanitizer = new Sanitizer();
    expect(sanitizer.sanitizeAttributes({ 'db.query.text': sql })).toEqual({
      'db.query.text': 'SELECT * FROM users WHERE email = ? AND age > ? AND id = $1 AND t1.x = ?',
    });
    expect(sanitizer.stats().sqlStripped).toBe(1);
    const kept = new Sanitizer({ stripSqlLiterals: false }).sanitizeAttributes({ 'db.statement': sql });
    expect(kept['db.statement']).toContain('age > 30');
    expect(kept['db.statement']).toContain('[REDACTED:email]');
  });

  test('a Redis script call in a query key keeps its command and digest, not its keys and arguments', () => {
    // As instrumentation-ioredis records BullMQ's add: every argument, the job's data among them.
    const sha = '5ab432e88830d573e2fa33392ffbd4ad25a9b100';
    const evalsha = `evalsha ${sha} 9 bull:emails:wait bull:emails:paused \u0093bull:emails:\u00a7welcome {"note":"private","pan":"4111 1111 1111 1111"} {"traceparent":"00-x"}`;
    const sanitizer = new Sanitizer();
    expect(sanitizer.sanitizeAttributes({ 'db.system.name': 'redis', 'db.query.text': evalsha })).toEqual({
      'db.system.name': 'redis',
      'db.query.text': `evalsha ${sha} [keys and arguments redacted]`,
    });
    expect(sanitizer.stats().sqlStripped).toBe(1);
    expect(sanitizer.sanitizeAttributes({ 'db.statement': 'EVAL "return redis.call(\'get\', KEYS[1])" 1 secret-key' })).toEqual({
      'db.statement': 'EVAL [script, keys and arguments redacted]',
    });
    expect(sanitizer.sanitizeAttributes({ 'db.query.text': 'fcall_ro my_fn 1 k {"v":1}' })['db.query.text']).toBe('fcall_ro my_fn [keys and arguments redacted]');
    // Something else where a digest belongs is not shown; SQL that merely starts alike is SQL.
    expect(sanitizer.sanitizeAttributes({ 'db.query.text': 'evalsha jane@example.com 0' })['db.query.text']).toBe('evalsha [keys and arguments redacted]');
    expect(sanitizer.sanitizeAttributes({ 'db.query.text': "EVALUATE FILTER(t, t[a] = 'x')" })['db.query.text']).toBe('EVALUATE FILTER(t, t[a] = ?)');
  });

  describe('Redis script-call redaction is a switch of its own, independent of SQL literal stripping', () => {
    // BullMQ's moveToFinished as instrumentation-ioredis records it: the job's result and the worker's lock token.
    const sha = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
    const evalsha = `evalsha ${sha} 14 bull:emails:wait bull:emails:active 42 {"receipt":"private-note-5f0c2a"} returnvalue 0f6a7c1e-lock-token`;
    const sql = "SELECT * FROM orders WHERE note = 'private-note-5f0c2a' AND total > 30";

    test('with stripSqlLiterals off, a script call is still redacted and SQL keeps its literals', () => {
      const sanitizer = new Sanitizer({ stripSqlLiterals: false });
      expect(sanitizer.sanitizeAttributes({ 'db.query.text': evalsha, 'db.statement': sql })).toEqual({
        'db.query.text': `evalsha ${sha} [keys and arguments redacted]`,
        'db.statement': sql,
      });
      // An array value of a query key (a pipeline's commands) goes the same way, element by element.
      expect(sanitizer.sanitizeAttributes({ 'db.query.text': [evalsha, 'get k'] })['db.query.text']).toEqual([`evalsha ${sha} [keys and arguments redacted]`, 'get k']);
      expect(sanitizer.stats().sqlStripped).toBe(2);
    });

    test('with redactRedisScriptArgs off, a script call is kept (its literals still stripped while stripSqlLiterals is on)', () => {
      const both = new Sanitizer({ redactRedisScriptArgs: false, stripSqlLiterals: false });
      expect(both.sanitizeAttributes({ 'db.query.text': evalsha, 'db.statement': sql })).toEqual({ 'db.query.text': evalsha, 'db.statement': sql });
      expect(both.stats().sqlStripped).toBe(0);
      const stripping = new Sanitizer({ redactRedisScriptArgs: false });
      expect(stripping.sanitizeAttributes({ 'db.query.text': evalsha, 'db.statement': sql })).toEqual({
        'db.query.text': `evalsha ${sha} ? bull:emails:wait bull:emails:active ? {"receipt":"private-note-5f0c2a"} returnvalue 0f6a7c1e-lock-token`,
        'db.statement': 'SELECT * FROM orders WHERE note = ? AND total > ?',
      });
    });

    test('a redactor on a query key runs first, then both switches apply to what it returns', () => {
      const sanitizer = new Sanitizer({ stripSqlLiterals: false, redactors: { 'db.query.text': (value) => `${String(value)} extra` } });
      expect(sanitizer.sanitizeAttributes({ 'db.query.text': evalsha })['db.query.text']).toBe(`evalsha ${sha} [keys and arguments redacted]`);
    });
  });

  test('long values are cut at maxValueLength and marked; a secret across the cut is redacted whole', () => {
    const sanitizer = new Sanitizer({ maxValueLength: 20 });
    expect(sanitizer.sanitizeText('x'.repeat(50))).toBe(`${'x'.repeat(20)}…[TRUNCATED:50]`);
    const out = sanitizer.sanitizeText(`${'x'.repeat(15)} jane@example.com ${'y'.repeat(40)}`);
    expect(out).toBe(`${'x'.repeat(15)} [REDACTED:email]…[TRUNCATED:73]`);
    expect(sanitizer.stats().truncated).toBe(2);
    expect(new Sanitizer().sanitizeText('z'.repeat(1000))).toBe('z'.repeat(1000));
  });

  test('truncation never splits a surrogate pair', () => {
    const out = new Sanitizer({ maxValueLength: 3 }).sanitizeText('ab😀cd');
    expect(out).toBe('ab…[TRUNCATED:6]');
  });

  test('redactors run per key (exact or glob), their output is still scanned, failures drop the value', () => {
    const sanitizer = new Sanitizer({
      redactors: {
        'app.card_last4': (v) => String(v).slice(-4),
        'app.note*': (v) => `note: ${String(v)}`,
        'app.broken': () => {
          throw new Error('boom');
        },
        'app.gone': () => undefined,
      },
    });
    const out = sanitizer.sanitizeAttributes({
      'app.card_last4': '4111111111111111',
      'app.note.1': 'ping jane@example.com',
      'app.broken': 'raw secret',
      'app.gone': 'x',
    });
    expect(out).toEqual({ 'app.card_last4': '1111', 'app.note.1': 'note: ping [REDACTED:email]' });
    expect(sanitizer.stats()).toMatchObject({ redactorCalls: 4, droppedByRedactor: 2 });
  });

  test('sanitizeValue gives, key by key, what sanitizeAttributes keeps, and counts the same', () => {
    const input = {
      'bullmq.job.id': '42',
      'messaging.destination.name': 'mail bob@example.com',
      'bullmq.job.data': { to: 'bob@example.com' } as never,
      'app.customer': 'Jane Doe',
      'bullmq.job.name': undefined,
      'bullmq.job.attempts.made': null as never,
      'db.statement': "select * from users where email = 'bob@example.com'",
    };
    const whole = new Sanitizer();
    const byKey = new Sanitizer();
    const expected = whole.sanitizeAttributes(input);
    const kept: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      const clean = byKey.sanitizeValue(key, value);
      if (clean !== undefined) kept[key] = clean;
    }
    expect(kept).toEqual(expected);
    expect(kept['messaging.destination.name']).toBe('mail [REDACTED:email]');
    expect(kept).not.toHaveProperty('app.customer');
    expect(byKey.stats()).toEqual(whole.stats());
    expect(byKey.stats().attributes).toBe(5);
  });

  test('stats are a frozen snapshot and can be reset', () => {
    const sanitizer = new Sanitizer();
    sanitizer.sanitizeText('jane@example.com');
    const snap = sanitizer.stats();
    expect(Object.isFrozen(snap)).toBe(true);
    sanitizer.resetStats();
    expect(snap.redacted['email']).toBe(1);
    expect(sanitizer.stats()).toMatchObject({ texts: 0, redacted: {} });
  });

  test('rejects an invalid maxValueLength', () => {
    expect(() => new Sanitizer({ maxValueLength: 0 })).toThrow('queue-otel: sanitize.maxValueLength: expected a positive integer, got 0');
  });
});

describe('numbers QueueOtel and BullMQ compute themselves', () => {
  it('are not scanned, while strings under the same keys and numbers under other keys are', () => {
    const sanitizer = new Sanitizer();
    const cardLike = 4111111111111111;
    const out = sanitizer.sanitizeAttributes({
      'bullmq.job.processed.timestamp': 1764100000000,
      'bullmq.job.wait_ms': cardLike,
      'bullmq.job.tenant': cardLike,
      'bullmq.job.priority': '4111 1111 1111 1111',
    });
    expect(out['bullmq.job.processed.timestamp']).toBe(1764100000000);
    expect(out['bullmq.job.wait_ms']).toBe(cardLike);
    expect(out['bullmq.job.tenant']).not.toBe(cardLike);
    expect(String(out['bullmq.job.priority'])).not.toContain('4111');
  });
});

describe('the address of the server a client talks to', () => {
  it('keeps an IP in server.address, still redacts other PII there, and an IP under peer keys, in either order', () => {
    const sanitizer = new Sanitizer();
    // Twice, peer key first then server key first: a value found clean for one key must not be trusted for the other.
    for (const order of [['client.address', 'server.address'], ['server.address', 'client.address']] as const) {
      const out = sanitizer.sanitizeAttributes({ [order[0]]: '10.1.2.3', [order[1]]: '10.1.2.3', 'network.peer.address': '192.168.7.9' });
      expect(out).toEqual({ 'server.address': '10.1.2.3', 'client.address': '[REDACTED:ip]', 'network.peer.address': '[REDACTED:ip]' });
    }
    expect(sanitizer.sanitizeAttributes({ 'server.address': 'bob@example.com' })['server.address']).toBe('[REDACTED:email]');
    expect(sanitizer.sanitizeAttributes({ 'server.address': 'redis.internal' })['server.address']).toBe('redis.internal');
  });
});

describe('option checks', () => {
  test('a string where a list of key patterns belongs is an error naming the option (spread, its "*" would allow every key)', () => {
    for (const name of ['allowedAttributes', 'extraAllowedAttributes', 'blockedAttributes', 'extraBlockedAttributes']) {
      expect(() => new Sanitizer({ [name]: 'http.*' })).toThrow(`queue-otel: sanitize.${name}: expected a list of attribute keys or patterns, got "http.*"`);
    }
    expect(() => new Sanitizer({ blockedAttributes: ['ok.*', 5 as unknown as string] })).toThrow('queue-otel: sanitize.blockedAttributes[1]: expected a non-empty string, got 5');
    expect(new Sanitizer({ allowedAttributes: ['http.*'] }).sanitizeAttributes({ 'http.route': '/a', 'custom.thing': 1 })).toEqual({ 'http.route': '/a' });
  });
});
