import { redisUrl, uniqueQueueName } from '../support/redis';
import { OtlpReceiver } from '../support/otlp-receiver';
import { runFixture } from '../support/processes';
import { waitFor } from '../support/tracing';

const receiver = new OtlpReceiver();
let endpoint = '';

beforeAll(async () => {
  endpoint = await receiver.start();
});
afterAll(() => receiver.stop());

function env(queue: string, service: string, extra: Record<string, string> = {}): Record<string, string> {
  return { REDIS_URL: redisUrl(), QUEUE: queue, JOBS: '2', SERVICE_NAME: service, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint, ...extra };
}

test('a producer process and a worker process export one trace over OTLP/HTTP; the handler\'s calls join it', async () => {
  const queue = uniqueQueueName('xproc');
  const ids = JSON.parse(await runFixture('producer.ts', env(queue, 'signup-api'))) as string[];
  expect(ids).toHaveLength(2);
  await runFixture('worker.ts', env(queue, 'mailer'));
  const spans = await waitFor('worker spans', () => {
    const processes = receiver.spans.filter((s) => s.name === `process ${queue}`);
    return processes.length === 2 && receiver.spans;
  });
  for (const id of ids) {
    const send = spans.find((s) => s.name === `add ${queue}` && s.attributes['messaging.message.id'] === id)!;
    const processSpan = spans.find((s) => s.name === `process ${queue}` && s.attributes['messaging.message.id'] === id)!;
    expect(send.service).toBe('signup-api');
    expect(processSpan.service).toBe('mailer');
    expect(processSpan.traceId).toBe(send.traceId);
    expect(processSpan.parentSpanId).toBe(send.spanId);
    // The app span around the add is the producer span's parent.
    const app = spans.find((s) => s.spanId === send.parentSpanId)!;
    expect(app.name).toBe('POST /signup');
    // The handler's own span and its HTTP call are in the trace, under the process span.
    const render = spans.find((s) => s.name === 'render template' && s.parentSpanId === processSpan.spanId)!;
    expect(render).toBeDefined();
    const httpClient = spans.find((s) => s.parentSpanId === render.spanId && s.kind === 3)!;
    expect(httpClient.name).toBe('GET');
    const httpServer = spans.find((s) => s.parentSpanId === httpClient.spanId && s.kind === 2)!;
    expect(httpServer.traceId).toBe(send.traceId);
  }
}, 60_000);

test('a sandboxed processor in a child process continues the trace under the process span', async () => {
  const queue = uniqueQueueName('sandbox');
  const ids = JSON.parse(await runFixture('producer.ts', env(queue, 'signup-api'))) as string[];
  await runFixture('worker.ts', env(queue, 'mailer', { SANDBOX: '1' }));
  const spans = await waitFor('sandbox spans', () => {
    const found = receiver.spans.filter((s) => s.name === 'sandboxed work' && ids.includes(String(s.attributes['app.job.id'])));
    return found.length === 2 && receiver.spans;
  }, 15_000);
  for (const id of ids) {
    const processSpan = spans.find((s) => s.name === `process ${queue}` && s.attributes['messaging.message.id'] === id)!;
    const work = spans.find((s) => s.name === 'sandboxed work' && s.attributes['app.job.id'] === id)!;
    expect(work.traceId).toBe(processSpan.traceId);
    expect(work.parentSpanId).toBe(processSpan.spanId);
  }
}, 60_000);
