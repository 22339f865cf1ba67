import { DelayedError, UnrecoverableError, WaitingChildrenError, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { outcomesOf, plainEverywhere } from './parity-compare';
import type { Scenario } from './parity-compare';
import { allJobs, jobFacts, warnings } from './parity-support';
import { waitFor } from '../support/tracing';

/**
 * BullMQ with QueueOtel does what BullMQ without it does when jobs run: addBulk, retries and backoff, the control-flow
 * errors, rate limits, manual processing, retry and changeDelay, updateData, removeOnComplete/removeOnFail, keepLogs,
 * for every variant of parity-support.ts. Flows and the user's own `telemetry` option: parity-flows.test.ts.
 */

const SCENARIOS: Record<string, Scenario> = {
  addBulk: async (b) => {
    const queue = b.queue();
    const added = await queue.addBulk([
      { name: 'a', data: { n: 1 } },
      { name: 'b', data: { n: 2 }, opts: { jobId: 'custom', priority: 2 } },
      { name: 'c', data: { n: 3 }, opts: { delay: 50, attempts: 2 } },
    ]);
    b.worker(async (job) => job.data.n * 10);
    await b.until(queue, '3 completions', (c) => c.completed! >= 3);
    return { ids: added.map((job) => job.id), jobs: await allJobs(queue) };
  },
  'retries with fixed and exponential backoff': async (b) => {
    const queue = b.queue();
    await queue.add('fixed', {}, { attempts: 3, backoff: { type: 'fixed', delay: 30 } });
    await queue.add('exponential', {}, { attempts: 3, backoff: { type: 'exponential', delay: 20 } });
    await queue.add('exhausted', {}, { attempts: 2, backoff: 10 });
    await queue.add('unrecoverable', {}, { attempts: 5 });
    b.worker(async (job) => {
      if (job.name === 'unrecoverable') throw new UnrecoverableError('stop');
      if (job.name === 'exhausted' || job.attemptsMade < 2) throw new TypeError(`run ${job.attemptsMade}`);
      return job.attemptsMade;
    });
    await b.until(queue, '4 settled', (c) => c.completed! + c.failed! >= 4);
    return allJobs(queue);
  },
  'DelayedError after job.moveToDelayed': async (b) => {
    const queue = b.queue();
    await queue.add('d', { parked: false });
    b.worker(async (job, token) => {
      if (!job.data.parked) {
        await job.updateData({ parked: true });
        await job.moveToDelayed(Date.now() + 50, token);
        throw new DelayedError();
      }
      return 'resumed';
    });
    await b.until(queue, 'completion', (c) => c.completed! >= 1);
    return allJobs(queue);
  },
  'WaitingChildrenError': async (b) => {
    const queue = b.queue();
    await queue.add('parent', { step: 'spawn' });
    b.worker(async (job, token) => {
      if (job.name === 'child') return 'child done';
      if (job.data.step === 'spawn') {
        await queue.add('child', {}, { parent: { id: job.id!, queue: job.queueQualifiedName } });
        await job.updateData({ step: 'wait' });
      }
      if (await job.moveToWaitingChildren(token!)) throw new WaitingChildrenError();
      return job.getChildrenValues();
    });
    await b.until(queue, '2 completions', (c) => c.completed! >= 2);
    return allJobs(queue);
  },
  'worker.rateLimit and RateLimitError': async (b) => {
    const queue = b.queue();
    await queue.add('limited', { first: true });
    const worker = b.worker(async (job) => {
      if (job.data.first) {
        await job.updateData({ first: false });
        await worker.rateLimit(50);
        throw Worker.RateLimitError();
      }
      return 'after the limit';
    });
    await b.until(queue, 'completion', (c) => c.completed! >= 1);
    return allJobs(queue);
  },
  'limiter option (max 1 per 80 ms)': async (b) => {
    const queue = b.queue();
    await queue.addBulk([1, 2, 3].map((n) => ({ name: 'l', data: { n } })));
    b.worker(async (job) => job.data.n, { limiter: { max: 1, duration: 80 } });
    await b.until(queue, '3 completions', (c) => c.completed! >= 3);
    const jobs = await queue.getJobs(['completed']);
    const starts = jobs.map((job) => job.processedOn!).sort((x, y) => x - y);
    return { spaced: starts.slice(1).every((start, i) => start - starts[i]! >= 70), jobs: await allJobs(queue) };
  },
  'manual processing (getNextJob, moveToCompleted, moveToFailed)': async (b) => {
    const queue = b.queue();
    await queue.add('ok', { n: 1 });
    await queue.add('bad', { n: 2 }, { attempts: 1 });
    const worker = b.worker(null);
    const first = (await worker.getNextJob('token-1'))!;
    await first.moveToCompleted('manual result', 'token-1', false);
    const second = (await worker.getNextJob('token-2'))!;
    await second.moveToFailed(new Error('manual failure'), 'token-2', false);
    const none = await worker.getNextJob('token-3', { block: false });
    return { taken: [first.id, second.id], none: none ?? null, jobs: await allJobs(queue) };
  },
  'job.retry() and job.changeDelay()': async (b) => {
    const queue = b.queue();
    const failing = await queue.add('retry me', { fail: true });
    const delayed = await queue.add('delayed', {}, { delay: 60_000 });
    b.worker(async (job) => {
      if (job.data.fail) {
        await job.updateData({ fail: false });
        throw new Error('first run fails');
      }
      return `${job.name} ran`;
    });
    await b.until(queue, 'the failure', (c) => c.failed! >= 1);
    await (await queue.getJob(failing.id!))!.retry();
    await delayed.changeDelay(20);
    await b.until(queue, '2 completions', (c) => c.completed! >= 2);
    return allJobs(queue);
  },
  'job.updateData and job.log with keepLogs': async (b) => {
    const queue = b.queue();
    const added = await queue.add('logged', { v: 1 }, { keepLogs: 2 });
    b.worker(async (job) => {
      for (const line of ['one', 'two', 'three']) await job.log(line);
      await job.updateData({ v: 2 });
      await job.updateProgress(50);
      return job.data.v;
    });
    await b.until(queue, 'completion', (c) => c.completed! >= 1);
    const job = (await queue.getJob(added.id!))!;
    return { logs: await queue.getJobLogs(added.id!), progress: job.progress, job: await jobFacts(job) };
  },
  'removeOnComplete and removeOnFail': async (b) => {
    const queue = b.queue();
    await queue.add('kept', {});
    await queue.add('gone ok', {}, { removeOnComplete: true });
    await queue.add('gone failed', { fail: true }, { removeOnFail: true });
    await queue.add('count kept', {}, { removeOnComplete: 1 });
    await queue.add('count kept 2', {}, { removeOnComplete: 1 });
    const events: string[] = [];
    const worker = b.worker(async (job) => {
      if (job.data.fail) throw new Error('fails');
      return job.name;
    }, { concurrency: 1 });
    worker.on('completed', (job: Job, result: unknown) => events.push(`completed ${job.id} ${String(result)}`));
    worker.on('failed', (job: Job | undefined, error: Error) => events.push(`failed ${job?.id} ${error.message}`));
    await waitFor('5 settled', () => events.length >= 5);
    return { events: events.sort(), counts: await queue.getJobCounts(), jobs: await allJobs(queue) };
  },
};

test.each(Object.keys(SCENARIOS))('%s: the same with QueueOtel as without', async (name) => {
  const outcomes = await outcomesOf(SCENARIOS[name]!);
  // Plain BullMQ ran the scenario to its end: a run that failed (a wait timed out) would fail every variant alike.
  expect(outcomes.plain).not.toHaveProperty('threw');
  expect(outcomes).toEqual(plainEverywhere(outcomes));
  expect(warnings).toEqual([]);
});
