/**
 * Throughput of the QueueEvents observer, and the cost of the processed marker.
 *
 * 1. N jobs (added through a QueueOtel queue, so they carry trace metadata) are processed by a plain
 *    BullMQ worker (concurrency 100, trivial handler) while an observer turns their `completed` events
 *    into observed wait + process spans. Reports the events the observer handled per second, the worker's
 *    own jobs per second for comparison, the largest lag seen and anything dropped.
 * 2. The same jobs processed by a QueueOtel worker with and without `markProcessedJobs`: CPU per job of
 *    the worker process and the job hash's size in Redis, i.e. what the cross-process marker costs.
 *
 * `runObserverBench({ redisUrl })` is what `npm run bench` calls (benchmarks/observer-hook.ts); run it on
 * its own with `BENCH_REDIS_URL=redis://127.0.0.1:6379 npx tsx benchmarks/observer.ts` (BENCH_OBSERVER_JOBS,
 * default 20000).
 */
import { Queue, QueueEvents, Worker } from 'bullmq';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Redis } from 'ioredis';
import { QueueOtel } from '../src/telemetry';
import { QueueEventsObserver } from '../src/observer';
import { PROCESSED_MARKER_FIELD } from '../src/vocabulary';

/** Counts ended spans and drops them: the benchmark measures the observer, not an exporter. */
function countingProcessor(): SpanProcessor & { ended: number } {
  return {
    ended: 0,
    onStart: () => undefined,
    onEnd() {
      this.ended++;
    },
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };
}

function connectionOf(redisUrl: string): { host: string; port: number; maxRetriesPerRequest: null } {
  const url = new URL(redisUrl);
  return { host: url.hostname, port: Number(url.port || 6379), maxRetriesPerRequest: null };
}

async function addJobs(queue: Queue, jobs: number): Promise<void> {
  for (let i = 0; i < jobs; i += 1000) {
    await queue.addBulk(Array.from({ length: Math.min(1000, jobs - i) }, (_, k) => ({ name: 'bench', data: { i: i + k } })));
  }
}

async function observerThroughput(redisUrl: string, jobs: number): Promise<Record<string, number>> {
  const connection = connectionOf(redisUrl);
  const spans = countingProcessor();
  const otel = new QueueOtel({ tracerProvider: new BasicTracerProvider({ spanProcessors: [spans] }) });
  const name = `bench-observer-${Date.now()}`;
  const queue = new Queue(name, { connection, telemetry: otel, defaultJobOptions: { removeOnComplete: { age: 600 } } });
  const events = new QueueEvents(name, { connection });
  await events.waitUntilReady();
  await new Promise((r) => setTimeout(r, 200));
  const observer = new QueueEventsObserver(otel, events);
  await addJobs(queue, jobs);
  let workerDoneAt = 0;
  let completed = 0;
  const started = Date.now();
  const worker = new Worker(name, async () => 'ok', { connection, concurrency: 100 });
  worker.on('completed', () => {
    if (++completed === jobs) workerDoneAt = Date.now();
  });
  let maxLag = 0;
  let maxPending = 0;
  for (;;) {
    const s = observer.stats();
    maxLag = Math.max(maxLag, s.lagMs);
    maxPending = Math.max(maxPending, s.pending);
    if (s.processed + s.dropped + s.missing + s.failedLookups + s.recordErrors + s.instrumented >= jobs) break;
    if (Date.now() - started > 120_000) throw new Error(`observer bench timed out: ${JSON.stringify(s)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const observedAt = Date.now();
  const stats = observer.stats();
  await observer.close();
  await worker.close();
  await events.close();
  await queue.obliterate({ force: true });
  await queue.close();
  return {
    jobs,
    eventsPerSecond: Math.round(stats.processed / ((observedAt - started) / 1000)),
    workerJobsPerSecond: Math.round(jobs / (((workerDoneAt || observedAt) - started) / 1000)),
    observerFinishedAfterWorkerMs: Math.max(0, observedAt - (workerDoneAt || observedAt)),
    maxLagMs: maxLag,
    maxPending,
    dropped: stats.dropped,
    missing: stats.missing,
    failedLookups: stats.failedLookups,
    spansPerJob: Number((spans.ended / jobs).toFixed(2)),
  };
}

async function markerCost(redisUrl: string, jobs: number, mark: boolean): Promise<{ cpuUsPerJob: number; hashBytes: number }> {
  const connection = connectionOf(redisUrl);
  const otel = new QueueOtel({ tracerProvider: new BasicTracerProvider(), markProcessedJobs: mark });
  const name = `bench-marker-${mark ? 'on' : 'off'}-${Date.now()}`;
  const queue = new Queue(name, { connection, telemetry: otel });
  await addJobs(queue, jobs);
  const cpu = process.cpuUsage();
  let done = 0;
  await new Promise<void>((resolve) => {
    const worker = new Worker(name, async () => 'ok', { connection, concurrency: 100, telemetry: otel });
    worker.on('completed', () => {
      if (++done === jobs) void worker.close().then(resolve);
    });
  });
  const used = process.cpuUsage(cpu);
  const redis = new Redis(redisUrl);
  const key = `bull:${name}:1`;
  const hashBytes = Number(await redis.memory('USAGE', key));
  if (mark && (await redis.hget(key, PROCESSED_MARKER_FIELD)) !== '1') throw new Error('marker missing');
  await redis.quit();
  await queue.obliterate({ force: true });
  await queue.close();
  return { cpuUsPerJob: Number(((used.user + used.system) / jobs).toFixed(1)), hashBytes };
}

/** Runs both measurements; `eventsPerSecond` is the observer's throughput. */
export async function runObserverBench(options: { redisUrl: string; jobs?: number }): Promise<{ eventsPerSecond: number } & Record<string, number>> {
  const jobs = options.jobs ?? Number(process.env.BENCH_OBSERVER_JOBS ?? 20_000);
  const throughput = await observerThroughput(options.redisUrl, jobs);
  const markerJobs = Math.min(jobs, 10_000);
  // Warm-up, then off/on/off/on so neither order nor JIT warm-up favours one side.
  await markerCost(options.redisUrl, 1000, false);
  const runs: { mark: boolean; cpuUsPerJob: number; hashBytes: number }[] = [];
  for (const mark of [false, true, false, true]) runs.push({ mark, ...(await markerCost(options.redisUrl, markerJobs, mark)) });
  const mean = (mark: boolean): number => {
    const picked = runs.filter((r) => r.mark === mark);
    return Number((picked.reduce((sum, r) => sum + r.cpuUsPerJob, 0) / picked.length).toFixed(1));
  };
  return {
    eventsPerSecond: throughput.eventsPerSecond!,
    ...throughput,
    markerOffCpuUsPerJob: mean(false),
    markerOnCpuUsPerJob: mean(true),
    markerOffHashBytes: runs[0]!.hashBytes,
    markerOnHashBytes: runs[1]!.hashBytes,
  };
}

if (require.main === module) {
  runObserverBench({ redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' }).then(
    (result) => {
      console.log(JSON.stringify(result, null, 2));
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
