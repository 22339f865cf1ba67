import { Queue, Worker } from 'bullmq';
import type { Job } from 'bullmq';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import { ResilientSpanExporter } from '../../src/export';
import type { CircuitState } from '../../src/export';
import { TracingHealthMetrics } from '../../src/health';
import { OtlpReceiver } from '../support/otlp-receiver';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { waitFor } from '../support/tracing';
import { counterValue, otlpTo } from './export-fixtures';

const connection = redisConnection();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const JOB_WORK_MS = 5;
const ADD_EVERY_MS = 20;

/** Adds a job every ADD_EVERY_MS until stopped; returns how many were added. */
function produce(queue: Queue) {
  let running = true;
  let added = 0;
  const done = (async () => {
    while (running) {
      await queue.add('tick', { n: added });
      added += 1;
      await sleep(ADD_EVERY_MS);
    }
  })();
  return { stop: async () => { running = false; await done; return added; } };
}

/** Processing time of each completed job, from BullMQ's own timestamps in Redis. */
async function processingTimes(queue: Queue): Promise<number[]> {
  const jobs: Job[] = await queue.getJobs(['completed'], 0, -1);
  return jobs.map((job) => job.finishedOn! - job.processedOn!);
}

const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.95)] ?? 0;

async function baselineTimes(): Promise<number[]> {
  const name = uniqueQueueName('baseline');
  const queue = new Queue(name, { connection });
  const worker = new Worker(name, () => sleep(JOB_WORK_MS), { connection, concurrency: 2 });
  const producer = produce(queue);
  await sleep(600);
  const added = await producer.stop();
  for (let i = 0; i < 200 && (await queue.getCompletedCount()) < added; i += 1) await sleep(25);
  const times = await processingTimes(queue);
  await worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return times;
}

test('while the backend is refused, hangs and comes back, jobs keep their pace, memory stays bounded and every span is accounted for', async () => {
  const baseline = await baselineTimes();

  const receiver = new OtlpReceiver();
  await receiver.start();
  const port = receiver.port;
  const health = new TracingHealthMetrics();
  const transitions: Array<{ state: CircuitState; at: number }> = [];
  // The OTLP exporter's own deadline (300 ms) is below its first internal retry (800 ms or more), so each attempt
  // is one request and reports its own error (ECONNREFUSED, or its request timeout while the receiver hangs).
  const exporter = new ResilientSpanExporter(otlpTo(receiver, 300), {
    maxBufferedSpans: 150, maxExportBatchSize: 50, exportTimeoutMillis: 400,
    backoffBaseMillis: 50, backoffMaxMillis: 200, failureThreshold: 3, cooldownMillis: 500, flushTimeoutMillis: 2_000,
    health, onCircuitStateChange: (state) => transitions.push({ state, at: Date.now() }),
  });
  // Every span the SDK finished, recorded independently of the exporter under test.
  const produced = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'degradation-test' }),
    spanProcessors: [
      new BatchSpanProcessor(exporter, { scheduledDelayMillis: 50, maxExportBatchSize: 50, maxQueueSize: 100_000 }),
      new SimpleSpanProcessor(produced),
    ],
  });
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName('degrade');
  const queue = new Queue(name, { connection, telemetry });
  let failedJobs = 0;
  const worker = new Worker(name, () => sleep(JOB_WORK_MS), { connection, telemetry, concurrency: 2 });
  worker.on('failed', () => { failedJobs += 1; });
  let maxBuffered = 0;
  const probe = setInterval(() => { maxBuffered = Math.max(maxBuffered, exporter.stats().buffered); }, 2);

  try {
    const producer = produce(queue);
    await sleep(1_200);
    await receiver.stop(); // connection refused
    await sleep(1_800);
    receiver.mode = 'hang'; // accepts, never answers
    await receiver.start(port);
    await sleep(1_800);
    await receiver.stop();
    receiver.mode = 'ok';
    await receiver.start(port); // back, same port
    await sleep(1_000);
    const added = await producer.stop();

    for (let i = 0; i < 400 && (await queue.getCompletedCount()) < added; i += 1) await sleep(25);
    expect(await queue.getCompletedCount()).toBe(added);
    expect(failedJobs).toBe(0);

    await provider.forceFlush();
    await waitFor('buffer drained', () => exporter.stats().buffered === 0 && exporter.stats().circuit === 'closed', 5_000);
    clearInterval(probe);

    // Jobs were not slowed by the backend's trouble.
    const times = await processingTimes(queue);
    expect(times).toHaveLength(added);
    expect(Math.max(...times)).toBeLessThan(250); // far below the 400 ms export timeout and 500 ms cooldown
    expect(p95(times)).toBeLessThanOrEqual(p95(baseline) + 50);

    // Memory stayed bounded, and the bound was actually reached.
    const stats = exporter.stats();
    expect(maxBuffered).toBeLessThanOrEqual(150);
    expect(stats.dropped.buffer_full).toBeGreaterThan(0);

    // Every span the SDK produced was either received or counted as dropped.
    const producedSpans = produced.getFinishedSpans();
    const producedIds = new Set(producedSpans.map((s) => s.spanContext().spanId));
    const receivedIds = new Set(receiver.spans.map((s) => s.spanId));
    expect([...receivedIds].filter((id) => !producedIds.has(id))).toEqual([]);
    expect(stats.accepted).toBe(producedSpans.length);
    expect(receivedIds.size + stats.droppedTotal + stats.buffered).toBe(producedSpans.length);
    expect(stats.droppedTotal).toBe(stats.dropped.buffer_full);
    expect(await counterValue(health.registry, 'queue_otel_spans_dropped_total')).toBe(stats.droppedTotal);
    expect(await counterValue(health.registry, 'queue_otel_export_errors_total', { error_type: 'ECONNREFUSED' })).toBeGreaterThan(0);
    expect(await counterValue(health.registry, 'queue_otel_export_errors_total', { error_type: 'timeout' })).toBeGreaterThan(0);

    // The circuit opened during the outage and closed by itself after the restart.
    expect(transitions.map((t) => t.state)).toContain('open');
    expect(transitions.at(-1)?.state).toBe('closed');
    expect(stats.circuitOpened).toBeGreaterThanOrEqual(1);

    // Spans produced after recovery all arrived.
    const closedAt = transitions.at(-1)!.at;
    const after = producedSpans.filter((s) => hrTimeToMilliseconds(s.startTime) > closedAt);
    expect(after.length).toBeGreaterThan(20);
    expect(after.filter((s) => !receivedIds.has(s.spanContext().spanId))).toEqual([]);
  } finally {
    clearInterval(probe);
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    await receiver.stop();
    await provider.shutdown();
  }
});
