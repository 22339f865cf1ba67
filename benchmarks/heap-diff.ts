/**
 * Where the heap of in-flight jobs goes: holds `BENCH_INFLIGHT` jobs (default 1000) inside their
 * handlers for one mode, takes a V8 heap snapshot before and after, and prints the object kinds that
 * grew, per job. Run: `BENCH_HEAP_MODE=qo-100 node --expose-gc --import tsx benchmarks/heap-diff.ts`
 * (needs a Redis at `REDIS_URL`, default redis://127.0.0.1:6379).
 */
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { Queue } from 'bullmq';
import type { Telemetry } from 'bullmq';
import { holdJobs } from './job-phases';
import { modeByName } from './modes';
import { startSdk, switchOnContextTracking } from './sdk';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Count and self size of every (type, name) in a heap snapshot. */
function census(file: string): Map<string, { count: number; size: number }> {
  const snap = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const out = new Map<string, { count: number; size: number }>();
  for (let i = 0; i < snap.nodes.length; i += width) {
    const type = types[snap.nodes[i + typeAt] ?? 0] ?? '?';
    const rawName = snap.strings[snap.nodes[i + nameAt] ?? 0] ?? '?';
    const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '(string)' : rawName.slice(0, 60);
    const key = `${type} ${name}`;
    const entry = out.get(key) ?? { count: 0, size: 0 };
    entry.count += 1;
    entry.size += snap.nodes[i + sizeAt] ?? 0;
    out.set(key, entry);
  }
  return out;
}

function snapshot(label: string): string {
  (globalThis as { gc?: () => void }).gc?.();
  return writeHeapSnapshot(join(tmpdir(), `queue-otel-heap-${process.pid}-${label}.heapsnapshot`));
}

async function main(): Promise<void> {
  const mode = modeByName(process.env.BENCH_HEAP_MODE ?? 'qo-100');
  const inflight = Number(process.env.BENCH_INFLIGHT ?? 1000);
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const connection = { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
  const sdk = startSdk(mode.rate);
  const telemetry: Telemetry | undefined = mode.telemetry?.(sdk);
  if (mode.activateContext) switchOnContextTracking();
  const name = `heap-diff-${process.pid}`;
  const queue = new Queue(name, { connection, ...(telemetry ? { telemetry } : {}) });
  const jobs = await holdJobs(queue, connection, telemetry, inflight);
  await sdk.provider.forceFlush();
  const before = snapshot('before');
  void jobs.worker.run();
  await jobs.allIn;
  await sdk.provider.forceFlush();
  const after = snapshot('after');
  const a = census(before);
  const b = census(after);
  const rows = [...b].map(([key, v]) => {
    const was = a.get(key) ?? { count: 0, size: 0 };
    return { key, count: (v.count - was.count) / inflight, bytes: (v.size - was.size) / inflight };
  }).filter((r) => Math.abs(r.bytes) >= 8).sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  console.log(`${mode.name}: ${total.toFixed(0)} B per in-flight job (self sizes of kinds that changed by >= 8 B/job)`);
  for (const r of rows.slice(0, Number(process.env.BENCH_HEAP_ROWS ?? 40))) {
    console.log(`${r.bytes.toFixed(0).padStart(7)} B ${r.count.toFixed(2).padStart(6)}/job  ${r.key}`);
  }
  jobs.release();
  await jobs.worker.close();
  await queue.obliterate({ force: true });
  await queue.close();
  await sdk.provider.shutdown();
  rmSync(before);
  rmSync(after);
}

void main();
