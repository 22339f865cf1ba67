import { createServer } from 'node:net';
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueMetrics } from '../../src/exemplars';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { waitForAsync } from '../support/tracing';
import { parseOpenMetrics, samplesOf } from './openmetrics-text';

async function samples(metrics: QueueMetrics) {
  return parseOpenMetrics(await metrics.registry.metrics());
}

describe('queue_otel_queue_jobs', () => {
  test('tracks the counts of a real queue per state, refreshed on the interval', async () => {
    const metrics = new QueueMetrics({ queueDepthIntervalMs: 100 });
    const name = uniqueQueueName('depth');
    const queue = new Queue(name, { connection: redisConnection() });
    try {
      await queue.add('a', {});
      await queue.add('b', {}, { delay: 60_000 });
      metrics.trackQueue(queue);
      await metrics.refreshQueueDepth();
      const depth = (state: string) => async () =>
        samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { messaging_destination_name: name, state })[0]?.value;
      expect(await depth('waiting')()).toBe(1);
      expect(await depth('delayed')()).toBe(1);
      await queue.add('c', {});
      // No explicit refresh: the interval must pick the new job up.
      const deadline = Date.now() + 3000;
      while ((await depth('waiting')()) !== 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await depth('waiting')()).toBe(2);
    } finally {
      await metrics.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  test('a failing getJobCounts is counted, never thrown, and close() stops the timer', async () => {
    jest.useFakeTimers();
    try {
      const metrics = new QueueMetrics({ queueDepthIntervalMs: 1000 });
      const getJobCounts = jest.fn(() => Promise.reject(new Error('redis down')));
      metrics.trackQueue({ name: 'broken', getJobCounts });
      await metrics.refreshQueueDepth();
      await jest.advanceTimersByTimeAsync(3000);
      const calls = getJobCounts.mock.calls.length;
      expect(calls).toBeGreaterThanOrEqual(3);
      const [errors] = samplesOf(await samples(metrics), 'queue_otel_queue_jobs_refresh_errors_total', { messaging_destination_name: 'broken' });
      expect(errors?.value).toBe(calls);
      await metrics.close();
      await jest.advanceTimersByTimeAsync(5000);
      expect(getJobCounts.mock.calls.length).toBe(calls);
    } finally {
      jest.useRealTimers();
    }
  });

  test('untracking a queue stops refreshing it and removes its series', async () => {
    jest.useFakeTimers();
    try {
      const metrics = new QueueMetrics({ queueDepthIntervalMs: 1000 });
      const getJobCounts = jest.fn(() => Promise.resolve({ waiting: 3 }));
      const untrack = metrics.trackQueue({ name: 'q', getJobCounts });
      await jest.advanceTimersByTimeAsync(1000);
      untrack();
      const calls = getJobCounts.mock.calls.length;
      await jest.advanceTimersByTimeAsync(5000);
      expect(getJobCounts.mock.calls.length).toBe(calls);
      // A stale depth would keep a backlog alert firing for a queue nobody tracks any more.
      expect(samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { messaging_destination_name: 'q' })).toEqual([]);
      await metrics.close();
    } finally {
      jest.useRealTimers();
    }
  });
});

/** A port with nothing listening: a Redis that is down. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a queue whose Redis is unreachable', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    const ignore = () => undefined;
    diag.setLogger({ error: ignore, warn: (message) => warnings.push(message), info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
  });
  afterEach(() => diag.disable());

  test('with a diag logger that throws, refreshes still resolve and count the failure', async () => {
    const ignore = () => undefined;
    // Replacing a logger warns through the new one: the beforeEach's goes first.
    diag.disable();
    diag.setLogger({ error: ignore, warn: () => { throw new Error('logger down'); }, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
    const metrics = new QueueMetrics({ queueDepthIntervalMs: 200 });
    const deadRedis = new Redis({ host: '127.0.0.1', port: await deadPort(), maxRetriesPerRequest: null, disconnectTimeout: 10 });
    deadRedis.on('error', () => undefined);
    const dead = new Queue(uniqueQueueName('depth-dead'), { connection: deadRedis });
    dead.on('error', () => undefined);
    try {
      metrics.trackQueue(dead);
      // Twice: the first refresh times out on the read, the second finds it still unanswered.
      await expect(metrics.refreshQueueDepth()).resolves.toBeUndefined();
      await expect(metrics.refreshQueueDepth()).resolves.toBeUndefined();
      const errors = samplesOf(await samples(metrics), 'queue_otel_queue_jobs_refresh_errors_total', { messaging_destination_name: dead.name })[0]?.value;
      expect(errors).toBeGreaterThanOrEqual(2);
    } finally {
      await metrics.close();
      deadRedis.disconnect();
    }
  });

  test('times out, is counted and logged once, and holds neither the healthy queue nor close()', async () => {
    const metrics = new QueueMetrics({ queueDepthIntervalMs: 200 });
    const goodName = uniqueQueueName('depth-good');
    const good = new Queue(goodName, { connection: redisConnection() });
    // getJobCounts() on this queue never settles: ioredis waits for the connection. The connection is the test's own,
    // as a Queue cannot be closed while its Redis is unreachable (close() waits for the connection too); ioredis
    // otherwise gives a connection attempt 2 s to end after disconnect(), keeping jest alive.
    const deadRedis = new Redis({ host: '127.0.0.1', port: await deadPort(), maxRetriesPerRequest: null, disconnectTimeout: 10 });
    deadRedis.on('error', () => undefined);
    const dead = new Queue(uniqueQueueName('depth-dead'), { connection: deadRedis });
    dead.on('error', () => undefined);
    try {
      await good.add('a', {});
      metrics.trackQueue(dead);
      metrics.trackQueue(good);
      const waiting = async () => samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { messaging_destination_name: goodName, state: 'waiting' })[0]?.value;
      const errors = async () =>
        samplesOf(await samples(metrics), 'queue_otel_queue_jobs_refresh_errors_total', { messaging_destination_name: dead.name })[0]?.value ?? 0;
      // Resolves although the dead queue's read never does (the timeout); before, it hung, and so did the test.
      await metrics.refreshQueueDepth();
      expect(await waiting()).toBe(1);
      // The interval keeps refreshing the healthy queue while the dead one's read hangs.
      await good.add('b', {});
      await waitForAsync('the healthy queue gauge to follow', async () => (await waiting()) === 2);
      await waitForAsync('the dead queue refreshes to be counted as errors', async () => (await errors()) >= 3);
      const logged = warnings.filter((w) => w.includes(dead.name));
      expect(logged).toEqual([expect.stringContaining('no answer within 200 ms')]);
      // Resolves although the dead queue's read is still in flight (before, it waited for it forever).
      await metrics.close();
    } finally {
      await metrics.close();
      deadRedis.disconnect();
      await good.obliterate({ force: true });
      await good.close();
    }
  });
});

test('states that drop out and every queue at close() leave no series behind', async () => {
  const metrics = new QueueMetrics({ queueDepthIntervalMs: 60_000 });
  let counts: Record<string, number> = { waiting: 2, delayed: 1 };
  metrics.trackQueue({ name: 'shrinking', getJobCounts: () => Promise.resolve(counts) });
  await metrics.refreshQueueDepth();
  expect(samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { messaging_destination_name: 'shrinking' })).toHaveLength(2);
  counts = { waiting: 0 };
  await metrics.refreshQueueDepth();
  expect(samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { messaging_destination_name: 'shrinking' }).map((s) => s.labels.state)).toEqual(['waiting']);
  await metrics.close();
  expect(samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { messaging_destination_name: 'shrinking' })).toEqual([]);
});

test('a queueDepthIntervalMs that is not a number is an error naming it (NaN would poll Redis every millisecond)', () => {
  expect(() => new QueueMetrics({ queueDepthIntervalMs: '5s' as unknown as number })).toThrow('queueDepthIntervalMs must be a number of milliseconds, got "5s"');
  expect(() => new QueueMetrics({ queueDepthIntervalMs: Number.NaN })).toThrow(/queueDepthIntervalMs/);
});
