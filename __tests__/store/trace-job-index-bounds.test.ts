import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MAX_OPEN_QUEUES, TraceJobIndex } from '../../src/store/trace-job-index';
import { jobField } from '../../src/store/job-ref';
import { storeKeys } from '../../src/store/keys';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { uniquePrefix } from './store-fixtures';

// Live states are read through BullMQ queues opened on the index's shared client, one per queue name found in stored
// traces; each puts listeners on that client. A long-lived reader (a UI, a service answering trace links) must not
// keep one per name it ever saw.
test(`a TraceJobIndex keeps at most ${MAX_OPEN_QUEUES} queues open, and their listeners on the shared client with them`, async () => {
  const redis = new Redis(redisConnection());
  const keyPrefix = uniquePrefix();
  const base = uniqueQueueName('idx-bound');
  const names = Array.from({ length: 3 * MAX_OPEN_QUEUES }, (_, i) => `${base}-${i}`);
  const index = new TraceJobIndex({ connection: redis, keyPrefix });
  const listenersBefore = redis.listenerCount('error');
  try {
    // One real job in the last queue, so a read through a queue opened after many evictions still sees live state.
    const last = new Queue(names.at(-1)!, { connection: redisConnection() });
    const job = await last.add('kept', {});
    await last.close();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const fields = names.flatMap((name, i) => [jobField(name, i === names.length - 1 ? job.id! : `missing-${i}`), `job-${i}`]);
    await redis.hset(storeKeys(keyPrefix).jobs(traceId), ...fields);
    const jobs = await index.jobsOfTrace(traceId, { withState: true });
    expect(jobs).toHaveLength(names.length);
    expect(jobs.find((j) => j.queue === names.at(-1))?.state).toBe('waiting');
    expect(jobs.filter((j) => j.state === 'unknown')).toHaveLength(names.length - 1);
    expect(index.openQueues).toBe(MAX_OPEN_QUEUES);
    // Evicted queues close in the background: wait for their listeners to leave the shared client.
    const deadline = Date.now() + 10_000;
    while (redis.listenerCount('error') > listenersBefore + MAX_OPEN_QUEUES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(redis.listenerCount('error')).toBeLessThanOrEqual(listenersBefore + MAX_OPEN_QUEUES);
    await index.close();
    expect(redis.listenerCount('error')).toBe(listenersBefore);
  } finally {
    await index.close();
    for (const name of names.slice(-1)) {
      const queue = new Queue(name, { connection: redisConnection() });
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await redis.quit();
  }
});

// A UI reads a trace's related jobs again at every refresh. A trace spanning a few more queues than are kept open must
// not reopen all of them each time (its queues are visited in the same order at every read).
test('reading a trace of a few more queues than are kept open again reopens only those few', async () => {
  const redis = new Redis(redisConnection());
  const keyPrefix = uniquePrefix();
  const base = uniqueQueueName('idx-reread');
  const extra = 4;
  const names = Array.from({ length: MAX_OPEN_QUEUES + extra }, (_, i) => `${base}-${String(i).padStart(3, '0')}`);
  const index = new TraceJobIndex({ connection: redis, keyPrefix });
  try {
    const traceId = '5bf92f3577b34da6a3ce929d0e0e4736';
    await redis.hset(storeKeys(keyPrefix).jobs(traceId), ...names.flatMap((name, i) => [jobField(name, `missing-${i}`), `job-${i}`]));
    const first = await index.jobsOfTrace(traceId, { withState: true });
    expect(first.map((j) => j.queue)).toEqual(names);
    expect(index.queuesOpened).toBe(names.length);
    expect(index.openQueues).toBe(MAX_OPEN_QUEUES);
    await index.jobsOfTrace(traceId, { withState: true });
    expect(index.queuesOpened - names.length).toBeLessThanOrEqual(extra);
    expect(index.openQueues).toBe(MAX_OPEN_QUEUES);
  } finally {
    await index.close();
    await redis.quit();
  }
});
