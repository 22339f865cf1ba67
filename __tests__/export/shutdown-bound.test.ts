import { ResilientSpanExporter } from '../../src/export';
import type { ResilientExporterStats } from '../../src/export';
import { OtlpReceiver } from '../support/otlp-receiver';
import { waitFor } from '../support/tracing';
import { makeSpans, otlpTo, redisFallback } from './export-fixtures';
import type { FallbackKind, RedisFallback } from './export-fixtures';

// shutdown() is documented to take at most flushTimeoutMillis, whatever the backend and the fallback do.
// The backend here accepts every request and never answers (for far longer than the bound); the margin
// only absorbs a busy machine.
const FLUSH_TIMEOUT = 5_000;
const MARGIN = 3_000;
const HANG = 60_000;

let receiver: OtlpReceiver;
let fallback: RedisFallback | undefined;
const cleanups: Array<() => Promise<unknown>> = [];
beforeEach(async () => {
  receiver = new OtlpReceiver();
  receiver.mode = 'hang';
  await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
  while (cleanups.length) await cleanups.pop()!();
  await fallback?.close();
  fallback = undefined;
});

function expectAccounted(stats: ResilientExporterStats): void {
  expect(stats.exported + stats.buffered + stats.spilled + stats.fallbackPending + stats.droppedTotal).toBe(stats.accepted);
}

test.each<FallbackKind>(['no fallback', 'a Redis fallback', 'a Redis fallback whose Redis is down'])(
  'shutdown() keeps its flushTimeoutMillis bound while the backend hangs, with %s',
  async (kind) => {
    fallback = await redisFallback(kind);
    const exporter = new ResilientSpanExporter(otlpTo(receiver, HANG), {
      exportTimeoutMillis: HANG, flushTimeoutMillis: FLUSH_TIMEOUT, failureThreshold: 100,
      maxBufferedSpans: 100, maxExportBatchSize: 50, maxFallbackPendingSpans: 1_000,
      ...(fallback ? { fallback: fallback.exporter } : {}),
    });
    cleanups.push(() => exporter.shutdown());
    const spans = await makeSpans(300);
    for (let i = 0; i < spans.length; i += 50) exporter.export(spans.slice(i, i + 50), () => undefined);
    await waitFor('a request hanging at the backend', () => receiver.requests >= 1);

    const started = performance.now();
    await exporter.shutdown();
    expect(performance.now() - started).toBeLessThan(FLUSH_TIMEOUT + MARGIN);
    // 300 spans: 200 overflowed the buffer, 50 were still waiting at shutdown, 50 are in the hanging request.
    const stats = exporter.stats();
    expect(stats).toMatchObject({ accepted: 300, exported: 0, buffered: 50, inFlight: 50 });
    if (kind === 'no fallback') expect(stats.dropped).toMatchObject({ buffer_full: 200, shutdown: 50 });
    if (kind === 'a Redis fallback') expect(stats.spilled + stats.fallbackPending).toBe(250);
    if (kind === 'a Redis fallback whose Redis is down') expect(stats.dropped).toMatchObject({ fallback_failed: 250 });
    expectAccounted(stats);
  },
);
