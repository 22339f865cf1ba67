import type { QueueEvents } from 'bullmq';
import { outcomesOf, plainEverywhere } from './parity-compare';
import type { Scenario } from './parity-compare';
import { allJobs, warnings } from './parity-support';
import type { Bench } from './parity-support';
import { recordWorkerEvents, settledEvents } from './parity-worker-events';
import { waitFor } from '../support/tracing';

/**
 * What a QueueEvents listener sees (`added`, `waiting`, `active`, `progress`, `completed`, `failed`, `retries-exhausted`,
 * `delayed`, with their arguments) is the same with QueueOtel as without, for every variant of parity-support.ts,
 * with and without a QueueEventsObserver of the variant's QueueOtel on the same QueueEvents; and so are the worker's
 * own `active`, `progress`, `completed` and `failed` events with their arguments.
 */

const EVENTS = ['added', 'waiting', 'active', 'progress', 'completed', 'failed', 'retries-exhausted', 'delayed', 'stalled', 'removed', 'duplicated', 'deduplicated'];

/** Times in the arguments (the `delayed` event's timestamp) vary between runs: replaced by a mark. */
function withoutTimes(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).map(([key, value]) => [key, typeof value === 'number' && value > 1e12 ? '<time>' : value]));
}

/** The events the listener saw, per job id, in stream order (the order of one job's events is BullMQ's, fixed). */
function recordEvents(events: QueueEvents): Record<string, unknown[]> {
  const seen: Record<string, unknown[]> = {};
  for (const name of EVENTS) {
    events.on(name as 'added', (args: { jobId: string }) => void (seen[args.jobId] ??= []).push([name, withoutTimes(args)]));
  }
  return seen;
}

function eventsScenario(observe: boolean): Scenario {
  return async (b: Bench) => {
    const events = b.events(observe);
    const seen = recordEvents(events);
    await events.waitUntilReady();
    const queue = b.queue();
    await queue.add('ok', { n: 1 });
    await queue.add('retried', {}, { attempts: 2, backoff: { type: 'fixed', delay: 20 } });
    await queue.add('exhausted', {}, { attempts: 2 });
    await queue.add('once', {}, { attempts: 1 });
    await queue.add('later', {}, { delay: 30 });
    await queue.add('ok', { n: 2 }, { jobId: 'custom' });
    const worker = b.worker(async (job) => {
      await job.updateProgress({ at: job.attemptsMade });
      if (job.name === 'exhausted' || job.name === 'once' || (job.name === 'retried' && job.attemptsMade === 0)) {
        throw new Error(`${job.name} ${job.attemptsMade}`);
      }
      return { name: job.name, attempt: job.attemptsMade };
    }, { concurrency: 1 });
    const workerEvents = recordWorkerEvents(worker);
    await b.until(queue, 'every job settled', (c) => c.completed! + c.failed! >= 6);
    // The listener reads the stream after the scripts that wrote it: wait for the last event of each job.
    const saw = (id: string, event: string): boolean => (seen[id] ?? []).some((entry) => (entry as [string])[0] === event);
    // A final failure is followed by `retries-exhausted`; a retried attempt has no `failed` event, only `waiting` or `delayed`.
    const ended = (id: string): boolean => saw(id, 'completed') || saw(id, 'retries-exhausted');
    await waitFor('the last events', () => ['1', '2', '3', '4', '5', 'custom'].every(ended));
    // The worker's own: one `completed` or `failed` per attempt (8 attempts).
    await waitFor('the last worker events', () => settledEvents(workerEvents()) >= 8);
    return { seen, worker: workerEvents(), jobs: await allJobs(queue) };
  };
}

test.each([
  ['without a QueueEventsObserver', false],
  ['with a QueueEventsObserver of the variant', true],
])('QueueEvents %s: the same events with QueueOtel as without', async (_label, observe) => {
  const outcomes = await outcomesOf(eventsScenario(observe));
  // Plain BullMQ ran the scenario to its end: a run that failed (a wait timed out) would fail every variant alike.
  expect(outcomes.plain).not.toHaveProperty('threw');
  expect(outcomes).toEqual(plainEverywhere(outcomes));
  expect(warnings).toEqual([]);
  const plain = outcomes.plain as { seen: Record<string, Array<[string]>> };
  // Every kind of event was seen (a scenario that saw none would pass vacuously).
  const kinds = new Set(Object.values(plain.seen).flat().map(([name]) => name));
  expect([...kinds].sort()).toEqual(['active', 'added', 'completed', 'delayed', 'failed', 'progress', 'retries-exhausted', 'waiting']);
});
