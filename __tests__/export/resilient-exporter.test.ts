import { randomUUID } from 'node:crypto';
import { ExportResultCode } from '@opentelemetry/core';
import { TracingHealthMetrics } from '../../src/health';
import { ResilientSpanExporter } from '../../src/export';
import type { CircuitState, ResilientExporterStats, ResilientSpanExporterOptions } from '../../src/export';
import { RedisSpanExporter } from '../../src/store';
import { OtlpReceiver } from '../support/otlp-receiver';
import { redisConnection } from '../support/redis';
import { waitFor } from '../support/tracing';
import { counterValue, makeSpans, otlpTo, timedExport } from './export-fixtures';

let receiver: OtlpReceiver;
const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  receiver = new OtlpReceiver();
  await receiver.start();
});
afterEach(async () => {
  await receiver.stop(); // first: hung requests end at once, so shutdowns do not wait out their timeouts
  while (cleanups.length) await cleanups.pop()!();
});

/** A resilient exporter over the real OTLP/HTTP exporter, recording hook calls. */
function resilient(options: ResilientSpanExporterOptions, otlpTimeoutMillis = 100) {
  const errors: string[] = [];
  const drops: Array<[string, number]> = [];
  const transitions: CircuitState[] = [];
  const exporter = new ResilientSpanExporter(otlpTo(receiver, otlpTimeoutMillis), {
    backoffBaseMillis: 10, backoffMaxMillis: 20,
    onExportError: (type) => errors.push(type),
    onDropped: (reason, count) => drops.push([reason, count]),
    onCircuitStateChange: (state) => transitions.push(state),
    ...options,
  });
  cleanups.push(() => exporter.shutdown());
  return { exporter, errors, drops, transitions };
}

const receivedNames = () => receiver.spans.map((s) => s.name).sort();
const sorted = (names: string[]) => [...names].sort();
/** Every accepted span is in exactly one place. */
function expectAccounted(stats: ResilientExporterStats): void {
  expect(stats.exported + stats.buffered + stats.spilled + stats.fallbackPending + stats.droppedTotal).toBe(stats.accepted);
  expect(stats.buffered).toBeLessThanOrEqual(stats.capacity);
}

test('export() returns at once while the backend hangs; attempts time out and the spans arrive once it answers', async () => {
  receiver.mode = 'hang';
  const { exporter, errors } = resilient({ exportTimeoutMillis: 200, failureThreshold: 100, flushTimeoutMillis: 500 }, 1_000);
  const spans = await makeSpans(20);
  const call = timedExport(exporter, spans);
  expect(call.code).toBe(ExportResultCode.SUCCESS);
  // The callback has already run (code is set) and took nowhere near the 200 ms export timeout; the bound is
  // loose because the machine running the tests may be busy.
  expect(call.millis).toBeLessThan(100);
  await waitFor('a timed-out attempt', () => errors.includes('timeout'));
  expect(exporter.stats()).toMatchObject({ buffered: 20, exported: 0, circuit: 'closed' });
  receiver.mode = 'ok';
  // The receiver holds the spans before the exporter has read the response: wait for the exporter's own count.
  await waitFor('all spans exported', () => exporter.stats().exported === 20 && receiver.spans.length >= 20);
  expect(receivedNames()).toEqual(sorted(spans.map((s) => s.name)));
  expect(exporter.stats()).toMatchObject({ accepted: 20, exported: 20, buffered: 0, droppedTotal: 0 });
});

