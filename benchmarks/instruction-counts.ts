/**
 * `npm run bench:instructions`: instructions executed and simulated instruction-cache misses per job, end to end,
 * for benchmark modes run under Valgrind's cachegrind. Each mode runs twice (mode-runner.ts, the same run as
 * `npm run bench`), with a small and a large number of jobs; the difference is what one more job costs (see
 * cachegrind.ts). Counting instructions is slow (about 50 times slower than running) but does not depend on what
 * else the machine is doing, as CPU time does: it tells apart differences of a few percent, which CPU time on a busy
 * machine cannot.
 *
 * Environment: IC_MODES (comma-separated; default none,floor-hooks,qo-0,qo-100,bullmq-otel), IC_SMALL and
 * IC_LARGE (jobs of the two runs; 1000 and 5000), IC_OUT (where the cachegrind files go; a temporary folder),
 * IC_FUNCTIONS (how many functions to list per mode against the first mode; 0), IC_NODE_FLAGS (flags of the measured
 * node processes; `--single-threaded`, see nodeFlags). Needs `valgrind` on PATH; modes
 * that export over OTLP are refused (they need the sink process `npm run bench` starts).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedRedis } from '../cli/src/dev/embedded-redis';
import type { EmbeddedRedis } from '../cli/src/dev/embedded-redis';
import { ensureBuilt } from '../scripts/built-library';
import { CATEGORIES, perJob, readCachegrind, steadyTotal } from './cachegrind';
import type { PerJob } from './cachegrind';
import { modeByName } from './modes';
import type { RunConfig } from './mode-runner';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);

/**
 * Flags for the measured node processes: `IC_NODE_FLAGS` (space-separated; empty for none), by default
 * `--single-threaded`, which compiles optimised code on the main thread as soon as V8 decides to. Under Valgrind,
 * which runs one thread at a time, background compiles otherwise finish late and at varying points, so code runs
 * unoptimised for longer and by different amounts from run to run (about 3% per job). Single-threaded, two runs side by
 * side agreed within 0.2%; work that follows wall-clock time (timers, lock renewals) still moves with what runs in the
 * other lane (one run: +2.2%), so a change is read against its base counted in the same run.
 */
function nodeFlags(): string[] {
  return (process.env.IC_NODE_FLAGS ?? '--single-threaded').split(' ').filter(Boolean);
}

/** Runs one mode under cachegrind; resolves with the path of its output file. */
function countRun(mode: string, jobs: number, redis: EmbeddedRedis, out: string): Promise<string> {
  const file = join(out, `${mode}-${jobs}.cachegrind`);
  const config: RunConfig = { mode, jobs, inflight: 200, concurrency: 50, redisUrl: redis.url, sinkUrl: 'http://127.0.0.1:9/v1/traces', queue: `ic-${mode}-${jobs}` };
  const args = ['--tool=cachegrind', '--cache-sim=yes', '--smc-check=all-non-file', `--cachegrind-out-file=${file}`,
    process.execPath, ...nodeFlags(), '--expose-gc', '--import', 'tsx', join(__dirname, 'mode-runner.ts')];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { env: { ...process.env, BENCH_RUN: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && output.includes('RESULT ')) resolve(file);
      else reject(new Error(`${mode} (${jobs} jobs) under cachegrind exited with ${code}: ${output.slice(-800)}`));
    });
  });
}

/** Runs the modes one after another against one Redis of their own (mode-runner flushes it). */
async function lane(modes: string[], jobs: number, out: string, done: (mode: string) => void): Promise<Map<string, string>> {
  const redis = await startEmbeddedRedis();
  const files = new Map<string, string>();
  try {
    for (const mode of modes) {
      files.set(mode, await countRun(mode, jobs, redis, out));
      done(`${mode} (${jobs} jobs)`);
    }
  } finally {
    await redis.stop();
  }
  return files;
}

const kilo = (n: number): string => (n / 1000).toFixed(1);

