import { parseKeyValueList, readEnvSettings, tracesUrl } from '../../src/setup';
import { OtlpReceiver } from '../support/otlp-receiver';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';

const receiver = new OtlpReceiver();
beforeAll(() => receiver.start());
afterAll(() => receiver.stop());

test('code options reach the backend: endpoint, headers, service name, resource attributes', async () => {
  const queue = uniqueQueueName('setup');
  const out = JSON.parse(await runFixture('setup-tracing.ts', { REDIS_URL: redisUrl(), QUEUE: queue, CODE_ENDPOINT: `http://127.0.0.1:${receiver.port}` }));
  expect(out).toEqual({ enabled: true, endpoint: receiver.url });
  const spans = receiver.spans.filter((s) => s.attributes['messaging.destination.name'] === queue);
  expect(spans.map((s) => s.name).sort()).toEqual([`process ${queue}`, `send ${queue}`, `wait ${queue}`]);
  expect(spans.every((s) => s.service === 'from-code')).toBe(true);
  expect(receiver.headers.some((h) => h['x-from-code'] === 'yes')).toBe(true);
});

test('OTEL_* variables override the code: endpoint, auth headers, service name, resource attributes', async () => {
  const queue = uniqueQueueName('setup-env');
  const before = receiver.bodies.length;
  const out = JSON.parse(
    await runFixture('setup-tracing.ts', {
      REDIS_URL: redisUrl(),
      QUEUE: queue,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20s3cret',
      OTEL_SERVICE_NAME: 'from-env',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging',
    }),
  );
  expect(out.endpoint).toBe(receiver.url);
  const spans = receiver.spans.filter((s) => s.attributes['messaging.destination.name'] === queue);
  expect(spans.length).toBe(3);
  expect(spans.every((s) => s.service === 'from-env')).toBe(true);
  expect(receiver.headers.some((h) => h.authorization === 'Bearer s3cret')).toBe(true);
  expect(receiver.bodies.slice(before).join('')).toContain('staging');
  // The default attribute policy applies: the payload never leaves the process.
  expect(receiver.bodies.join('')).not.toContain('ada@example.com');
});

test('OTEL_SDK_DISABLED=true starts nothing and jobs still run', async () => {
  const queue = uniqueQueueName('setup-off');
  const out = JSON.parse(await runFixture('setup-tracing.ts', { REDIS_URL: redisUrl(), QUEUE: queue, OTEL_SDK_DISABLED: 'true', CODE_ENDPOINT: `http://127.0.0.1:${receiver.port}` }));
  expect(out).toEqual({ enabled: false });
  expect(receiver.spans.filter((s) => s.attributes['messaging.destination.name'] === queue)).toEqual([]);
});

test('environment parsing follows the OTLP exporter specification', () => {
  expect(parseKeyValueList('a=1, b=x%20y,bad,c=')).toEqual({ a: '1', b: 'x y', c: '' });
  expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
  expect(readEnvSettings({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://t/v1/traces', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://g' }).tracesEndpoint).toBe('http://t/v1/traces');
  expect(readEnvSettings({ OTEL_EXPORTER_OTLP_HEADERS: 'a=1', OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'a=2' }).headers).toEqual({ a: '2' });
});
