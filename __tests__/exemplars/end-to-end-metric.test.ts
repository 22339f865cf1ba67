import { Queue, Worker } from 'bullmq';
import { QueueOtel } from '../../src';
import { QueueMetrics, QueueMetricNames } from '../../src/exemplars';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';

/**
 * queue_otel_job_end_to_end_duration_seconds is "enqueue → final outcome": one observation per job, however many
 * attempts it took. A retried attempt is no outcome of the job.
 */
const connection = redisConnection();

/** The `_count` samples of the end-to-end histogram for `queue`, summed per outcome. */
async function endToEndCounts(metrics: QueueMetrics, queue: string): Promise<Record<string, number>> {
  const text = await metrics.registry.metrics();
  const counts: Record<string, number> = {};
  for (const [, labels = '', value] of text.matchAll(new RegExp(`^${QueueMetricNames.endToEndDuration}_count\\{([^}]*)\\} (\\d+)`, 'gm'))) {
    if (!labels.includes(`messaging_destination_name="${queue}"`)) continue;
    const outcome = /outcome="([^"]*)"/.exec(labels)?.[1] ?? '';
    counts[outcome] = (counts[outcome] ?? 0) + Number(value);
  }
  return counts;
}

test('a job retried twice then completed, and one failing for good after 2 attempts, are observed once each', async () => {
  const { provider } = createTestTracing();
  const metrics = new QueueMetrics();
  const telemetry = new QueueOtel({ tracerProvider: provider, metrics });
  const queue = new Queue(uniqueQueueName('e2e'), { connection, telemetry });
  let settled = 0;
  const worker = new Worker(queue.name, async (job) => {
    // 'flaky' fails its first two attempts; 'doomed' fails every one.
    if (job.name === 'doomed' || job.attemptsMade < 2) throw new Error('not yet');
  }, { connection, telemetry });
  worker.on('completed', () => settled++);
  worker.on('failed', (job) => {
    if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) settled++;
  });
  try {
    for (let i = 0; i < 3; i++) await queue.add('flaky', {}, { attempts: 3 });
    await queue.add('doomed', {}, { attempts: 2 });
    await waitFor('every job settled for good', () => settled === 4);
    const text = await metrics.registry.metrics();
    // 3 × 3 + 2 attempts reached the processor ...
    const consumed = [...text.matchAll(new RegExp(`^messaging_client_consumed_messages_total\\{[^}]*${queue.name}[^}]*\\} (\\d+)`, 'gm'))];
    expect(consumed.reduce((sum, m) => sum + Number(m[1]), 0)).toBe(11);
    // ... and 4 jobs reached a final outcome.
    expect(await endToEndCounts(metrics, queue.name)).toEqual({ completed: 3, failed: 1 });
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await metrics.close();
  }
});

test('recordAttempt observes the end-to-end time of final outcomes only, whatever the caller gives', async () => {
  const metrics = new QueueMetrics();
  for (const outcome of ['retried', 'stalled', 'completed', 'failed'] as const) {
    metrics.recordAttempt({ queue: 'q', jobName: 'j', outcome, processSeconds: 1, endToEndSeconds: 2 });
  }
  expect(await endToEndCounts(metrics, 'q')).toEqual({ completed: 1, failed: 1 });
  await metrics.close();
});
