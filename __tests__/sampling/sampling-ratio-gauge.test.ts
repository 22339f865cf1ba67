import { Queue } from 'bullmq';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import { QueueMetrics } from '../../src/exemplars';
import { QueueSampler } from '../../src/sampling';
import { parseOpenMetrics, samplesOf } from '../exemplars/openmetrics-text';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitForAsync } from '../support/tracing';

createTestTracing();
const connection = redisConnection();

async function ratioOf(metrics: QueueMetrics, queue: string): Promise<number | undefined> {
  const samples = parseOpenMetrics(await metrics.registry.metrics());
  return samplesOf(samples, 'queue_otel_sampling_ratio', { messaging_destination_name: queue })[0]?.value;
}

test('queue_otel_sampling_ratio follows the default rate for queues that have none of their own', async () => {
  const sampler = new QueueSampler({ default: 1, queues: { [uniqueQueueName('unused')]: 1 } });
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
  const metrics = new QueueMetrics({ sampler });
  const telemetry = new QueueOtel({ tracerProvider: provider, metrics });
  const plain = new Queue(uniqueQueueName('ratio-default'), { connection, telemetry });
  const own = new Queue(uniqueQueueName('ratio-own'), { connection, telemetry });
  try {
    sampler.setRate(own.name, 0.5);
    await plain.add('j', {});
    await own.add('j', {});
    await waitForAsync('both queues exported', async () => (await ratioOf(metrics, plain.name)) === 1 && (await ratioOf(metrics, own.name)) === 0.5);

    // The default is what the queue without a rate of its own is sampled at: the gauge says so at once.
    sampler.setDefaultRate(0.2);
    expect(await ratioOf(metrics, plain.name)).toBe(0.2);
    expect(await ratioOf(metrics, own.name)).toBe(0.5);
    sampler.setDefaultRate(0);
    expect(await ratioOf(metrics, plain.name)).toBe(0);
    expect(await ratioOf(metrics, own.name)).toBe(0.5);
  } finally {
    for (const queue of [plain, own]) {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    await metrics.close();
  }
});
