import { Queue, Worker } from 'bullmq';
import type { Processor } from 'bullmq';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import { QueueSampler } from '../../src/sampling';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';

createTestTracing();
const connection = redisConnection();

function service(rates: ConstructorParameters<typeof QueueSampler>[0]) {
  const exporter = new InMemorySpanExporter();
  const sampler = new QueueSampler(rates);
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  return { exporter, sampler, telemetry: new QueueOtel({ tracerProvider: provider }) };
}

async function run(producerRate: number, workerRate: number, jobs = 20) {
  const name = uniqueQueueName('sampled');
  const producer = service({ default: 1, queues: { [name]: producerRate } });
  const worker = service({ default: workerRate });
  const queue = new Queue(name, { connection, telemetry: producer.telemetry });
  let done = 0;
  const processor: Processor = async () => void done++;
  const w = new Worker(name, processor, { connection, telemetry: worker.telemetry, concurrency: 10 });
  try {
    for (let i = 0; i < jobs; i++) await queue.add('j', { i });
    await waitFor('all processed', () => done === jobs);
    await w.close();
    return {
      sends: producer.exporter.getFinishedSpans().filter((s) => s.name === `add ${name}`).length,
      processes: worker.exporter.getFinishedSpans().filter((s) => s.name === `process ${name}`).length,
    };
  } finally {
    await w.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}

test('a job whose producer was sampled is traced by a worker sampling nothing', async () => {
  expect(await run(1, 0)).toEqual({ sends: 20, processes: 20 });
});

test('a job whose producer was not sampled is not traced by a worker sampling everything', async () => {
  expect(await run(0, 1)).toEqual({ sends: 0, processes: 0 });
});

test('a worker-side rate decides for jobs that arrive without context', async () => {
  const name = uniqueQueueName('noctx');
  const worker = service({ default: 1, queues: { [name]: 0 } });
  const plain = new Queue(name, { connection });
  let done = 0;
  const w = new Worker(name, async () => void done++, { connection, telemetry: worker.telemetry });
  try {
    for (let i = 0; i < 5; i++) await plain.add('j', {});
    await waitFor('processed', () => done === 5);
    expect(worker.exporter.getFinishedSpans()).toHaveLength(0);
    worker.sampler.setRate(name, 1);
    for (let i = 0; i < 5; i++) await plain.add('j', {});
    await waitFor('processed', () => done === 10);
    await waitFor('spans after the change', () => worker.exporter.getFinishedSpans().filter((s) => s.name === `process ${name}`).length === 5);
  } finally {
    await w.close();
    await plain.obliterate({ force: true });
    await plain.close();
  }
});
