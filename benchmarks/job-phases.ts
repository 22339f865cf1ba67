import { Worker } from 'bullmq';
import type { ConnectionOptions, Telemetry , Queue} from 'bullmq';
import { AllocationMeter } from './allocation';
import { cpuMicros, systemMicros } from './cpu';

/** What one phase cost. */
export interface PhaseCost {
  cpuMicros: number;
  /** The part of `cpuMicros` spent in the kernel (system time). */
  systemMicros: number;
  wallMs: number;
  /** Bytes allocated on the JavaScript heap during the phase (see allocation.ts). */
  allocatedBytes: number;
}

/** Concurrent single `add` calls, like a server enqueueing from many requests at once. */
const ADD_WINDOW = 64;
/** Jobs per `addBulk` call. */
const BULK_CHUNK = 100;
/**
 * Jobs have a tiny payload so their hash can stay in Redis' compact encoding. BENCH_PAYLOAD_BYTES gives
 * them a structured payload of about that many bytes of JSON instead (line items of an order), to see
 * what grows with the payload.
 */
const payloadItems = payloadItemsOfAbout(Number(process.env.BENCH_PAYLOAD_BYTES ?? 0));
const data = (i: number): { n: number; items?: unknown[] } => (payloadItems ? { n: i, items: payloadItems } : { n: i });

/** Line items whose JSON is about `bytes` long; undefined for 0 or no number (the tiny default payload). */
export function payloadItemsOfAbout(bytes: number): unknown[] | undefined {
  if (!(bytes > 0)) return undefined;
  const items: unknown[] = [];
  for (let id = 0, size = 0; size < bytes; id++) {
    const item = { id, sku: `SKU-${id}`, qty: id % 7, note: 'gift wrap' };
    items.push(item);
    size += JSON.stringify(item).length + 1;
  }
  return items;
}

async function addOneByOne(queue: Queue, from: number, to: number): Promise<void> {
  let next = from;
  const lane = async (): Promise<void> => {
    while (next < to) await queue.add('job', data(next++));
  };
  await Promise.all(Array.from({ length: ADD_WINDOW }, lane));
}

async function addInBulk(queue: Queue, from: number, to: number): Promise<void> {
  for (let start = from; start < to; start += BULK_CHUNK) {
    const end = Math.min(to, start + BULK_CHUNK);
    await queue.addBulk(Array.from({ length: end - start }, (_, k) => ({ name: 'job', data: data(start + k) })));
  }
}

/**
 * Adds `jobs` jobs, half one by one and half in bulk, then runs `flush` (the span processor's
 * forceFlush: exporting the phase's spans is part of its cost).
 */
export async function addPhase(queue: Queue, jobs: number, flush: () => Promise<void>): Promise<PhaseCost> {
  const half = Math.floor(jobs / 2);
  const allocation = new AllocationMeter();
  allocation.start();
  const cpu = process.cpuUsage();
  const start = performance.now();
  await addOneByOne(queue, 0, half);
  await addInBulk(queue, half, jobs);
  await flush();
  const cost = { cpuMicros: cpuMicros(cpu), systemMicros: systemMicros(cpu), wallMs: performance.now() - start };
  return { ...cost, allocatedBytes: allocation.stop() };
}

/** Processes `jobs` waiting jobs with a trivial handler, then closes the worker and flushes spans. */
export async function processPhase(
  queueName: string, connection: ConnectionOptions, telemetry: Telemetry | undefined,
  jobs: number, concurrency: number, flush: () => Promise<void>,
): Promise<PhaseCost> {
  const worker = new Worker(queueName, async () => 'ok', {
    connection, concurrency, autorun: false, ...(telemetry ? { telemetry } : {}),
  });
  await worker.waitUntilReady();
  let completed = 0;
  const done = new Promise<void>((resolve) => {
    worker.on('completed', () => {
      completed += 1;
      if (completed === jobs) resolve();
    });
  });
  const allocation = new AllocationMeter();
  allocation.start();
  const cpu = process.cpuUsage();
  const start = performance.now();
  void worker.run();
  await done;
  const wallMs = performance.now() - start;
  await worker.close();
  await flush();
  const cpuSpent = cpuMicros(cpu);
  return { cpuMicros: cpuSpent, systemMicros: systemMicros(cpu), wallMs, allocatedBytes: allocation.stop() };
}

/** Jobs held inside their handlers, and the worker holding them. */
export interface HeldJobs {
  worker: Worker;
  /** Resolves once every job is inside its handler. */
  allIn: Promise<void>;
  /** Lets every held job finish. */
  release: () => void;
}

/**
 * Adds `inflight` jobs and makes a (not yet running) worker whose handlers hold each job until
 * `release()`: the state in which the heap per in-flight job is measured.
 */
export async function holdJobs(
  queue: Queue, connection: ConnectionOptions, telemetry: Telemetry | undefined, inflight: number,
): Promise<HeldJobs> {
  await addInBulk(queue, 0, inflight);
  const held: (() => void)[] = [];
  let allInResolve: () => void = () => undefined;
  const allIn = new Promise<void>((resolve) => (allInResolve = resolve));
  const worker = new Worker(queue.name, () => new Promise<void>((release) => {
    held.push(release);
    if (held.length === inflight) allInResolve();
  }), { connection, concurrency: inflight, autorun: false, ...(telemetry ? { telemetry } : {}) });
  await worker.waitUntilReady();
  return { worker, allIn, release: () => held.forEach((release) => release()) };
}

/**
 * Heap held per in-flight job: `inflight` jobs are held inside their handlers at once and the heap
 * (after a full GC) is compared with the heap before the worker took them.
 */
export async function inflightHeap(
  queue: Queue, connection: ConnectionOptions, telemetry: Telemetry | undefined,
  inflight: number, flush: () => Promise<void>,
): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return Number.NaN;
  const jobs = await holdJobs(queue, connection, telemetry, inflight);
  await flush();
  gc();
  const before = process.memoryUsage().heapUsed;
  void jobs.worker.run();
  await jobs.allIn;
  await flush();
  gc();
  const after = process.memoryUsage().heapUsed;
  jobs.release();
  await jobs.worker.close();
  return (after - before) / inflight;
}
