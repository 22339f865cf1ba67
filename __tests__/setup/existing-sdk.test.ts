import { OtlpReceiver } from '../support/otlp-receiver';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';

// The application owns its SDK (a real NodeSDK) and adds QueueOtel's pieces; setupTracing() is called as well.
const app = new OtlpReceiver();
const setup = new OtlpReceiver();
beforeAll(async () => {
  await app.start();
  await setup.start();
});
afterAll(async () => {
  await app.stop();
  await setup.stop();
});

const PII = {
  email: 'ada.lovelace@example.org',
  card: '4111 1111 1111 1111',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk0',
  iban: 'GB82WEST12345698765432',
  phone: '+44 20 7946 0958',
};

interface AppResult {
  setup: Array<{ enabled: boolean; reason?: string }>;
  warnings: string[];
}

let queue: string;
let result: AppResult;
beforeAll(async () => {
  queue = uniqueQueueName('own-sdk');
  const out = await runFixture('app-own-sdk.ts', {
    REDIS_URL: redisUrl(),
    QUEUE: queue,
    PII: JSON.stringify(PII),
    APP_ENDPOINT: app.url,
    SETUP_ENDPOINT: `http://127.0.0.1:${setup.port}`,
  });
  result = JSON.parse(out) as AppResult;
}, 60_000);

test("QueueOtel's spans and the app's own go to the app's exporter, sampled by its QueueSampler per queue", () => {
  const ofQueue = app.spans.filter((s) => (s.attributes['messaging.destination.name'] ?? s.attributes['bullmq.queue.name']) === queue);
  expect(ofQueue.map((s) => s.name).sort()).toEqual([`add ${queue}`, `add ${queue}`, `process ${queue}`, `process ${queue}`, `wait ${queue}`, `wait ${queue}`]);
  // The handler's own span joins each sampled job's process span. The unsampled queue's job ran outside any trace
  // context (`unsampledJobs: 'lean'`, the default), so its handler's span began a trace of its own, decided by the
  // app's sampler as any other root span (docs/sampling.md).
  const processIds = new Set(ofQueue.filter((s) => s.name === `process ${queue}`).map((s) => s.spanId));
  const charges = app.spans.filter((s) => s.name === 'charge card');
  expect(charges).toHaveLength(3);
  expect(charges.filter((s) => s.parentSpanId !== undefined && processIds.has(s.parentSpanId))).toHaveLength(2);
  expect(charges.filter((s) => s.parentSpanId === undefined)).toHaveLength(1);
  expect(app.spans.every((s) => s.service === 'app-own-sdk')).toBe(true);
  // The unsampled queue's jobs ran (the fixture waited for them) but left no span: rate 0 for that queue.
  expect(app.spans.filter((s) => String(s.attributes['messaging.destination.name']).endsWith('-unsampled'))).toEqual([]);
  const failed = ofQueue.find((s) => s.name === `process ${queue}` && s.status.code === 2);
  expect(failed?.status.message).toMatch(/was declined/);
});

test("planted PII in job names and job data reaches none of the app's exported bytes", () => {
  const bytes = app.bodies.join('\n');
  expect(bytes.length).toBeGreaterThan(0);
  for (const [kind, value] of Object.entries(PII)) expect({ kind, found: bytes.includes(value) }).toEqual({ kind, found: false });
  expect(bytes).not.toContain('4111111111111111');
  expect(bytes).not.toContain('ada.lovelace');
  expect(bytes).not.toContain('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
  expect(bytes).toContain(queue);
});

test('setupTracing() after the app started its SDK warns once, clearly, and starts nothing', () => {
  expect(result.setup).toEqual([
    { enabled: false, reason: 'provider-already-registered' },
    { enabled: false, reason: 'provider-already-registered' },
  ]);
  expect(result.warnings).toHaveLength(1);
  expect(result.warnings[0]).toMatch(/^queue-otel\/setup: a tracer provider is already registered .*starts nothing.*QueueSampler.*SanitizingSpanProcessor/);
  expect(setup.requests).toBe(0);
});
