import { redisUrl } from '../support/redis';
import { waitFor } from '../support/tracing';
import { startFixture } from './child-process';
import type { RunningFixture } from './child-process';
import { observerHarness } from './observer-harness';
import { QueueEventsObserver } from '../../src/observer';

const h = observerHarness();
let fixture: RunningFixture | undefined;
afterEach(async () => {
  fixture?.kill();
  fixture = undefined;
  await h.closeAll();
});

const JOBS = 20;

async function runWorkerElsewhere(mark: boolean) {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'elsewhere');
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  await queue.addBulk(Array.from({ length: JOBS }, (_, i) => ({ name: 'n', data: { i } })));
  fixture = startFixture('marked-worker.ts', { REDIS_URL: redisUrl(), QUEUE: name, JOBS: String(JOBS), MARK: mark ? '1' : '0' });
  await fixture.waitForLine(/done/);
  await waitFor('all finished jobs handled', () => {
    const s = observer.stats();
    return s.instrumented + s.processed >= JOBS || undefined;
  });
  await observer.flush();
  return { observer, name };
}

test('attempts of a QueueOtel worker in another process with markProcessedJobs are not recorded again', async () => {
  const { observer, name } = await runWorkerElsewhere(true);
  expect(observer.stats()).toMatchObject({ instrumented: JOBS, processed: 0, missing: 0 });
  expect(h.spansOf(name).filter((s) => s.attributes['bullmq.observed'] === true)).toHaveLength(0);
});

test('without the marker a QueueOtel worker elsewhere cannot be told apart, and its jobs are observed', async () => {
  const { observer, name } = await runWorkerElsewhere(false);
  expect(observer.stats()).toMatchObject({ instrumented: 0, processed: JOBS });
  expect(h.spansOf(name).filter((s) => s.name === `process ${name}` && s.attributes['bullmq.observed'] === true)).toHaveLength(JOBS);
});
