import { Queue } from 'bullmq';
import { runFixture } from '../support/processes';
import { redisConnection, redisUrl, uniqueQueueName } from '../support/redis';

// A service that opens a Queue or Worker per request, sharing one QueueOtel: what a closed instance leaves behind
// must not grow with the number of instances. Child process: the count needs a forced garbage collection.
test('closed Queues and Workers sharing one QueueOtel are collected, and its span templates do not grow with them', async () => {
  const name = uniqueQueueName('churn');
  const out = await runFixture('churn.ts', { REDIS_URL: redisUrl(), QUEUE: name, QUEUES: '200', WORKERS: '40' }, 120_000, ['--expose-gc']);
  const report = JSON.parse(out.trim().split('\n').pop()!) as { instances: number; alive: number; templates: number };
  expect(report.instances).toBe(199 + 2 * 39);
  expect(report.alive).toBe(0);
  // One template per kind of span on this queue and server (add; process, complete, fail; the wait span), not one per
  // instance: the instances share their server's address object.
  expect(report.templates).toBeLessThanOrEqual(8);
  const queue = new Queue(name, { connection: redisConnection() });
  await queue.obliterate({ force: true });
  await queue.close();
}, 150_000);

test('Queues tracked by a QueueMetrics and closed without untracking are untracked: collected, no depth left, no refresh errors', async () => {
  const name = uniqueQueueName('churn-tracked');
  const out = await runFixture('churn.ts', { REDIS_URL: redisUrl(), QUEUE: name, QUEUES: '100', WORKERS: '0', TRACK: '1' }, 120_000, ['--expose-gc']);
  const report = JSON.parse(out.trim().split('\n').pop()!) as { instances: number; alive: number; depthSeries: number; refreshErrors: number };
  expect(report.instances).toBe(99);
  expect(report.alive).toBe(0);
  expect(report.depthSeries).toBe(0);
  expect(report.refreshErrors).toBe(0);
  const queue = new Queue(name, { connection: redisConnection() });
  await queue.obliterate({ force: true });
  await queue.close();
}, 150_000);
