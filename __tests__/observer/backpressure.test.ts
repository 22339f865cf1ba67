import { redisUrl } from '../support/redis';
import { waitFor } from '../support/tracing';
import { Redis } from 'ioredis';
import { observerHarness } from './observer-harness';
import { QueueEventsObserver } from '../../src/observer';

const h = observerHarness();
afterEach(() => h.closeAll());

test('with a full lookup queue it drops and counts events, warns once, and resumes', async () => {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'behind');
  const observer = new QueueEventsObserver(telemetry, events, { maxPending: 2, batchSize: 1, concurrency: 1 });
  h.closers.push(() => observer.close());
  const jobs = 200;
  await queue.addBulk(Array.from({ length: jobs }, (_, i) => ({ name: 'n', data: { i } })));
  h.plainWorker(name, async () => 'ok', { concurrency: 50 });
  await waitFor('every event handled or dropped', () => {
    const s = observer.stats();
    return s.processed + s.dropped >= jobs || undefined;
  });
  await observer.flush();
  const behind = observer.stats();
  expect(behind.dropped).toBeGreaterThan(0);
  expect(behind.processed).toBeGreaterThan(0);
  expect(behind.processed + behind.dropped).toBe(jobs);
  expect(behind.pending).toBe(0);
  expect(behind.missing).toBe(0);
  expect(h.warnings.filter((w) => w.includes('falling behind'))).toHaveLength(1);
  expect(h.spansOf(name).filter((s) => s.name === `process ${name}`)).toHaveLength(behind.processed);

  // Once the burst is over, new jobs are observed again.
  await queue.add('after', {});
  await waitFor('observed again', () => observer.stats().processed === behind.processed + 1 || undefined);
});

test('when the QueueEvents connection is lost it says so and resumes from where it stopped', async () => {
  const telemetry = h.otel();
  const { name, queue, events } = await h.queueAndEvents(telemetry, 'reconnect');
  const observer = new QueueEventsObserver(telemetry, events);
  h.closers.push(() => observer.close());
  const admin = new Redis(redisUrl());
  h.closers.push(() => admin.quit());
  h.plainWorker(name, async () => 'ok');
  await queue.add('before', {});
  await waitFor('first job observed', () => observer.stats().processed >= 1 || undefined);

  const clientName = `${events.qualifiedName.split(':')[0]}:${Buffer.from(name).toString('base64')}:qe`;
  const list = (await admin.client('LIST')) as string;
  const ids = list.split('\n').filter((l) => l.includes(`name=${clientName} `)).map((l) => /id=(\d+)/.exec(l)![1]!);
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) await admin.client('KILL', 'ID', id);
  await waitFor('disconnect noticed', () => observer.stats().disconnects >= 1 || undefined);
  expect(h.warnings.some((w) => w.includes('lost the QueueEvents connection'))).toBe(true);

  // Jobs finishing while it reconnects are read from the stream once it is back.
  await queue.addBulk([{ name: 'during', data: {} }, { name: 'during', data: {} }]);
  await waitFor('jobs after the reconnect observed', () => observer.stats().processed >= 3 || undefined, 15_000);
  expect(observer.stats().connected).toBe(true);
  expect(h.warnings.some((w) => w.includes('connection is back'))).toBe(true);
});
