import { Queue, Worker } from 'bullmq';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import { QueueMetrics } from '../../src/exemplars';
import { QueueSampler } from '../../src/sampling';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, waitFor } from '../support/tracing';

createTestTracing();
const connection = redisConnection();

async function runJobs(rate: number, names: string[], fail = false) {
  const exporter = new InMemorySpanExporter();
  const sampler = new QueueSampler({ default: rate });
  const provider = new BasicTracerProvider({ sampler, spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const metrics = new QueueMetrics({ sampler });
  const telemetry = new QueueOtel({ tracerProvider: provider, metrics });
  const queue = new Queue(uniqueQueueName('m'), { connection, telemetry });
  let settled = 0;
  const worker = new Worker(queue.name, async () => {
    if (fail) throw new Error('nope');
  }, { connection, telemetry });
  worker.on('completed', () => settled++);
  worker.on('failed', () => settled++);
  for (const name of names) await queue.add(name, {});
  await waitFor('settled', () => settled === names.length);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await metrics.close();
  return { text: await metrics.registry.metrics(), exporter, queue: queue.name };
}

test('a sampled job\'s observations carry its process span\'s ids as exemplars', async () => {
  const { text, exporter, queue } = await runJobs(1, ['a']);
  const span = exporter.getFinishedSpans().find((s) => s.name === `process ${queue}`)!;
  const { traceId, spanId } = span.spanContext();
  const line = text.split('\n').find((l) => l.startsWith('messaging_process_duration_seconds_bucket') && l.includes(queue) && l.includes('#'));
  expect(line).toContain(`trace_id="${traceId}"`);
  expect(line).toContain(`span_id="${spanId}"`);
  expect(text).toMatch(new RegExp(`messaging_client_sent_messages_total\\{[^}]*messaging_destination_name="${queue}"[^}]*\\} 1`));
  expect(text).toMatch(new RegExp(`queue_otel_jobs_completed_total\\{[^}]*${queue}[^}]*\\} 1`));
  // BullMQ's own metrics arrive through the meter QueueOtel gives it.
  expect(text).toMatch(new RegExp(`bullmq_jobs_completed_total\\{[^}]*${queue}`));
  // Health of the tracing itself.
  expect(text).toMatch(/queue_otel_spans_created_total\{component="worker",operation="process"\} 1/);
  expect(text).toMatch(new RegExp(`queue_otel_sampling_ratio\\{messaging_destination_name="${queue}"\\} 1`));
  // The add is timed as a client operation, with its span's ids as the exemplar.
  const add = exporter.getFinishedSpans().find((s) => s.name === `add ${queue}`)!;
  const operation = text.split('\n').find((l) => l.startsWith('messaging_client_operation_duration_seconds_bucket') && l.includes(queue) && l.includes('#'));
  expect(operation).toContain('messaging_operation_name="add"');
  expect(operation).toContain('messaging_system="bullmq"');
  expect(operation).toContain(`trace_id="${add.spanContext().traceId}"`);
});

test('no metric QueueOtel defines shares a name with BullMQ\'s own, and every one of ours is queue_otel_ or a convention\'s', async () => {
  const { text } = await runJobs(1, ['a']);
  // OpenMetrics names a counter's family without its `_total`.
  const names = [...new Set(text.split('\n').filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]!))];
  const bullmqs = names.filter((name) => name.startsWith('bullmq_'));
  const ours = names.filter((name) => !name.startsWith('bullmq_'));
  expect(bullmqs).toEqual(expect.arrayContaining(['bullmq_jobs_completed', 'bullmq_job_duration_seconds']));
  expect(ours.filter((name) => !name.startsWith('queue_otel_') && !name.startsWith('messaging_'))).toEqual([]);
  expect(ours.filter((name) => name.startsWith('messaging_')).sort()).toEqual([
    'messaging_client_consumed_messages',
    'messaging_client_operation_duration_seconds',
    'messaging_client_sent_messages',
    'messaging_process_duration_seconds',
  ]);
});

test('an unsampled job\'s observations carry no exemplar', async () => {
  const { text, queue } = await runJobs(0, ['a', 'b']);
  const lines = text.split('\n').filter((l) => l.includes(queue) && l.startsWith('messaging_process_duration_seconds_bucket'));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.some((l) => l.includes('trace_id'))).toBe(false);
});

test('failed attempts are counted by outcome', async () => {
  const { text, queue } = await runJobs(1, ['x', 'y'], true);
  expect(text).toMatch(new RegExp(`queue_otel_jobs_failed_total\\{[^}]*${queue}[^}]*bullmq_job_name="x"[^}]*\\} 1`));
  expect(text).toMatch(new RegExp(`messaging_process_duration_seconds_count\\{[^}]*${queue}[^}]*outcome="failed",error_type="Error"\\} 1`));
  expect(text).toMatch(new RegExp(`messaging_client_consumed_messages_total\\{[^}]*${queue}[^}]*outcome="failed",error_type="Error"\\} 1`));
});

test('metrics: true, the option of before the add-ons moved out, is refused with a pointer to the migration note', () => {
  expect(() => new QueueOtel({ metrics: true as never })).toThrow(/metrics takes a QueueMetrics.*docs\/migration\.md/);
});

test('trackQueue refreshes the queue-depth gauge of the metrics QueueOtel was given', async () => {
  const metrics = new QueueMetrics({ queueDepthIntervalMs: 50 });
  const telemetry = new QueueOtel({ metrics });
  const queue = new Queue(uniqueQueueName('depth'), { connection, telemetry });
  try {
    await queue.add('a', {});
    await queue.add('b', {});
    const stop = metrics.trackQueue(queue);
    let text = '';
    const deadline = Date.now() + 5000;
    while (!new RegExp(`queue_otel_queue_jobs\\{[^}]*${queue.name}[^}]*state="waiting"[^}]*\\} 2`).test(text) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      text = await metrics.registry.metrics();
    }
    expect(text).toMatch(new RegExp(`queue_otel_queue_jobs\\{[^}]*${queue.name}[^}]*state="waiting"[^}]*\\} 2`));
    stop();
  } finally {
    await metrics.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});