test('after N failures the circuit opens and sends nothing until one probe after the cooldown; success closes it', async () => {
  // 503: the OTLP exporter's own retry (about 1 s) would pass its 100 ms deadline, so one request per attempt.
  receiver.mode = 'fail';
  // The exporter's own clock, read through: the breaker moves state right after reading it, so a state change
  // sees the time the breaker used. Recorded per change, with the requests the receiver had answered by then.
  let clock = 0;
  const changes: Array<{ state: CircuitState; at: number; requests: number }> = [];
  const { exporter, errors, transitions } = resilient({
    failureThreshold: 3, cooldownMillis: 500,
    now: () => (clock = Date.now()),
    onCircuitStateChange: (state) => {
      transitions.push(state);
      changes.push({ state, at: clock, requests: receiver.requests });
    },
  });
  exporter.export(await makeSpans(5), () => undefined);
  await waitFor('circuit open', () => exporter.stats().circuit === 'open');
  expect(receiver.requests).toBe(3);
  expect(errors).toEqual(['http_retryable', 'http_retryable', 'http_retryable']);
  await waitFor('failed probe', () => receiver.requests === 4 && exporter.stats().circuit === 'open');
  // Open: no attempt during the cooldown. The circuit went half-open (the probe's turn) no sooner than the cooldown
  // after it opened, by the exporter's clock, and no request came in between: attempts run one at a time, each
  // answered before the next starts, so an attempt in the cooldown would have been counted by then.
  const [opened, halfOpen] = changes;
  expect(opened).toMatchObject({ state: 'open', requests: 3 });
  expect(halfOpen).toMatchObject({ state: 'half-open', requests: 3 });
  expect(halfOpen!.at - opened!.at).toBeGreaterThanOrEqual(500);
  receiver.mode = 'ok';
  await waitFor('circuit closed', () => exporter.stats().circuit === 'closed');
  await waitFor('buffered spans exported', () => exporter.stats().exported === 5 && receiver.spans.length === 5);
  expect(transitions).toEqual(['open', 'half-open', 'open', 'half-open', 'closed']);
  expect(exporter.stats()).toMatchObject({ exported: 5, buffered: 0, failures: 4, circuitOpened: 1, circuitClosed: 1, consecutiveFailures: 0 });
});

test('connection refused is counted on the health metrics; export resumes by itself when the backend restarts on its port', async () => {
  const health = new TracingHealthMetrics();
  const port = receiver.port;
  await receiver.stop();
  const { exporter } = resilient({ failureThreshold: 2, cooldownMillis: 200, health, backend: 'otlp-test' });
  exporter.export(await makeSpans(4, 'down'), () => undefined);
  await waitFor('circuit open', () => exporter.stats().circuit === 'open');
  expect(await counterValue(health.registry, 'queue_otel_export_errors_total', { backend: 'otlp-test', error_type: 'ECONNREFUSED' })).toBeGreaterThanOrEqual(2);
  await receiver.start(port);
  // The receiver holds the spans before the exporter has read the response: wait for the exporter's own state.
  await waitFor('exporter recovered', () => exporter.stats().exported === 4 && exporter.stats().circuit === 'closed');
  expect(receiver.spans.length).toBe(4);
  expect(exporter.stats()).toMatchObject({ circuit: 'closed', exported: 4, droppedTotal: 0 });
});

test.each([
  ['drop-oldest', (all: string[]) => all.slice(-10)],
  ['drop-newest', (all: string[]) => all.slice(0, 10)],
] as const)('a full buffer (%s) drops exactly the overflow, counted by reason', async (overflow, kept) => {
  const health = new TracingHealthMetrics();
  await receiver.stop();
  // One failure opens the circuit for longer than the test, so no batch is in flight while we fill the buffer.
  const { exporter, drops } = resilient({ maxBufferedSpans: 10, maxExportBatchSize: 10, failureThreshold: 1, cooldownMillis: 60_000, overflow, health });
  const warm = await makeSpans(1, 'warm');
  exporter.export(warm, () => undefined);
  await waitFor('circuit open', () => exporter.stats().circuit === 'open');
  const spans = await makeSpans(25);
  expect(timedExport(exporter, spans).code).toBe(ExportResultCode.SUCCESS);
  const stats = exporter.stats();
  expect(stats).toMatchObject({ accepted: 26, buffered: 10, droppedTotal: 16, dropped: { buffer_full: 16 } });
  expectAccounted(stats);
  expect(drops.reduce((sum, [, n]) => sum + n, 0)).toBe(16);
  expect(await counterValue(health.registry, 'queue_otel_spans_dropped_total', { reason: 'buffer_full' })).toBe(16);
  await receiver.start(receiver.port);
  await exporter.forceFlush(); // ends the cooldown early with a probe
  expect(receivedNames()).toEqual(sorted(kept([...warm, ...spans].map((s) => s.name))));
  expectAccounted(exporter.stats());
});

test('a batch the backend refuses for good (HTTP 400) is dropped as rejected and does not open the circuit', async () => {
  receiver.mode = 'fail';
  receiver.failStatus = 400;
  const { exporter, errors } = resilient({ failureThreshold: 2 });
  for (let i = 0; i < 3; i += 1) exporter.export(await makeSpans(5, `b${i}`), () => undefined);
  await waitFor('rejections', () => exporter.stats().dropped.rejected === 15);
  expect(exporter.stats()).toMatchObject({ circuit: 'closed', failures: 0, buffered: 0, exported: 0 });
  expect(new Set(errors)).toEqual(new Set(['http_400']));
});

