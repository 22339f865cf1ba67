import type { Job, JobsOptions } from 'bullmq';
import { outcomesOf, plainEverywhere } from './parity-compare';
import type { Scenario } from './parity-compare';
import { allJobs, jobFacts, warnings } from './parity-support';

/**
 * BullMQ with QueueOtel does what BullMQ without it does: repetition, job schedulers, delays, priorities, lifo and
 * deduplication, for every variant of parity-support.ts (sampled, unsampled lean and propagate, compact metadata,
 * every option, and one side traced only).
 */

/** Millisecond gaps between the times in scheduler job ids (`repeat:<id>:<millis>`), in order. */
/**
 * Whether the iterations' ids (which end in their scheduled time) lie on the scheduler's grid: each a whole number of
 * `every` milliseconds after the one before. Not the gaps themselves: how many slots pass before the worker takes the
 * first iteration depends on timing (plain BullMQ gave 400 and 600 ms in runs of the same scenario).
 */
function onTheGrid(jobs: Job[], every: number): boolean {
  const times = jobs.map((job) => Number(String(job.id).split(':').pop())).sort((a, b) => a - b);
  return times.length > 1 && times.slice(1).every((time, i) => time > times[i]! && (time - times[i]!) % every === 0);
}

const SCENARIOS: Record<string, Scenario> = {
  // BullMQ 6 has no legacy `repeat` option on add any more (only job schedulers repeat): one job, in both.
  'legacy repeat option (every)': async (b) => {
    const queue = b.queue();
    const added = await queue.add('x', { n: 1 }, { repeat: { every: 200 } } as JobsOptions);
    b.worker(async (job) => job.data.n);
    // A worker adds a repetition's next job when it takes one, so after the completion any next one exists.
    const counts = await b.until(queue, 'completion', (c) => c.completed! >= 1);
    return { id: added.id, counts, schedulers: await queue.getJobSchedulersCount(), jobs: await allJobs(queue) };
  },
  'legacy repeat option (pattern, limit)': async (b) => {
    const queue = b.queue();
    await queue.add('x', { n: 1 }, { repeat: { pattern: '* * * * * *', limit: 2 } } as JobsOptions);
    b.worker(async (job) => job.data.n);
    const counts = await b.until(queue, 'completion', (c) => c.completed! >= 1);
    return { counts, schedulers: await queue.getJobSchedulersCount(), jobs: await allJobs(queue) };
  },
  'job scheduler (every, limit 3)': async (b) => {
    const queue = b.queue();
    await queue.upsertJobScheduler('tick', { every: 200, limit: 3 }, { name: 'tick', data: { n: 2 } });
    b.worker(async (job) => job.data.n);
    const counts = await b.until(queue, '3 iterations', (c) => c.completed! >= 3);
    const jobs = await queue.getJobs(['completed']);
    const repeats = jobs.map((job) => (job.opts as { repeat?: { count: number } }).repeat!).sort((x, y) => x.count - y.count);
    // A failed expectation is the scenario's outcome, `threw`, which the test refuses for plain BullMQ.
    expect(onTheGrid(jobs, 200)).toBe(true);
    return { counts, repeats, data: jobs.map((j) => j.data), names: jobs.map((j) => j.name), schedulers: await queue.getJobSchedulersCount() };
  },
  'job scheduler (cron pattern, limit 2)': async (b) => {
    const queue = b.queue();
    await queue.upsertJobScheduler('cron', { pattern: '* * * * * *', limit: 2 }, { name: 'cron', data: {} });
    b.worker(async () => 'ok');
    const counts = await b.until(queue, '2 iterations', (c) => c.completed! >= 2);
    const jobs = await queue.getJobs(['completed']);
    expect(onTheGrid(jobs, 1000)).toBe(true);
    return { counts, returned: jobs.map((j) => j.returnvalue) };
  },
  'delayed job': async (b) => {
    const queue = b.queue();
    const added = await queue.add('d', {}, { delay: 300 });
    const before = await queue.getJobCounts();
    b.worker(async () => 'late');
    await b.until(queue, 'completion', (c) => c.completed! >= 1);
    const job = (await queue.getJob(added.id!))!;
    return { before, waitedTheDelay: job.processedOn! - job.timestamp >= 300, job: await jobFacts(job) };
  },
  'priorities and lifo, one at a time': async (b) => {
    const queue = b.queue();
    await queue.add('p5', {}, { priority: 5 });
    await queue.add('p1', {}, { priority: 1 });
    await queue.add('p3', {}, { priority: 3 });
    await queue.add('plain', {});
    await queue.add('plain-lifo', {}, { lifo: true });
    const order: string[] = [];
    b.worker(async (job) => void order.push(job.name), { concurrency: 1 });
    await b.until(queue, '5 completions', (c) => c.completed! >= 5);
    return { order, jobs: await allJobs(queue) };
  },
  'deduplication (simple mode)': async (b) => {
    const queue = b.queue();
    const first = await queue.add('a', { v: 1 }, { deduplication: { id: 'dup' } });
    const second = await queue.add('b', { v: 2 }, { deduplication: { id: 'dup' } });
    const holder = await queue.getDeduplicationJobId('dup');
    b.worker(async (job) => job.data.v);
    await b.until(queue, 'completion', (c) => c.completed! >= 1);
    return { ids: [first.id, second.id], holder, jobs: await allJobs(queue) };
  },
  'deduplication (ttl, extend, replace)': async (b) => {
    const queue = b.queue();
    const dedup = { id: 'dup', ttl: 60_000, extend: true, replace: true };
    const first = await queue.add('a', { v: 1 }, { delay: 60_000, deduplication: dedup });
    const second = await queue.add('b', { v: 2 }, { delay: 60_000, deduplication: dedup });
    return { ids: [first.id, second.id], holder: await queue.getDeduplicationJobId('dup'), jobs: await allJobs(queue) };
  },
  'deduplication (ttl, no extend), second add inside the ttl': async (b) => {
    const queue = b.queue();
    const first = await queue.add('a', { v: 1 }, { deduplication: { id: 'dup', ttl: 60_000 } });
    b.worker(async (job) => job.data.v);
    await b.until(queue, 'completion', (c) => c.completed! >= 1);
    const second = await queue.add('b', { v: 2 }, { deduplication: { id: 'dup', ttl: 60_000 } });
    return { ids: [first.id, second.id], jobs: await allJobs(queue) };
  },
};

test.each(Object.keys(SCENARIOS))('%s: the same with QueueOtel as without', async (name) => {
  const outcomes = await outcomesOf(SCENARIOS[name]!);
  // Plain BullMQ ran the scenario to its end: a run that failed (a wait timed out) would fail every variant alike.
  expect(outcomes.plain).not.toHaveProperty('threw');
  expect(outcomes).toEqual(plainEverywhere(outcomes));
  expect(warnings).toEqual([]);
});
