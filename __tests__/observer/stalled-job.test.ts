import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { createOpenMetricsRegistry, QueueMetrics } from '../../src/exemplars';
import { QueueEventsObserver } from '../../src/observer';
import { PROCESSED_MARKER_FIELD } from '../../src/vocabulary';
import { redisUrl } from '../support/redis';
import { parentOf, waitFor } from '../support/tracing';
import { startFixture } from './child-process';
import type { RunningFixture } from './child-process';
import { ms, observerHarness } from './observer-harness';

const h = observerHarness();
let fixture: RunningFixture | undefined;
afterEach(async () => {
  fixture?.kill();
  fixture = undefined;
  await h.closeAll();
});

test('a worker killed with SIGKILL mid-job yields a stall span in the job trace, counted with an exemplar', async () => {
  const registry = createOpenMetricsRegistry();
  const telemetry = h.otel({ metrics: new QueueMetrics({ registry }) });
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'stall');
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  const job = await queue.add('render', { page: 1 });

  fixture = startFixture('hanging-worker.ts', { REDIS_URL: redisUrl(), QUEUE: name });
  await fixture.waitForLine(new RegExp(`active ${job.id}`));
  const activeAt = Date.now();
  fixture.kill('SIGKILL');
  await fixture.exited;

  // Another (plain) worker runs the stalled check quickly, then processes the job's second attempt.
  h.plainWorker(name, async () => 'done', { stalledInterval: 300, lockDuration: 1000 });
  await waitFor('stall span', () => observer.stats().stalls >= 1 || undefined, 15_000);
  await waitFor('second attempt observed', () => observer.stats().processed >= 1 || undefined, 10_000);
  await observer.flush();

  const spans = h.spansOf(name);
  const send = spans.find((s) => s.name === `add ${name}`)!;
  const stall = spans.find((s) => s.name === `stalled ${name}`)!;
  expect(stall).toBeDefined();
  expect(stall.spanContext().traceId).toBe(send.spanContext().traceId);
  expect(parentOf(stall)).toBe(send.spanContext().spanId);
  expect(stall.links.map((link) => link.context.spanId)).toEqual([send.spanContext().spanId]);
  // It stands for the processing attempt that died: operation type process, so a CONSUMER span.
  expect(stall.kind).toBe(SpanKind.CONSUMER);
  expect(stall.attributes).toMatchObject({
    'messaging.operation.name': 'stalled',
    'messaging.operation.type': 'process',
    'error.type': 'stalled',
    'bullmq.observed': true,
    'bullmq.job.outcome': 'stalled',
    'bullmq.job.attempt': 1,
    'bullmq.job.stalled': 1,
    'messaging.message.id': job.id,
    'bullmq.job.name': 'render',
  });
  expect(stall.status.code).toBe(SpanStatusCode.ERROR);
  // A consumer span: the Redis server of the QueueEvents, the same as the send's.
  expect(typeof stall.attributes['server.address']).toBe('string');
  expect(stall.attributes['server.address']).toBe(send.attributes['server.address']);
  expect(stall.attributes['server.port']).toBe(send.attributes['server.port']);
  // From the dead attempt's start to its detection, which comes after the lock expired.
  expect(Math.abs(ms(stall.startTime) - activeAt)).toBeLessThan(1000);
  expect(ms(stall.endTime) - ms(stall.startTime)).toBeGreaterThanOrEqual(900);
  expect(stall.events.map((e) => e.name)).toContain('job stalled');

  // The marked attempt 1 stalled; attempt 2 ran on a plain worker and is recorded, in the same trace.
  const process = spans.find((s) => s.name === `process ${name}` && s.attributes['bullmq.observed'] === true)!;
  expect(process.attributes).toMatchObject({ 'bullmq.job.attempt': 2, 'bullmq.job.stalled': 1, 'bullmq.job.outcome': 'completed' });
  expect(process.spanContext().traceId).toBe(send.spanContext().traceId);
  // The killed worker did write its marker, for attempt 1 only.
  expect(await (await queue.getBackend().client).hget(queue.toKey(job.id!), PROCESSED_MARKER_FIELD)).toBe('1');

  const text = await registry.metrics();
  const line = text.split('\n').find((l) => l.startsWith('queue_otel_jobs_stalled_total{') && l.includes(name))!;
  expect(line).toContain(`trace_id="${stall.spanContext().traceId}"`);
  expect(line).toContain(`span_id="${stall.spanContext().spanId}"`);
});
