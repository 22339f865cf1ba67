import { Queue } from 'bullmq';
import { redisConnection, uniqueQueueName } from './support/redis';

test('the test Redis accepts jobs', async () => {
  const queue = new Queue(uniqueQueueName(), { connection: redisConnection() });
  const job = await queue.add('ping', { n: 1 });
  expect(await queue.getJobCounts('waiting')).toEqual({ waiting: 1 });
  expect(job.id).toBeDefined();
  await queue.obliterate({ force: true });
  await queue.close();
});
