import { context, trace } from '@opentelemetry/api';
import { Queue, Worker } from 'bullmq';
import type { RepeatOptions } from 'bullmq';
import { QueueOtel } from '../../src';
import type { SendReport } from '../../src/telemetry/telemetry-observer';
import type { UnsampledJobs } from '../../src/telemetry/options';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

/**
 * One trace per iteration of a job scheduler: the `add` by which the Worker schedules the next iteration (BullMQ's
 * upsert with `override: false`) records nothing, instead of leaving a one-span trace beside every iteration. Its
 * send is still measured.
 */

const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { closers, track } = closeAfterEach(() => exporter.reset());

async function iterate(repeat: RepeatOptions, count: number, options: { producerTraced: boolean; unsampledJobs?: UnsampledJobs }) {
  const name = uniqueQueueName('iter');
  const telemetry = new QueueOtel({ tracerProvider: provider, unsampledJobs: options.unsampledJobs ?? 'lean' });
  const sends: SendReport[] = [];
  telemetry.addObserver({ onSent: (report) => sends.push(report) });
  const queue = track(new Queue(name, options.producerTraced ? { connection, telemetry } : { connection }));
  closers.push(async () => {
    await queue.removeJobScheduler('tick');
    await queue.obliterate({ force: true });
  });
  const app = provider.getTracer('app').startSpan('deploy');
  await context.with(trace.setSpan(context.active(), app), () => queue.upsertJobScheduler('tick', repeat, { name: 'tick', data: {} }));
  app.end();
  track(new Worker(name, async () => undefined, { connection, telemetry }));
  const ticks = await waitFor(`${count} iterations`, () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.length >= count && found;
  }, 15_000);
  return { name, app, ticks, sends, telemetry, queue };
}

test.each([
  ['every', { every: 200 }, 3],
  // A cron pattern: BullMQ awaits the next time before it traces the upsert.
  ['cron pattern', { pattern: '* * * * * *' }, 2],
])('each iteration of a job scheduler (%s) is one trace, with no trace of the worker scheduling the next', async (_kind, repeat, count) => {
  const { name, app, ticks, sends } = await iterate(repeat, count, { producerTraced: true });
  const spans = exporter.getFinishedSpans();
  // The only add is the application's upsert, in the application's trace.
  const adds = spansNamed(spans, `add ${name}`);
  expect(adds).toHaveLength(1);
  expect(adds[0]!.spanContext().traceId).toBe(app.spanContext().traceId);
  // Every trace is the application's or an iteration's (the worker's sends for the next iterations left none).
  const iterationTraces = new Set(ticks.map((s) => s.spanContext().traceId));
  expect(iterationTraces.size).toBe(ticks.length);
  // Listed by name, so that a failure says which span started a trace of its own.
  const known = new Set([app.spanContext().traceId, ...iterationTraces]);
  expect(spans.filter((s) => !known.has(s.spanContext().traceId)).map((s) => s.name)).toEqual([]);
  for (const tick of ticks) expect(tick.links.map((l) => l.context.spanId)).toEqual([adds[0]!.spanContext().spanId]);
  // The worker's sends are still measured, with no trace to point an exemplar at.
  const workerSends = sends.filter((s) => s.traceId === undefined);
  expect(workerSends.length).toBeGreaterThanOrEqual(count - 1);
  for (const send of workerSends) expect(send).toMatchObject({ queue: name, operation: 'add', jobName: 'tick', count: 1 });
});

test.each(['lean', 'propagate'] as const)('with unsampledJobs %s, iterations of a scheduler upserted without a trace start traces of their own, linked to nothing', async (unsampledJobs) => {
  const { name, ticks, telemetry, queue } = await iterate({ every: 200 }, 3, { producerTraced: false, unsampledJobs });
  expect(spansNamed(exporter.getFinishedSpans(), `add ${name}`)).toEqual([]);
  for (const tick of ticks) expect(tick.links).toEqual([]);
  expect(new Set(ticks.map((s) => s.spanContext().traceId)).size).toBe(ticks.length);
  // The worker's sends wrote nothing into the iterations (not even the unsampled mark: no sampling decided it), and
  // writing no context is no propagation failure.
  const jobs = await queue.getJobs(['completed']);
  expect(jobs.length).toBeGreaterThanOrEqual(3);
  for (const job of jobs) expect(job.opts.telemetry?.metadata).toBeUndefined();
  expect(telemetry.propagationFailures.snapshot()).toEqual({});
});
