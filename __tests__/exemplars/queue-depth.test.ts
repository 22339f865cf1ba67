import { Queue } from 'bullmq';
import { QueueMetrics } from '../../src/exemplars';
import { redisConnection, uniqueQueueName } from '../support/redis';
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

  test('untracking a queue stops refreshing it', async () => {
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
      expect(samplesOf(await samples(metrics), 'queue_otel_queue_jobs', { state: 'waiting' })[0]?.value).toBe(3);
      await metrics.close();
    } finally {
      jest.useRealTimers();
    }
  });
});

test('a queueDepthIntervalMs that is not a number is an error naming it (NaN would poll Redis every millisecond)', () => {
  expect(() => new QueueMetrics({ queueDepthIntervalMs: '5s' as unknown as number })).toThrow('queueDepthIntervalMs must be a number of milliseconds, got "5s"');
  expect(() => new QueueMetrics({ queueDepthIntervalMs: Number.NaN })).toThrow(/queueDepthIntervalMs/);
});
