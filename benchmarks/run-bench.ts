/**
 * `npm run bench`: every mode runs once per round, in a rotating order, each run in a fresh process
 * against a Redis the benchmark starts itself; then the per-span costs and the observer's throughput.
 *
 * Environment: BENCH_JOBS (jobs per mode per round, default 20000), BENCH_ROUNDS (default 5), BENCH_WARMUP (warm-up
 * jobs per run before anything is measured, default a fifth of BENCH_JOBS, at least 200),
 * BENCH_MODES (comma-separated subset; `none` is always added), BENCH_INFLIGHT (jobs held at once by
 * the heap probe, default 1000), BENCH_JSON (a file to write every raw result to), BENCH_PAYLOAD_BYTES
 * (give every job a structured payload of about that many bytes instead of a tiny one).
 * Quick run: `BENCH_JOBS=2000 BENCH_ROUNDS=2 npm run bench`.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startEmbeddedRedis } from '../cli/src/dev/embedded-redis';
import { ensureBuilt } from '../scripts/built-library';
import { fromSource } from './library';
import { runChild, startSink } from './child';
import type { RunConfig, RunResult } from './mode-runner';
import { MODE_LEGEND, MODES, modeByName } from './modes';
import { modeTable, ratioTable, summarise } from './report';
import type { SpanCostResult } from './span-costs';
import { roundOrder } from './stats';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

async function main(): Promise<void> {
  const jobs = env('BENCH_JOBS', 20_000);
  const rounds = env('BENCH_ROUNDS', 5);
  const inflight = env('BENCH_INFLIGHT', 1000);
  // A fifth of the jobs: with the 5% used until the tenth round, most of the hot functions of every mode were first
  // optimized while jobs were being measured (docs/performance.md, tenth round), more so for modes with more code.
  const warmup = env('BENCH_WARMUP', Math.max(200, Math.round(jobs / 5)));
  const names = process.env.BENCH_MODES ? ['none', ...process.env.BENCH_MODES.split(',').filter((n) => n !== 'none')] : MODES.filter((m) => !m.optional).map((m) => m.name);
  names.forEach(modeByName);
  if (!fromSource) {
    console.log('building dist/ when stale: the benchmark measures the library as applications load it (BENCH_SOURCE=src for the sources)');
    ensureBuilt();
  }
  const redis = await startEmbeddedRedis();
  const sink = await startSink();
  const started = Date.now();
  console.log(`queue-otel benchmark: ${jobs} jobs (after ${warmup} warm-up jobs) x ${rounds} rounds x ${names.length} modes, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`);
  const runs = new Map<string, RunResult[]>(names.map((n) => [n, []]));
  try {
    for (let round = 0; round < rounds; round += 1) {
      for (const mode of roundOrder(names, round)) {
        const config: RunConfig = {
          mode, jobs, warmup, inflight, concurrency: 50, redisUrl: redis.url, sinkUrl: sink.url, queue: `bench-${mode}-${round}`,
        };
        const result = await runChild<RunResult>('mode-runner.ts', { BENCH_RUN: JSON.stringify(config) });
        runs.get(mode)!.push(result);
        const perJob = (result.add.cpuMicros + result.process.cpuMicros) / jobs;
        console.log(`round ${round + 1}/${rounds} ${mode.padEnd(14)} ${perJob.toFixed(1)} µs/job  ${(Date.now() - started) / 1000}s`);
      }
    }
    const spanCosts = await runChild<SpanCostResult>('span-costs.ts', { BENCH_REDIS_URL: redis.url, BENCH_SPAN_JOBS: String(Math.min(jobs, 4000)) });
    const observer = await runChild<Record<string, number> | null>('observer-hook.ts', { BENCH_REDIS_URL: redis.url }).catch((error: unknown) => {
      console.error(`observer benchmark failed: ${String(error)}`);
      return null;
    });
    const summaries = summarise(runs, 'none');
    console.log('\n## Per mode (medians over rounds; ratios are medians of paired rounds against `none`, min–max in brackets)\n');
    console.log(modeTable(summaries));
    console.log('\n' + names.map((n) => `- \`${n}\`: ${MODE_LEGEND[n] ?? ''}`).join('\n'));
    if (runs.has('none-als')) {
      console.log('\n## Against an instrumented app (ratios of paired rounds against `none-als`, whose context tracking is already on)\n');
      console.log(ratioTable(summarise(runs, 'none-als').filter((s) => s.mode !== 'none')));
    }
    console.log('\n## Per span\n');
    console.log(`| sanitizer µs/span | sanitizer calls/span | SDK span create+end µs | SDK live span heap B | RedisSpanExporter Node µs/span | Redis server µs/span | stored bytes/span (MEMORY USAGE) | used_memory B/span |`);
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    console.log(`| ${spanCosts.sanitizerMicrosPerSpan.toFixed(2)} | ${spanCosts.sanitizerCallsPerSpan.toFixed(2)} | ${spanCosts.spanCreateMicros.toFixed(2)} | ${spanCosts.sdkSpanHeapBytes.toFixed(0)} | ${spanCosts.storeNodeMicrosPerSpan.toFixed(1)} | ${spanCosts.storeRedisMicrosPerSpan.toFixed(1)} | ${spanCosts.storedBytesPerSpan.toFixed(0)} | ${spanCosts.storeUsedMemoryPerSpan.toFixed(0)} |`);
    console.log('\n## QueueEvents observer\n');
    console.log(observer ? Object.entries(observer).map(([k, v]) => `- ${k}: ${v}`).join('\n') : '- not measured (the observer benchmark failed, see above)');
    console.log(`\ntotal ${(Date.now() - started) / 1000}s`);
    if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify({ runs: Object.fromEntries(runs), spanCosts, observer }, null, 2));
  } finally {
    sink.process.kill();
    await redis.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
