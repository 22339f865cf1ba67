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
