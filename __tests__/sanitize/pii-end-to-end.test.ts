import { OtlpReceiver } from '../support/otlp-receiver';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';

const receiver = new OtlpReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

const PII = {
  email: 'ada.lovelace@example.org',
  card: '4111 1111 1111 1111',
  jwt: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkFkYSJ9.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk0',
  iban: 'GB82WEST12345698765432',
  phone: '+44 20 7946 0958',
  ip: '203.0.113.77',
  apiKey: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc',
};

test('jobs full of PII leave none of it in the bytes the OTLP receiver got; names, ids and queues remain', async () => {
  const queue = uniqueQueueName('pii');
  const ids = JSON.parse(await runFixture('pii-worker.ts', { REDIS_URL: redisUrl(), QUEUE: queue, OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, PII: JSON.stringify(PII) })) as string[];
  const bytes = receiver.bodies.join('\n');
  expect(receiver.spans.length).toBeGreaterThanOrEqual(6);
  for (const [kind, value] of Object.entries(PII)) {
    expect({ kind, found: bytes.includes(value) }).toEqual({ kind, found: false });
  }
  // Variants: the card without spaces, the e-mail's local part, the JWT's first segment.
  expect(bytes).not.toContain('4111111111111111');
  expect(bytes).not.toContain('ada.lovelace');
  expect(bytes).not.toContain('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9');
  // What an operator needs is still there.
  expect(bytes).toContain(queue);
  // setupTracing's default transport is http/protobuf: the bytes are protobuf, read back through the decoder.
  expect(receiver.contentTypes.every((type) => type.startsWith('application/x-protobuf'))).toBe(true);
  for (const name of ['charge', 'refund']) expect(receiver.spans.some((s) => s.attributes['bullmq.job.name'] === name)).toBe(true);
  for (const id of ids) expect(receiver.spans.some((s) => s.attributes['messaging.message.id'] === id)).toBe(true);
  const failed = receiver.spans.find((s) => s.name === `process ${queue}` && s.attributes['bullmq.job.name'] === 'refund')!;
  expect(failed.status.code).toBe(2);
  expect(failed.status.message).toMatch(/was declined/);
});
