/**
 * Per-span costs, in a fresh process: the attribute policy (sanitizer) against span creation, and
 * storing spans in Redis with RedisSpanExporter. The spans and the attribute sets are the real ones
 * of a QueueOtel run (jobs added and processed at 100% sampling), recorded and then replayed.
 */
import type { Attributes } from '@opentelemetry/api';
import { SpanKind } from '@opentelemetry/api';
import { Queue } from 'bullmq';
import type { Telemetry } from 'bullmq';
import { Redis } from 'ioredis';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Sanitizer } from '../src/sanitize';
import { measureStoredBytes, RedisSpanExporter } from '../src/store';
import { QueueOtel } from '../src/telemetry';
import { cpuMicros } from './cpu';
import { addPhase, processPhase } from './job-phases';
import { redisCpuSeconds, usedMemory } from './redis-probe';
import { startSdk } from './sdk';
import { reportResult } from './child-result';

/** What span-costs.ts prints. */
export interface SpanCostResult {
  spans: number;
  sanitizerCallsPerSpan: number;
  sanitizerMicrosPerSpan: number;
  spanCreateMicros: number;
  /** Heap held by one started, not yet ended SDK span with a process span's attributes. */
  sdkSpanHeapBytes: number;
  storeNodeMicrosPerSpan: number;
  storeRedisMicrosPerSpan: number;
  storedBytesPerSpan: number;
  storeUsedMemoryPerSpan: number;
}

/** A sanitizer that keeps a copy of every attribute set QueueOtel hands it. */
class RecordingSanitizer extends Sanitizer {
  readonly seen: Attributes[] = [];
  override sanitizeAttributes(attributes: Attributes | undefined): Attributes {
    if (attributes) this.seen.push({ ...attributes });
    return super.sanitizeAttributes(attributes);
  }
}

function timeLoop(iterations: number, body: () => void): number {
  for (let i = 0; i < Math.min(iterations, 2000); i += 1) body();
  const start = performance.now();
  for (let i = 0; i < iterations; i += 1) body();
  return ((performance.now() - start) * 1000) / iterations;
}

/** Heap per live object made by `make`, after full GCs (needs --expose-gc). */
function liveSpanHeap(make: () => { end(): void }, count = 5000): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const live = Array.from({ length: count }, make);
  gc();
  const after = process.memoryUsage().heapUsed;
  for (const span of live) span.end();
  return (after - before) / count;
}

async function recordRun(redisUrl: string, jobs: number): Promise<{ spans: ReadableSpan[]; sets: Attributes[] }> {
  const memory = new InMemorySpanExporter();
  const sdk = startSdk(1, memory);
  const sanitizer = new RecordingSanitizer();
  const telemetry = new QueueOtel({ tracerProvider: sdk.provider, sanitize: sanitizer }) as unknown as Telemetry;
  const url = new URL(redisUrl);
  const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
  const queue = new Queue('span-costs', { connection, telemetry });
  const flush = (): Promise<void> => sdk.provider.forceFlush();
  await addPhase(queue, jobs, flush);
  await processPhase(queue.name, connection, telemetry, jobs, 50, flush);
  await queue.obliterate({ force: true });
  await queue.close();
  return { spans: [...memory.getFinishedSpans()], sets: sanitizer.seen };
}

async function storeCost(redisUrl: string, spans: ReadableSpan[]): Promise<Pick<SpanCostResult, 'storeNodeMicrosPerSpan' | 'storeRedisMicrosPerSpan' | 'storedBytesPerSpan' | 'storeUsedMemoryPerSpan'>> {
  const redis = new Redis(redisUrl);
  await redis.flushall();
  const exporter = new RedisSpanExporter({ connection: redis, keyPrefix: 'bench' });
  const memoryBefore = await usedMemory(redis);
  const redisBefore = await redisCpuSeconds(redis);
  const cpu = process.cpuUsage();
  for (let i = 0; i < spans.length; i += 512) {
    await new Promise<void>((resolve) => exporter.export(spans.slice(i, i + 512), () => resolve()));
  }
  const nodeMicros = cpuMicros(cpu);
  const redisMicros = ((await redisCpuSeconds(redis)) - redisBefore) * 1e6;
  const memoryAfter = await usedMemory(redis);
  const traceIds = [...new Set(spans.map((s) => s.spanContext().traceId))];
  const stored = await measureStoredBytes(redis, traceIds, { keyPrefix: 'bench' });
  await exporter.shutdown();
  await redis.flushall();
  redis.disconnect();
  return {
    storeNodeMicrosPerSpan: nodeMicros / spans.length,
    storeRedisMicrosPerSpan: redisMicros / spans.length,
    storedBytesPerSpan: stored.bytesPerSpan,
    storeUsedMemoryPerSpan: (memoryAfter - memoryBefore) / spans.length,
  };
}

async function main(): Promise<SpanCostResult> {
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const jobs = Number(process.env.BENCH_SPAN_JOBS ?? 4000);
  const { spans, sets } = await recordRun(redisUrl, jobs);
  // Replay the exact attribute sets through a fresh sanitizer (its key cache warms up like in a service).
  const fresh = new Sanitizer();
  let cursor = 0;
  const perCall = timeLoop(sets.length * 5, () => {
    fresh.sanitizeAttributes(sets[cursor]);
    cursor = (cursor + 1) % sets.length;
  });
  // Span creation with a representative set of attributes, into the same discarding batch processor.
  const sdk = startSdk(1, undefined, false);
  const tracer = sdk.provider.getTracer('bench');
  const attributes = sets.find((s) => s['messaging.operation.name'] === 'process') ?? {};
  const spanCreateMicros = timeLoop(20_000, () => tracer.startSpan('process q', { kind: SpanKind.CONSUMER, attributes }).end());
  const sdkSpanHeapBytes = liveSpanHeap(() => tracer.startSpan('process q', { kind: SpanKind.CONSUMER, attributes }));
  await sdk.provider.shutdown();
  const store = await storeCost(redisUrl, spans);
  return {
    spans: spans.length,
    sanitizerCallsPerSpan: sets.length / spans.length,
    sanitizerMicrosPerSpan: (perCall * sets.length) / spans.length,
    spanCreateMicros,
    sdkSpanHeapBytes,
    ...store,
  };
}

reportResult(main());
