import { Queue, Worker } from 'bullmq';
import { hrTimeToMilliseconds } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { QueueOtel } from '../../src';
import { ResilientSpanExporter } from '../../src/export';
import type { CircuitState } from '../../src/export';
import { TracingHealthMetrics } from '../../src/health';
import { OtlpReceiver } from '../support/otlp-receiver';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { waitFor, waitForAsync } from '../support/tracing';
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

/** A traced queue and worker on `provider`, counting the worker's completed and failed jobs. */
function tracedQueue(provider: BasicTracerProvider, prefix: string) {
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const name = uniqueQueueName(prefix);
  const queue = new Queue(name, { connection, telemetry });
  const worker = new Worker(name, () => sleep(JOB_WORK_MS), { connection, telemetry, concurrency: 2 });
  const counts = { completed: 0, failed: 0 };
  worker.on('completed', () => { counts.completed += 1; });
  worker.on('failed', () => { counts.failed += 1; });
  const close = async () => {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  };
  return { queue, counts, close };
}

function providerWith(...spanProcessors: SpanProcessor[]): BasicTracerProvider {
  return new BasicTracerProvider({ resource: resourceFromAttributes({ 'service.name': 'degradation-test' }), spanProcessors });
}

test('while the backend is refused, hangs and comes back, every job runs, memory stays bounded and every span is accounted for', async () => {
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
  const provider = providerWith(
    new BatchSpanProcessor(exporter, { scheduledDelayMillis: 50, maxExportBatchSize: 50, maxQueueSize: 100_000 }),
    new SimpleSpanProcessor(produced),
  );
  const { queue, counts, close } = tracedQueue(provider, 'degrade');
  const exportErrors = (type: string) => counterValue(health.registry, 'queue_otel_export_errors_total', { error_type: type });
  let maxBuffered = 0;
  const probe = setInterval(() => { maxBuffered = Math.max(maxBuffered, exporter.stats().buffered); }, 2);

  try {
    const producer = produce(queue);
    await waitFor('spans received while the backend is up', () => receiver.spans.length > 0, 30_000);

    await receiver.stop(); // connection refused
    const completedBeforeOutage = counts.completed;
    await waitForAsync(
      'the circuit opened, the buffer filled up and refusals counted, while jobs went on completing',
      async () => transitions.some((t) => t.state === 'open') && exporter.stats().dropped.buffer_full > 0
        && counts.completed >= completedBeforeOutage + 20 && (await exportErrors('ECONNREFUSED')) > 0,
      30_000,
    );

    receiver.mode = 'hang'; // accepts, never answers
    await receiver.start(port);
    await waitForAsync('an export abandoned at its deadline while the backend hangs', async () => (await exportErrors('timeout')) > 0, 30_000);

    await receiver.stop();
    receiver.mode = 'ok';
    await receiver.start(port); // back, same port
    await waitFor('the circuit closed again after the restart', () => transitions.at(-1)?.state === 'closed', 30_000);
    const closedAt = transitions.at(-1)!.at;
    const madeAfterRecovery = () => produced.getFinishedSpans().filter((s) => hrTimeToMilliseconds(s.startTime) > closedAt);
    await waitFor('spans started after the recovery', () => madeAfterRecovery().length > 20, 30_000);
    const added = await producer.stop();

    await waitFor('every job completed', () => counts.completed + counts.failed >= added, 30_000);
    expect(counts.completed).toBe(added);
    expect(counts.failed).toBe(0);
    expect(await queue.getCompletedCount()).toBe(added);

    await provider.forceFlush();
    await waitFor('buffer drained', () => exporter.stats().buffered === 0 && exporter.stats().circuit === 'closed', 10_000);
    clearInterval(probe);

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

    // The circuit opened during the outage and closed by itself after the restart.
    expect(stats.circuitOpened).toBeGreaterThanOrEqual(1);
    expect(stats.circuit).toBe('closed');

    // Spans produced after recovery all arrived.
    const after = madeAfterRecovery();
    expect(after.length).toBeGreaterThan(20);
    expect(after.filter((s) => !receivedIds.has(s.spanContext().spanId))).toEqual([]);
  } finally {
    clearInterval(probe);
    await close();
    await receiver.stop();
    await provider.shutdown();
  }
});

test('jobs go on completing while an export request hangs unanswered: no job waits for the backend', async () => {
  const receiver = new OtlpReceiver();
  receiver.mode = 'hang';
  await receiver.start();
  // Deadlines far beyond the test: the first request stays open until the test answers it.
  const exporter = new ResilientSpanExporter(otlpTo(receiver, 120_000), { exportTimeoutMillis: 120_000, flushTimeoutMillis: 120_000 });
  const provider = providerWith(new BatchSpanProcessor(exporter, { scheduledDelayMillis: 50 }));
  const { queue, counts, close } = tracedQueue(provider, 'hang');
  const producer = produce(queue);
  try {
    await waitFor('an export request held open by the backend', () => receiver.hangingCount > 0, 30_000);
    const completedWhenHeld = counts.completed;
    await waitFor('jobs completed while it is held', () => counts.completed >= completedWhenHeld + 20, 30_000);
    // Neither answered nor given up on meanwhile: those jobs ran while the export stood still.
    expect(receiver.hangingCount).toBeGreaterThan(0);
    expect(receiver.abandonedAfterMillis).toEqual([]);
    expect(counts.failed).toBe(0);
  } finally {
    await producer.stop();
    // Answered from now on, held requests too, so that the exporter settles instead of retrying after the test.
    receiver.mode = 'ok';
    receiver.releaseHanging();
    await close();
    await provider.shutdown();
    await receiver.stop();
  }
});
