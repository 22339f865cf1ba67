import { setupTracing } from '../../src/setup';
import { OtlpReceiver } from '../support/otlp-receiver';
import { resetGlobals } from '../support/tracing';
import { runSetup } from './setup-fixture';

// Node's http client refuses these headers on every request: every export failed, and nothing named the header.
const SECRET = 's3cret';

afterEach(() => resetGlobals());

describe('headers given in code that HTTP cannot send are a TypeError naming the header, never its value', () => {
  const setup = (headers: unknown) => () => setupTracing({ headers: headers as Record<string, string>, env: {}, logger: () => undefined });

  test.each([
    ['a line feed in the value', { authorization: `Bearer ${SECRET}\r\nx-injected: 1` }, /^queue-otel: header "authorization" of the headers option cannot be sent: its value holds a line break/],
    ['a space in the name', { 'x api key': SECRET }, /^queue-otel: header "x" \(shown up to its first character a name cannot have\) of the headers option cannot be sent: its name is not an HTTP token/],
    ['a colon in the name', { 'authorization:': SECRET }, /^queue-otel: header "authorization" \(shown up to its first character a name cannot have\) of the headers option cannot be sent: its name is not an HTTP token/],
    ['a name and value in the name', { [`Authorization: Basic ${SECRET}`]: '1' }, /^queue-otel: header "Authorization" \(shown up to its first character a name cannot have\) of the headers option/],
    ['a value that is not a string', { 'x-retries': 3 }, /^queue-otel: header "x-retries" of the headers option cannot be sent: its value is a number, not a string/],
  ])('%s', (_case, headers, message) => {
    expect(setup(headers)).toThrow(TypeError);
    expect(setup(headers)).toThrow(message);
    expect(setup(headers)).not.toThrow(SECRET);
  });

  test.each([
    ['a string (the variables\' key=value form)', `authorization=Bearer ${SECRET}`, 'a string'],
    ['an array', [`authorization=${SECRET}`], 'an array'],
    ['a Map', new Map([['authorization', SECRET]]), 'a Map'],
    ['null', null, 'null'],
  ])('headers given as %s', (_case, headers, got) => {
    expect(setup(headers)).toThrow(new TypeError(`queue-otel: headers must be an object of header names to string values, got ${got}`));
  });

  test('headers HTTP can send are accepted', () => {
    expect(setup({ authorization: `Bearer ${SECRET}`, 'x-tenant': 'café' })().enabled).toBe(true);
  });
});

// A variable written with ':' for '=' (`Authorization: Basic …`) is parsed with everything before the first '=' as the
// name: the credential (a base64 token often ends in '='). The warning named that "header", secret included.
test("a header variable written with ':' for '=' is reported without the text after the colon, which is the credential", async () => {
  const warnings: string[] = [];
  const tracing = setupTracing({
    env: { OTEL_EXPORTER_OTLP_HEADERS: `Authorization: Basic bGVhazpIdW50ZXIyU2VjcmV0==,x-api-key:AKIAIOSFODNN7EXAMPLE=1,${'k'.repeat(40)}:${SECRET}=1` },
    logger: (message) => warnings.push(message),
  });
  await tracing.shutdown();
  expect(warnings).toEqual([
    expect.stringMatching(/^queue-otel\/setup: OTEL_EXPORTER_OTLP_HEADERS: header "Authorization" \(shown up to its first character a name cannot have\) cannot be sent: its name is not an HTTP token/),
    expect.stringMatching(/^queue-otel\/setup: OTEL_EXPORTER_OTLP_HEADERS: header "x-api-key" \(shown up to its first character a name cannot have\) cannot be sent/),
    expect.stringMatching(/^queue-otel\/setup: OTEL_EXPORTER_OTLP_HEADERS: a header whose name is not shown cannot be sent/),
  ]);
  expect(warnings.join('\n')).not.toMatch(/bGVhazpIdW50ZXIyU2VjcmV0|AKIAIOSFODNN7EXAMPLE|s3cret|kkkkk/);
});

describe('header variables with headers HTTP cannot send', () => {
  const receiver = new OtlpReceiver();
  beforeAll(() => receiver.start());
  afterAll(() => receiver.stop());

  test('each such header is reported by variable and name and left out; the others are sent and spans arrive', async () => {
    const before = receiver.requests;
    const { queue, result } = await runSetup('bad-env-headers', {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      OTEL_EXPORTER_OTLP_HEADERS: `x-tenant=acme,x%20api%20key=${SECRET}`,
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: `authorization=Bearer%20${SECRET}%0D%0Ax-injected:%201`,
    });
    expect(result.warnings).toEqual([
      expect.stringMatching(/^queue-otel\/setup: OTEL_EXPORTER_OTLP_HEADERS: header "x" \(shown up to its first character a name cannot have\) cannot be sent: its name is not an HTTP token .*; ignored$/),
      expect.stringMatching(/^queue-otel\/setup: OTEL_EXPORTER_OTLP_TRACES_HEADERS: header "authorization" cannot be sent: its value holds a line break.*; ignored$/),
    ]);
    expect(result.warnings.join('\n')).not.toContain(SECRET);
    const sent = receiver.headers.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((h) => h['x-tenant'] === 'acme' && h.authorization === undefined && h['x-injected'] === undefined)).toBe(true);
    const spans = receiver.spans.filter((s) => (s.attributes['messaging.destination.name'] ?? s.attributes['bullmq.queue.name']) === queue);
    expect(spans.map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
  });
});