function table(modes: string[], costs: Map<string, PerJob>, field: 'ir' | 'i1Misses'): string {
  const rows = [`| category | ${modes.join(' | ')} |`, `| --- |${modes.map(() => ' ---: |').join('')}`];
  for (const category of CATEGORIES) rows.push(`| ${category} | ${modes.map((m) => kilo(costs.get(m)!.byCategory[category][field])).join(' | ')} |`);
  rows.push(`| **without gc and compile** | ${modes.map((m) => `**${kilo(steadyTotal(costs.get(m)!)[field])}**`).join(' | ')} |`);
  rows.push(`| total | ${modes.map((m) => kilo(costs.get(m)!.total[field])).join(' | ')} |`);
  return rows.join('\n');
}

/** The functions whose count per job differs most between `mode` and `base` (gc and compilation left out). */
function topDifferences(mode: PerJob, base: PerJob, count: number): string[] {
  const names = new Set([...mode.byFunction.keys(), ...base.byFunction.keys()]);
  const rows: Array<[string, number, number]> = [];
  for (const name of names) {
    const a = mode.byFunction.get(name);
    const b = base.byFunction.get(name);
    rows.push([name, (a?.ir ?? 0) - (b?.ir ?? 0), (a?.i1Misses ?? 0) - (b?.i1Misses ?? 0)]);
  }
  const steady = rows.filter(([name]) => !/compiler::|Scaveng|Marking|MarkCompact|Sweep|heap::|Heap::|Evacuat|ConcurrentMark/.test(name));
  return steady.sort((x, y) => Math.abs(y[1]) - Math.abs(x[1])).slice(0, count)
    .map(([name, ir, misses]) => `${ir.toFixed(0).padStart(8)} instructions ${misses.toFixed(0).padStart(6)} I1 misses  ${name.slice(0, 120)}`);
}

async function main(): Promise<void> {
  if (spawnSync('valgrind', ['--version']).status !== 0) {
    throw new Error('valgrind is not installed: on Debian or Ubuntu, `sudo apt-get install valgrind`');
  }
  const modes = (process.env.IC_MODES ?? 'none,floor-hooks,qo-0,qo-100,bullmq-otel').split(',').filter(Boolean);
  // OTLP modes would export to nothing here (no sink process): their counts would be of a failing exporter.
  const otlp = modes.filter((m) => modeByName(m).otlp);
  if (otlp.length > 0) throw new Error(`not for modes that export over OTLP (${otlp.join(', ')}): count them with npm run bench`);
  const small = env('IC_SMALL', 1000);
  const large = env('IC_LARGE', 5000);
  if (!(large > small && small > 0)) throw new Error(`IC_LARGE (${large}) must be above IC_SMALL (${small}), both positive`);
  const out = process.env.IC_OUT ?? mkdtempSync(join(tmpdir(), 'queue-otel-ic-'));
  ensureBuilt();
  const started = Date.now();
  console.log(`instruction counts: ${modes.join(', ')}, ${small} and ${large} jobs each, under cachegrind (about 1-3 minutes per run); files in ${out}`);
  const done = (what: string): void => console.log(`  counted ${what}  ${((Date.now() - started) / 1000).toFixed(0)}s`);
  // The two sizes run side by side, each lane on its own Redis.
  const [smallFiles, largeFiles] = await Promise.all([lane(modes, small, out, done), lane(modes, large, out, done)]);
  const costs = new Map(modes.map((m) => [m, perJob(readCachegrind(largeFiles.get(m)!), readCachegrind(smallFiles.get(m)!), large, small)]));
  console.log('\n## Instructions per job (thousands)\n');
  console.log(table(modes, costs, 'ir'));
  console.log('\n## Simulated first-level instruction-cache misses per job (thousands; 32 KiB, 8-way, no prefetching)\n');
  console.log(table(modes, costs, 'i1Misses'));
  const listed = env('IC_FUNCTIONS', 0);
  if (listed > 0) {
    for (const mode of modes.slice(1)) {
      console.log(`\n## ${mode} against ${modes[0]}: the ${listed} functions that differ most, per job\n`);
      console.log(topDifferences(costs.get(mode)!, costs.get(modes[0]!)!, listed).join('\n'));
    }
  }
  console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(0)}s`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
