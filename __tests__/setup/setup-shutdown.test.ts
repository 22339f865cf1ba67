import { trace } from '@opentelemetry/api';
import { setupTracing } from '../../src/setup';
import type { TracingHandle } from '../../src/setup';
import { redisFallback } from '../export/export-fixtures';
import type { FallbackKind, RedisFallback } from '../export/export-fixtures';
import { OtlpReceiver } from '../support/otlp-receiver';
import { resetGlobals, waitFor } from '../support/tracing';

// The handle's shutdown() is what a worker awaits on SIGTERM before it exits: it must keep the documented
// flushTimeoutMillis bound however the backend and the fallback misbehave. The backend accepts every request
// and never answers; the margin only absorbs a busy machine.
const FLUSH_TIMEOUT = 5_000;
const MARGIN = 3_000;
const HANG = 60_000;

let receiver: OtlpReceiver;
let fallback: RedisFallback | undefined;
/** The handle of the test that just ran, whose abandoned export afterEach lets finish. */
let lastHandle: TracingHandle | undefined;
beforeEach(async () => {
  receiver = new OtlpReceiver();
  receiver.mode = 'hang';
  await receiver.start();
});
afterEach(async () => {
  // The export that shutdown() abandoned is still waiting on the backend: answer it and wait for the attempt to end,
  // so that nothing of this test is still retrying once the file is done.
  receiver.releaseHanging();
  const abandoned = lastHandle;
  if (abandoned) await waitFor('the abandoned export to settle', () => abandoned.exportStats()?.inFlight === 0);
  lastHandle = undefined;
  await receiver.stop();
  await fallback?.close();
  fallback = undefined;
  resetGlobals();
});

test.each<FallbackKind>(['no fallback', 'a Redis fallback', 'a Redis fallback whose Redis is down'])(
  'setupTracing().shutdown() keeps its flushTimeoutMillis bound while the backend hangs, with %s',
  async (kind) => {
    fallback = await redisFallback(kind);
    const handle = setupTracing({
      serviceName: 'shutdown-bound',
      endpoint: `http://127.0.0.1:${receiver.port}`,
      resilience: { exportTimeoutMillis: HANG, flushTimeoutMillis: FLUSH_TIMEOUT, maxBufferedSpans: 100, maxExportBatchSize: 50, maxFallbackPendingSpans: 1_000 },
      ...(fallback ? { fallback: fallback.exporter } : {}),
      env: {},
    });
    lastHandle = handle;
    const tracer = trace.getTracer('shutdown-bound');
    for (let i = 0; i < 300; i += 1) tracer.startSpan(`work ${i}`).end();

    const started = performance.now();
    await handle.shutdown();
    expect(performance.now() - started).toBeLessThan(FLUSH_TIMEOUT + MARGIN);
    expect(receiver.requests).toBeGreaterThanOrEqual(1); // the backend really was tried, and hung
    const stats = handle.exportStats()!;
    expect(stats).toMatchObject({ accepted: 300, exported: 0 });
    expect(stats.exported + stats.buffered + stats.spilled + stats.fallbackPending + stats.droppedTotal).toBe(300);
  },
);

test('setupTracing().shutdown() keeps its bound with the span store as the exporter and its Redis down', async () => {
  fallback = await redisFallback('a Redis fallback whose Redis is down'); // used as the exporter here
  const handle = setupTracing({
    serviceName: 'shutdown-bound',
    exporter: fallback!.exporter,
    resilience: { flushTimeoutMillis: FLUSH_TIMEOUT, maxBufferedSpans: 100, maxExportBatchSize: 50 },
    env: {},
  });
  const tracer = trace.getTracer('shutdown-bound');
  for (let i = 0; i < 300; i += 1) tracer.startSpan(`work ${i}`).end();

  const started = performance.now();
  await handle.shutdown();
  expect(performance.now() - started).toBeLessThan(FLUSH_TIMEOUT + MARGIN);
  const stats = handle.exportStats()!;
  expect(stats).toMatchObject({ accepted: 300, exported: 0, buffered: 0 });
  expect(stats.failures).toBeGreaterThanOrEqual(1); // the store was tried and refused at once
  expect(stats.droppedTotal).toBe(300);
});
