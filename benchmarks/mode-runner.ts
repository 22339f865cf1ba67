/**
 * One benchmark run of one mode, in a fresh process (run by run-bench.ts): warm-up, add phase,
 * Redis memory sample, process phase, in-flight heap probe. Prints one `RESULT {json}` line.
 */
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { MemoryPeak } from './cpu';
import { addPhase, inflightHeap, processPhase } from './job-phases';
import type { PhaseCost } from './job-phases';
import { modeByName, otlpExporter } from './modes';
import { sampleJobMemory, usedMemory } from './redis-probe';
import type { JobMemory } from './redis-probe';
import { useBaseCopy } from './library';
import { profiled } from './profiler';
import { startSdk, switchOnContextTracking } from './sdk';
import { reportResult } from './child-result';

/** Settings passed by the orchestrator in `BENCH_RUN` (JSON). */
export interface RunConfig {
  mode: string;
  jobs: number;
  /** Warm-up jobs before anything is measured; by default 5% of `jobs`, at least 200 (see run-bench.ts). */
  warmup?: number;
  concurrency: number;
  inflight: number;
  redisUrl: string;
  sinkUrl: string;
  queue: string;
}

/** What one run measured; printed as JSON. */
export interface RunResult {
  mode: string;
  jobs: number;
  add: PhaseCost;
  process: PhaseCost;
  spans: number;
  peakHeap: number;
  peakRss: number;
  inflightHeapPerJob: number;
  usedMemoryPerJob: number;
  jobMemory: JobMemory;
}

async function run(config: RunConfig): Promise<RunResult> {
  const mode = modeByName(config.mode);
  // Before the SDK: its sampler must be the measured copy's own QueueSampler (see zero-rate-sends.ts).
  if (mode.base) useBaseCopy();
  const sdk = startSdk(mode.rate, mode.otlp ? otlpExporter(config.sinkUrl) : undefined);
  const telemetry = mode.telemetry?.(sdk);
  if (mode.activateContext) switchOnContextTracking();
  const url = new URL(config.redisUrl);
  const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
  const redis = new Redis(connection);
  await redis.flushall();
  const flush = (): Promise<void> => sdk.provider.forceFlush();
  const queue = (name: string): Queue => new Queue(name, { connection, ...(telemetry ? { telemetry } : {}) });

  // Warm-up on its own queue: the JIT has compiled the hot paths before anything is measured.
  const warm = queue(`${config.queue}-warm`);
  const warmJobs = config.warmup ?? Math.max(200, Math.round(config.jobs / 20));
  await addPhase(warm, warmJobs, flush);
  await processPhase(warm.name, connection, telemetry, warmJobs, config.concurrency, flush);
  await warm.obliterate({ force: true });
  await warm.close();

  const main = queue(config.queue);
  await main.waitUntilReady();
  const spansBefore = sdk.exporter.spans;
  const peak = new MemoryPeak();
  peak.start();
  const memoryBefore = await usedMemory(redis);
  const add = await profiled(`${config.mode}-add`, () => addPhase(main, config.jobs, flush));
  const memoryAfter = await usedMemory(redis);
  const jobMemory = await sampleJobMemory(redis, config.queue, config.jobs);
  const processed = await profiled(`${config.mode}-process`, () =>
    processPhase(config.queue, connection, telemetry, config.jobs, config.concurrency, flush));
  peak.stop();
  const spans = sdk.exporter.spans - spansBefore;
  await main.close();

  const probe = queue(`${config.queue}-inflight`);
  const inflightHeapPerJob = await inflightHeap(probe, connection, telemetry, config.inflight, flush);
  await probe.close();
  await redis.flushall();
  redis.disconnect();
  await sdk.provider.shutdown();
  return {
    mode: config.mode,
    jobs: config.jobs,
    add,
    process: processed,
    spans,
    peakHeap: peak.heap,
    peakRss: peak.rss,
    inflightHeapPerJob,
    usedMemoryPerJob: (memoryAfter - memoryBefore) / config.jobs,
    jobMemory,
  };
}

const config = JSON.parse(process.env.BENCH_RUN ?? '{}') as RunConfig;
reportResult(run(config));