test('forceFlush and shutdown are bounded while the backend hangs; what is left is dropped as shutdown, counted', async () => {
  receiver.mode = 'hang';
  const { exporter } = resilient({ exportTimeoutMillis: 300, flushTimeoutMillis: 500, failureThreshold: 100 }, 1_000);
  exporter.export(await makeSpans(10), () => undefined);
  let started = performance.now();
  await exporter.forceFlush();
  expect(performance.now() - started).toBeLessThan(1_000);
  expect(exporter.stats().buffered).toBe(10);
  started = performance.now();
  await exporter.shutdown();
  expect(performance.now() - started).toBeLessThan(2_000);
  expectAccounted(exporter.stats());
  // A batch still in flight when shutdown's bound is reached is counted when its attempt ends.
  await waitFor('the last attempt ended', () => exporter.stats().inFlight === 0);
  const stats = exporter.stats();
  expect(stats).toMatchObject({ buffered: 0, dropped: { shutdown: 10 }, exported: 0 });
  expectAccounted(stats);
  expect(timedExport(exporter, await makeSpans(1)).code).toBe(ExportResultCode.FAILED);
});

test('overflow goes to a real Redis fallback while the backend is down and is replayed from it after recovery', async () => {
  const fallback = new RedisSpanExporter({ connection: redisConnection(), keyPrefix: `qo-export-${randomUUID().slice(0, 8)}`, buffer: true });
  await receiver.stop();
  const { exporter, drops } = resilient({ maxBufferedSpans: 10, maxExportBatchSize: 10, failureThreshold: 1, cooldownMillis: 300, fallback, maxFallbackPendingSpans: 100 });
  const warm = await makeSpans(1, 'warm');
  exporter.export(warm, () => undefined);
  await waitFor('circuit open', () => exporter.stats().circuit === 'open');
  const spans = await makeSpans(40);
  for (let i = 0; i < 40; i += 10) exporter.export(spans.slice(i, i + 10), () => undefined);
  await waitFor('spilled to Redis', () => exporter.stats().spilled === 31);
  expect(exporter.stats()).toMatchObject({ buffered: 10, droppedTotal: 0, fallbackPending: 0 });
  expect(drops).toEqual([]);
  await receiver.start(receiver.port);
  await waitFor('live and replayed spans', () => new Set(receiver.spans.map((s) => s.spanId)).size === 41);
  expect(receivedNames()).toEqual(sorted([...warm, ...spans].map((s) => s.name)));
  // The receiver can see the last batch a moment before the exporter has counted it as replayed.
  await waitFor('replay counted', () => exporter.stats().replayed === 31);
  const stats = exporter.stats();
  expect(stats).toMatchObject({ exported: 10, spilled: 31, replayed: 31, circuit: 'closed' });
  expectAccounted(stats);
  expect((await fallback.readBuffered(100)).spans).toEqual([]); // replayed spans were marked forwarded
});

test('a name that is no option is a TypeError naming the nearest, a bad value a RangeError, when built; a name given as undefined is let through', async () => {
  // Each did nothing before: `max_buffered_spans` kept the buffer at 2048, `onDroped` heard no drop.
  const build = (options: Record<string, unknown>) => () => new ResilientSpanExporter(otlpTo(receiver, 100), options as ResilientSpanExporterOptions);
  expect(build({ max_buffered_spans: 10 })).toThrow(
    new TypeError('queue-otel: "max_buffered_spans" is not an option of ResilientSpanExporter (did you mean maxBufferedSpans?)'),
  );
  expect(build({ onDroped: () => undefined })).toThrow(new TypeError('queue-otel: "onDroped" is not an option of ResilientSpanExporter (did you mean onDropped?)'));
  // Out of range is a RangeError with the same prefix as the TypeErrors.
  expect(build({ maxBufferedSpans: 0 })).toThrow(new RangeError('queue-otel: maxBufferedSpans must be a positive integer, got 0'));
  expect(build({ cooldownMillis: -1 })).toThrow(new RangeError('queue-otel: cooldownMillis must be a finite number >= 0, got -1'));
  expect(build({ overflow: 'drop-random' })).toThrow(new RangeError("queue-otel: overflow must be 'drop-oldest' or 'drop-newest', got drop-random"));
  const exporter = build({ maxBufferedSpans: 10, health: undefined, notAnOption: undefined })();
  expect(exporter.stats().capacity).toBe(10);
  await exporter.shutdown();
});
