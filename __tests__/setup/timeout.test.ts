import { trace } from '@opentelemetry/api';
import { setupTracing } from '../../src/setup';
import type { TracingHandle } from '../../src/setup';
import { OtlpGrpcReceiver } from '../support/otlp-grpc-receiver';
import { OtlpReceiver } from '../support/otlp-receiver';
import { resetGlobals, waitFor } from '../support/tracing';

// OTEL_EXPORTER_OTLP_TIMEOUT reaches the official exporter itself: against a backend that takes every request
// and never answers, the exporter gives the request up at that timeout (10 s by default), and the export is
// counted as failed.
const TIMEOUT = 700;
// Timers fire late on a busy machine, never early; the default it must not be is 10 000.
const LATE = 3_000;

let handle: TracingHandle | undefined;
let stop: (() => Promise<void>) | undefined;
afterEach(async () => {
  await handle?.shutdown();
  await stop?.();
  handle = undefined;
  resetGlobals();
});

function start(options: Parameters<typeof setupTracing>[0]): TracingHandle {
  handle = setupTracing({ serviceName: 'timeout-test', resilience: { flushTimeoutMillis: 1_000 }, ...options });
  trace.getTracer('timeout-test').startSpan('work').end();
  void handle.forceFlush();
  return handle;
}

test('OTEL_EXPORTER_OTLP_TIMEOUT: an OTLP/HTTP request to a hanging backend is abandoned at the timeout and fails', async () => {
  const receiver = new OtlpReceiver();
  receiver.mode = 'hang';
  await receiver.start();
  stop = () => receiver.stop();
  const tracing = start({ endpoint: `http://127.0.0.1:${receiver.port}`, env: { OTEL_EXPORTER_OTLP_TIMEOUT: String(TIMEOUT) } });

  const stats = await waitFor('the export to fail', () => (tracing.exportStats()!.failures >= 1 ? tracing.exportStats() : undefined));
  expect(stats).toMatchObject({ exported: 0 });
  const abandoned = await waitFor('the exporter to give the request up', () => receiver.abandonedAfterMillis[0]);
  expect(abandoned).toBeGreaterThanOrEqual(TIMEOUT - 50);
  expect(abandoned).toBeLessThan(TIMEOUT + LATE);
});

test('OTEL_EXPORTER_OTLP_TRACES_TIMEOUT over gRPC: the call carries that deadline and is cancelled at it', async () => {
  const receiver = new OtlpGrpcReceiver();
  receiver.mode = 'hang';
  await receiver.start();
  stop = () => receiver.stop();
  const tracing = start({
    protocol: 'grpc',
    endpoint: receiver.url,
    env: { OTEL_EXPORTER_OTLP_TIMEOUT: '60000', OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: String(TIMEOUT) },
  });

  await waitFor('the export to fail', () => tracing.exportStats()!.failures >= 1);
  expect(tracing.exportStats()).toMatchObject({ exported: 0 });
  // gRPC sends its deadline with the call, e.g. "698m" (milliseconds left when it was sent).
  const deadline = String(receiver.headers[0]?.['grpc-timeout']);
  expect(deadline).toMatch(/^\d+[mu]$/);
  expect(Number.parseInt(deadline, 10) / (deadline.endsWith('u') ? 1000 : 1)).toBeLessThanOrEqual(TIMEOUT);
  const abandoned = await waitFor('the call to be cancelled', () => receiver.abandonedAfterMillis[0]);
  expect(abandoned).toBeLessThan(TIMEOUT + LATE);
});

test('the code option resilience.exportTimeoutMillis wins over the variable', async () => {
  const receiver = new OtlpReceiver();
  receiver.mode = 'hang';
  await receiver.start();
  stop = () => receiver.stop();
  const tracing = start({
    endpoint: `http://127.0.0.1:${receiver.port}`,
    resilience: { exportTimeoutMillis: TIMEOUT, flushTimeoutMillis: 1_000 },
    env: { OTEL_EXPORTER_OTLP_TIMEOUT: '60000' },
  });
  await waitFor('the export to fail', () => tracing.exportStats()!.failures >= 1);
  const abandoned = await waitFor('the exporter to give the request up', () => receiver.abandonedAfterMillis[0]);
  expect(abandoned).toBeLessThan(TIMEOUT + LATE);
});
