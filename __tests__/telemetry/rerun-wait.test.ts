import { DelayedError, Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import type { AttemptReport } from '../../src/telemetry/telemetry-observer';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';
import { closeAfterEach } from '../support/close-after-each';

/**
 * A job that runs again without a retry (moved to delayed by its handler, rate limited, recovered from a stall) keeps
 * `attemptsMade` at 0: only its first run has a wait, which the `wait` span, `bullmq.job.wait_ms` and the metrics'
 * wait time all leave out on later runs (BullMQ stores no time at which the job became ready again).
 */

const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const { closers, track } = closeAfterEach(() => exporter.reset());

/** Work long enough that a wait counted from enqueue on the second run would be visibly longer than the real one. */
const WORK_MS = 300;

async function work(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, WORK_MS));
}

interface Runs {
  processes: ReadableSpan[];
  waits: ReadableSpan[];
  reports: AttemptReport[];
}

/** Runs one job through `handler` until it completed, with a QueueOtel that records spans and attempt reports. */
async function runs(name: string, handler: (job: Job, token: string | undefined, worker: Worker) => Promise<void>, workerOptions: object = {}): Promise<Runs> {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const reports: AttemptReport[] = [];
  telemetry.addObserver({ onAttemptEnd: (report) => reports.push(report) });
  const queue = track(new Queue(name, { connection, telemetry }));
  closers.push(() => queue.obliterate({ force: true }));
  await queue.add('job', {});
  const worker: Worker = track(new Worker(name, (job, token) => handler(job, token, worker), { connection, telemetry, ...workerOptions }));
  const processes = await waitFor('the completed run', () => {
    const found = spansNamed(exporter.getFinishedSpans(), `process ${name}`);
    return found.some((s) => s.attributes['bullmq.job.outcome'] === 'completed') && found;
  }, 20_000);
  await waitFor('every attempt reported', () => reports.length === processes.length);
  return { processes, waits: spansNamed(exporter.getFinishedSpans(), `wait ${name}`), reports };
}

/** The first run has the only wait; the second has none, and is attempt 2. */
function expectOneWait({ processes, waits, reports }: Runs, firstOutcome: string): void {
  expect(processes.map((s) => [s.attributes['bullmq.job.attempt'], s.attributes['bullmq.job.outcome']])).toEqual([
    [1, firstOutcome],
    [2, 'completed'],
  ]);
  const [first, second] = processes as [ReadableSpan, ReadableSpan];
  expect(typeof first.attributes['bullmq.job.wait_ms']).toBe('number');
  expect(second.attributes['bullmq.job.wait_ms']).toBeUndefined();
  expect(waits).toHaveLength(1);
  // The one wait ends where the first run started, long before the second.
  expect(hrTimeToMilliseconds(waits[0]!.endTime)).toBeLessThan(hrTimeToMilliseconds(second.startTime) - WORK_MS);
  expect(waits[0]!.attributes['bullmq.job.wait_ms']).toBe(first.attributes['bullmq.job.wait_ms']);
  // The metrics agree with the spans: a wait for the first run only.
  expect(reports.map((r) => r.waitSeconds === undefined)).toEqual([false, true]);
}

test('a job its handler moved to delayed gets no second wait on its next run', async () => {
  const result = await runs(uniqueQueueName('rerun-delayed'), async (job, token) => {
    await work();
    if (job.attemptsStarted === 1) {
      await job.moveToDelayed(Date.now() + 500, token);
      throw new DelayedError();
    }
  });
  expectOneWait(result, 'delayed');
});

test('a rate-limited job gets no second wait on its next run', async () => {
  const result = await runs(uniqueQueueName('rerun-limited'), async (job, _token, worker) => {
    await work();
    if (job.attemptsStarted === 1) {
      await worker.rateLimit(500);
      throw Worker.RateLimitError();
    }
  });
  expectOneWait(result, 'rate_limited');
});

test('a job recovered from a stall gets no wait on the run that recovers it', async () => {
  const name = uniqueQueueName('rerun-stalled');
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const queue = track(new Queue(name, { connection, telemetry }));
  closers.push(() => queue.obliterate({ force: true }));
  await queue.add('job', {});
  // A worker that takes the job and never processes it nor renews its lock: the job stalls.
  const taker = track(new Worker(name, null, { connection, telemetry, lockDuration: 400 }));
  expect((await taker.getNextJob('taker'))?.attemptsStarted).toBe(1);
  await work();
  track(new Worker(name, async () => undefined, { connection, telemetry, stalledInterval: 300, lockDuration: 400 }));
  const span = await waitFor('the recovering run', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0], 20_000);
  expect(span.attributes['bullmq.job.stalled']).toBe(1);
  expect(span.attributes['bullmq.job.attempt']).toBe(2);
  expect(span.attributes['bullmq.job.wait_ms']).toBeUndefined();
  expect(spansNamed(exporter.getFinishedSpans(), `wait ${name}`)).toEqual([]);
});
