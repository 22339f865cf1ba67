import { join } from 'node:path';
import { outcomesOf, plainEverywhere } from './parity-compare';
import { allJobs, warnings } from './parity-support';
import type { Bench } from './parity-support';
import { recordWorkerEvents, settledEvents } from './parity-worker-events';
import { waitFor } from '../support/tracing';

/**
 * Sandboxed processors (a file path given to the Worker, run in a child process or a worker thread) do with QueueOtel
 * what they do without it, for every variant of parity-support.ts: return values, progress, logs, updateData,
 * moveToDelayed + DelayedError, thrown Errors and non-Errors, retries, a child that exits mid-attempt, and the
 * worker's `active`, `progress`, `completed` and `failed` events with their arguments. Three processor files: a plain
 * one, one that runs the handler in `runInJobContext`, and one that also starts its own SDK with `setupTracing`.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'processes');
const CHILD_VARIANTS = ['sampled 100%', "0%, unsampledJobs 'lean' (default)", "0%, metadataFormat 'compact'", 'plain producer, traced worker'];
/**
 * The processor files, with the variants each is compared in. The ones using QueueOtel in the child load its
 * TypeScript sources through tsx, seconds per child on a busy machine: they run in the variants that decide what the
 * child is sent (sampled, unsampled lean and compact metadata, a traced worker behind a plain producer), not all.
 */
const PROCESSORS: Record<string, { file: string; variants?: readonly string[] }> = {
  plain: { file: join(FIXTURES, 'parity-processor.js') },
  runInJobContext: { file: join(FIXTURES, 'parity-processor-in-context.js'), variants: CHILD_VARIANTS },
  'setupTracing + runInJobContext': { file: join(FIXTURES, 'parity-processor-traced.js'), variants: CHILD_VARIANTS },
};

/** One job per behaviour of parity-handler.js, by name, with the options that make it interesting. */
const JOBS = [
  { name: 'values', data: { n: 21 } },
  { name: 'throws', data: {}, opts: { attempts: 2 } },
  { name: 'throws-string', data: {} },
  { name: 'throws-object', data: {} },
  { name: 'delays', data: { parked: false } },
  { name: 'exits', data: {} },
];

/** What a sandbox scenario returns (normalized). */
interface SandboxOutcome {
  jobs: Array<{ name: string } & Record<string, unknown>>;
  logs: unknown;
  progress: unknown;
  events: Record<string, unknown[]>;
}

function sandboxScenario(file: string, useWorkerThreads: boolean) {
  return async (b: Bench) => {
    const queue = b.queue();
    await queue.addBulk(JOBS);
    // Two at a time: each slot holds a child of its own, and a child takes long to start.
    const worker = b.worker(file, { concurrency: 2, useWorkerThreads });
    const events = recordWorkerEvents(worker);
    // The variants run at once, each starting children that load tsx: on a loaded 2-core machine that took over 25 s.
    await b.until(queue, 'every job settled', (c) => c.completed! + c.failed! >= JOBS.length, 60_000);
    // The last event of a job can follow its state change in Redis: one per job, and the retried job's first failure.
    await waitFor('the last worker events', () => settledEvents(events()) >= JOBS.length + 1);
    const logs = await queue.getJobLogs('1');
    const progress = (await queue.getJob('1'))?.progress;
    return { jobs: await allJobs(queue), logs, progress, events: events() };
  };
}

describe.each([
  ['child processes', false],
  ['worker threads', true],
])('sandboxed processors in %s', (_label, useWorkerThreads) => {
  test.each(Object.keys(PROCESSORS))('%s processor: the same with QueueOtel as without', async (kind) => {
    const { file, variants } = PROCESSORS[kind]!;
    const outcomes = await outcomesOf(sandboxScenario(file, useWorkerThreads), variants);
    // Plain BullMQ ran the scenario to its end: a run that failed (a wait timed out) would fail every variant alike.
    expect(outcomes.plain).not.toHaveProperty('threw');
    expect(outcomes).toEqual(plainEverywhere(outcomes));
    expect(warnings).toEqual([]);
    const plain = outcomes.plain as SandboxOutcome;
    // The processor file loaded and each job did what its name says (a file that fails to load fails every variant alike).
    const byName = Object.fromEntries(plain.jobs.map((job) => [job.name, job]));
    expect(byName.values).toMatchObject({ state: 'completed', returnvalue: { doubled: 42, attemptsMade: 0 }, data: { n: 21, updated: true } });
    expect(plain.logs).toEqual({ logs: ['first line', 'second line'], count: 2 });
    expect(plain.progress).toEqual({ step: 'done', percent: 100 });
    expect(byName.throws).toMatchObject({ state: 'failed', attemptsMade: 2, failedReason: 'attempt 1' });
    expect(byName['throws-string']).toMatchObject({ state: 'failed', failedReason: 'a plain string' });
    expect(byName['throws-object']).toMatchObject({ state: 'failed', failedReason: '[object Object]' });
    expect(byName.delays).toMatchObject({ state: 'completed', returnvalue: 'resumed', data: { parked: true } });
    expect(byName.exits).toMatchObject({ state: 'failed', failedReason: expect.stringContaining('Unexpected exit code: 3') });
  }, 150_000);
});
