import type { FlowJob, Job } from 'bullmq';
import { outcomesOf, plainEverywhere } from './parity-compare';
import type { Scenario } from './parity-compare';
import { allJobs, warnings } from './parity-support';
import type { Bench } from './parity-support';

/**
 * BullMQ with QueueOtel does what BullMQ without it does for flows (the failure options of children, nodes declared
 * without `opts`) and for jobs whose `telemetry` option the application set itself, for every variant of
 * parity-support.ts.
 */

/** Adds a parent with an ok child and a failing child given `failure`, runs them, returns every job and the parent's view. */
async function flowWithFailingChild(b: Bench, failure: Record<string, boolean>, parentWaits = false): Promise<unknown> {
  const queue = b.queue();
  const flow = b.flow();
  const tree = await flow.add({
    name: 'parent',
    queueName: b.name,
    data: {},
    children: [
      { name: 'ok child', queueName: b.name, data: { ok: true } },
      { name: 'failing child', queueName: b.name, data: { ok: false }, opts: { attempts: 1, ...failure } },
    ],
  });
  b.worker(async (job: Job) => {
    if (job.name === 'parent') return { children: Object.values(await job.getChildrenValues()), ignored: Object.values(await job.getIgnoredChildrenFailures()) };
    if (!job.data.ok) throw new Error('child failed');
    return 'child ok';
  });
  // A parent whose child failed with no failure option waits for it for ever: wait for the child's failure then.
  await b.until(queue, 'the parent settled', (c) => (parentWaits ? c.failed! >= 1 && c.completed! >= 1 : c.completed! + c.failed! >= 3));
  const parent = (await queue.getJob(tree.job.id!))!;
  return { parentState: await parent.getState(), jobs: await allJobs(queue, 'name') };
}

const USER_METADATA = JSON.stringify({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' });

/** `opts.telemetry` as BullMQ stored it, for scenarios about the user's own. */
async function storedTelemetry(b: Bench, ids: string[]): Promise<unknown> {
  const queue = b.queue();
  const jobs = await Promise.all(ids.map((id) => queue.getJob(id)));
  return jobs.map((job) => {
    const telemetry = { ...job?.opts.telemetry };
    // BullMQ's own addBulk, with any telemetry set, stores `metadata: false` beside `omitContext` (a value no reader
    // takes for metadata): BullMQ's behaviour, not QueueOtel's (docs/spans.md).
    if ((telemetry.metadata as unknown) === false && telemetry.omitContext) delete telemetry.metadata;
    return { id: job?.id, name: job?.name, telemetry, state: job?.finishedOn ? 'finished' : 'not yet' };
  });
}

const SCENARIOS: Record<string, Scenario> = {
  'flow, child with failParentOnFailure': (b) => flowWithFailingChild(b, { failParentOnFailure: true }),
  'flow, child with ignoreDependencyOnFailure': (b) => flowWithFailingChild(b, { ignoreDependencyOnFailure: true }),
  'flow, child with removeDependencyOnFailure': (b) => flowWithFailingChild(b, { removeDependencyOnFailure: true }),
  'flow, child with continueParentOnFailure': (b) => flowWithFailingChild(b, { continueParentOnFailure: true }),
  'flow, failing child with no failure option (the parent keeps waiting)': (b) => flowWithFailingChild(b, {}, true),
  'flow nodes declared without opts, and addBulk of flows': async (b) => {
    const queue = b.queue();
    const flow = b.flow();
    const node = (name: string, children?: FlowJob[]): FlowJob => ({ name, queueName: b.name, data: { name }, ...(children ? { children } : {}) });
    await flow.add(node('root', [node('leaf a'), node('leaf b')]));
    await flow.addBulk([node('bulk 1'), node('bulk 2', [node('bulk leaf')])]);
    b.worker(async (job) => `${job.name} done`);
    await b.until(queue, '6 completions', (c) => c.completed! >= 6);
    return allJobs(queue, 'name');
  },
  "the application's own telemetry option (omitContext, metadata) on add, addBulk and flows": async (b) => {
    const queue = b.queue();
    const flow = b.flow();
    const own = { telemetry: { metadata: USER_METADATA } };
    const omit = { telemetry: { omitContext: true } };
    // A JavaScript caller's truthy non-boolean: BullMQ reads omitContext by truthiness, so must QueueOtel.
    const omitTruthy = { telemetry: { omitContext: 1 as unknown as boolean } };
    const ids = [
      (await queue.add('add omit', {}, omit)).id!,
      (await queue.add('add own', {}, own)).id!,
      ...(await queue.addBulk([
        { name: 'bulk omit', data: {}, opts: omit }, { name: 'bulk own', data: {}, opts: own }, { name: 'bulk omit 1', data: {}, opts: omitTruthy },
      ])).map((job) => job.id!),
      (await flow.add({ name: 'flow own', queueName: b.name, data: {}, opts: { ...own, jobId: 'flow-own' } })).job.id!,
    ];
    b.worker(async (job) => job.name);
    await b.until(queue, '6 completions', (c) => c.completed! >= 6);
    return storedTelemetry(b, ids);
  },
};

test.each(Object.keys(SCENARIOS))('%s: the same with QueueOtel as without', async (name) => {
  const outcomes = await outcomesOf(SCENARIOS[name]!);
  // Plain BullMQ ran the scenario to its end: a run that failed (a wait timed out) would fail every variant alike.
  expect(outcomes.plain).not.toHaveProperty('threw');
  expect(outcomes).toEqual(plainEverywhere(outcomes));
  expect(warnings).toEqual([]);
});
