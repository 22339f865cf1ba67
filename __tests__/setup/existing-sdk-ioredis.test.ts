import { OtlpReceiver } from '../support/otlp-receiver';
import type { ReceivedSpan } from '../support/otlp-receiver';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';

// A producer and a worker, separate processes of an application whose NodeSDK runs OpenTelemetry's ioredis and
// http instrumentations (docs/setup.md, "An application with its own SDK"), with QueueOtel's sampler and
// SanitizingSpanProcessor: the Redis commands and HTTP calls land under the right QueueOtel span, and BullMQ's
// script calls, which carry every job's data and result, do not export them.
const app = new OtlpReceiver();
const PAYLOAD = 'private-note-5f0c2a';
const CLIENT = 3;
let queue: string;
let diagnostics: string[];

beforeAll(async () => {
  await app.start();
  queue = uniqueQueueName('ioredis');
  const env = { REDIS_URL: redisUrl(), QUEUE: queue, PAYLOAD, APP_ENDPOINT: app.url };
  const producer = JSON.parse(await runFixture('app-ioredis-instrumented.ts', { ...env, ROLE: 'producer' })) as { diagnostics: string[] };
  const worker = JSON.parse(await runFixture('app-ioredis-instrumented.ts', { ...env, ROLE: 'worker' })) as { diagnostics: string[] };
  diagnostics = [...producer.diagnostics, ...worker.diagnostics];
}, 90_000);
afterAll(() => app.stop());

function one(spans: ReceivedSpan[], what: string): ReceivedSpan {
  expect({ what, count: spans.length }).toEqual({ what, count: 1 });
  return spans[0]!;
}

const redisSpans = (service: string): ReceivedSpan[] => app.spans.filter((s) => s.service === service && s.attributes['db.system.name'] === 'redis');

test('the add is under the caller\'s span, its Redis script call under the add, the process span under the add', () => {
  const request = one(app.spans.filter((s) => s.name === 'handle request'), 'handle request');
  const add = one(app.spans.filter((s) => s.name === `add ${queue}`), 'add');
  expect(add.parentSpanId).toBe(request.spanId);
  const underAdd = redisSpans('ioredis-producer').filter((s) => s.parentSpanId === add.spanId);
  expect(underAdd.map((s) => s.attributes['db.operation.name'])).toContain('evalsha');
  const process = one(app.spans.filter((s) => s.name === `process ${queue}`), 'process');
  expect(process).toMatchObject({ traceId: add.traceId, parentSpanId: add.spanId, service: 'ioredis-worker' });
  expect(process.links).toEqual([{ traceId: add.traceId, spanId: add.spanId }]);
});

test('the handler\'s own Redis command and HTTP call are children of the job\'s process span', () => {
  const process = one(app.spans.filter((s) => s.name === `process ${queue}`), 'process');
  const underProcess = app.spans.filter((s) => s.parentSpanId === process.spanId);
  const get = underProcess.find((s) => s.attributes['db.operation.name'] === 'get');
  expect(get?.attributes['db.query.text']).toBe(`get ${queue}:handler-key`);
  expect(underProcess.filter((s) => s.kind === CLIENT && s.attributes['http.request.method'] === 'GET')).toHaveLength(1);
});

test('BullMQ\'s script calls keep the script digest, never the job\'s data or result', () => {
  const scripts = app.spans.filter((s) => s.attributes['db.operation.name'] === 'evalsha' && String(s.attributes['db.query.text']).includes(' '));
  expect(scripts.length).toBeGreaterThanOrEqual(2);
  for (const span of scripts) expect(span.attributes['db.query.text']).toMatch(/^evalsha [0-9a-f]{40} \[keys and arguments redacted\]$/);
  expect(app.bodies.join('\n')).not.toContain(PAYLOAD);
});

test('no OpenTelemetry diagnostic warning (no second context manager, propagator or provider registration)', () => {
  expect(diagnostics).toEqual([]);
});

describe('the processor with SQL literal stripping off', () => {
  // Turning stripping off (to read one's SQL) once exported every script argument: the job's data, in the add's call.
  const own = new OtlpReceiver();
  /** Runs a producer whose processor has `options`; its script calls' spans (those with arguments) as received. */
  const scriptCalls = async (options: object): Promise<ReceivedSpan[]> => {
    own.spans.length = 0;
    own.bodies.length = 0;
    const env = { REDIS_URL: redisUrl(), QUEUE: uniqueQueueName('ioredis-sql'), PAYLOAD, APP_ENDPOINT: own.url, ROLE: 'producer', SANITIZE: JSON.stringify(options) };
    await runFixture('app-ioredis-instrumented.ts', env);
    return own.spans.filter((s) => s.attributes['db.operation.name'] === 'evalsha' && String(s.attributes['db.query.text']).includes(' '));
  };
  beforeAll(() => own.start());
  afterAll(() => own.stop());

  test('BullMQ\'s script calls are still redacted', async () => {
    const scripts = await scriptCalls({ stripSqlLiterals: false });
    expect(scripts.length).toBeGreaterThanOrEqual(1);
    for (const span of scripts) expect(span.attributes['db.query.text']).toMatch(/^evalsha [0-9a-f]{40} \[keys and arguments redacted\]$/);
    expect(own.bodies.join('\n')).not.toContain(PAYLOAD);
  }, 60_000);

  test('with redactRedisScriptArgs off as well, the add\'s call is exported with its arguments', async () => {
    const scripts = await scriptCalls({ stripSqlLiterals: false, redactRedisScriptArgs: false });
    expect(scripts.map((s) => String(s.attributes['db.query.text'])).some((text) => text.includes(PAYLOAD))).toBe(true);
  }, 60_000);
});
