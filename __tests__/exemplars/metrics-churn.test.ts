import { QueueSampler } from '../../src';
import { TracingHealthMetrics } from '../../src/entries/metrics';
import { runFixture } from '../support/processes';

// The process' QueueSampler outlives the metrics that follow its rates: a closed QueueMetrics or TracingHealthMetrics
// must not stay reachable through the sampler's listeners. Child process: the count needs a forced garbage collection.
test('QueueMetrics and TracingHealthMetrics closed one after another, with one QueueSampler, are collected', async () => {
  const out = await runFixture('metrics-churn.ts', { COUNT: '50' }, 60_000, ['--expose-gc']);
  const report = JSON.parse(out.trim().split('\n').pop()!) as { count: number; metricsAlive: number; healthAlive: number };
  expect(report).toEqual({ count: 49, metricsAlive: 0, healthAlive: 0 });
});

test('a closed TracingHealthMetrics no longer follows the sampler; an open one still does', async () => {
  const sampler = new QueueSampler({ default: 1 });
  const closed = new TracingHealthMetrics({ sampler });
  const open = new TracingHealthMetrics({ sampler });
  for (const health of [closed, open]) health.onQueueSeen('emails');
  closed.close();
  closed.close();
  sampler.setRate('emails', 0.25);
  const ratio = async (health: TracingHealthMetrics): Promise<string | undefined> =>
    (await health.registry.metrics()).split('\n').find((line) => line.startsWith('queue_otel_sampling_ratio{'));
  expect(await ratio(open)).toBe('queue_otel_sampling_ratio{messaging_destination_name="emails"} 0.25');
  expect(await ratio(closed)).toBe('queue_otel_sampling_ratio{messaging_destination_name="emails"} 1');
});

test("QueueSampler's rate listeners can be removed, each registration once", () => {
  const sampler = new QueueSampler({ default: 1 });
  const heard: string[] = [];
  const listener = (queue: string, rate: number): void => void heard.push(`${queue}=${rate}`);
  const removeFirst = sampler.onRateChange(listener);
  const removeSecond = sampler.onRateChange(listener);
  const removeDefault = sampler.onDefaultRateChange((rate) => void heard.push(`default=${rate}`));
  sampler.setRate('a', 0.5);
  removeFirst();
  removeFirst();
  sampler.setRate('b', 0.5);
  removeSecond();
  removeDefault();
  sampler.setRate('c', 0.5);
  sampler.setDefaultRate(0.2);
  expect(heard).toEqual(['a=0.5', 'a=0.5', 'b=0.5']);
});

test('queue names that redact to one sampling-ratio label are re-read once per label when the default rate changes', async () => {
  const sampler = new QueueSampler({ default: 1 });
  const health = new TracingHealthMetrics({ sampler, maxQueues: 10 });
  // A queue per customer, named by email: every name redacts to the same label, which the health metrics admit.
  for (let i = 0; i < 2000; i++) health.onQueueSeen(`exports-customer${i}@example.com`);
  for (let i = 0; i < 50; i++) health.onQueueSeen(`plain-${i}`);
  const labels = (await health.registry.metrics()).split('\n').filter((line) => line.startsWith('queue_otel_sampling_ratio{'));
  expect(labels).toHaveLength(10);
  // What the default-rate listener re-reads: one queue per exported label, not one per name ever seen.
  const rateFor = sampler.rateFor.bind(sampler);
  let reads = 0;
  sampler.rateFor = (attributes) => {
    reads += 1;
    return rateFor(attributes);
  };
  sampler.setDefaultRate(0.5);
  expect(reads).toBe(10);
  expect((await health.registry.metrics()).split('\n').filter((line) => line.endsWith(' 0.5'))).toHaveLength(10);
  health.close();
});
