import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueOtel } from '../../src';
import { redisConnection, uniqueQueueName } from '../support/redis';
import { createTestTracing, parentOf, spansNamed, waitFor } from '../support/tracing';

/**
 * Trace metadata of any JSON type, as another tool, an older client or a hand-made job may leave in the job
 * hash: every such job runs once, in a new trace, and is counted; the jobs behind it still run.
 */
const { provider, exporter } = createTestTracing();
const connection = redisConnection();
const redis = new Redis(connection);
const cleanup: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  exporter.reset();
});
afterAll(() => redis.disconnect());

const FOREIGN_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const FOREIGN_TRACEPARENT = `00-${FOREIGN_TRACE}-00f067aa0ba902b7-01`;

/** Non-string metadata: truthy values reach the context manager, falsy ones BullMQ never hands over. */
const BAD_METADATA: ReadonlyArray<readonly [string, unknown]> = [
  ['number', 42],
  ['object', { traceparent: FOREIGN_TRACEPARENT }],
  ['array', [FOREIGN_TRACEPARENT]],
  ['boolean', true],
  ['null', null],
  ['zero', 0],
  ['false', false],
];

/** Rewrites the `tm` entry of a job's `opts` JSON in its hash, as a foreign writer would leave it. */
async function rewriteMetadata(queue: string, jobId: string, metadata: unknown): Promise<void> {
  const key = `bull:${queue}:${jobId}`;
  const opts = JSON.parse((await redis.hget(key, 'opts')) ?? '{}') as Record<string, unknown>;
  await redis.hset(key, 'opts', JSON.stringify({ ...opts, tm: metadata }));
}

function withDeadline<T>(what: string, promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

test('jobs whose metadata is a number, object, array, boolean or null each run once in a new trace, counted, and the worker closes', async () => {
  const name = uniqueQueueName('untrusted');
  const telemetry = new QueueOtel({ tracerProvider: provider, logger: () => undefined });
  const queue = new Queue(name, { connection, telemetry });
  cleanup.push(() => queue.obliterate({ force: true }).then(() => queue.close()));
  const bad = new Map<string, string>();
  for (const [kind, metadata] of BAD_METADATA) {
    const job = await queue.add(kind, { kind });
    await rewriteMetadata(name, job.id!, metadata);
    bad.set(job.id!, kind);
  }
  const normal = await queue.add('normal', {});
  // The rewritten values reach the worker as they are, not as strings.
  const stored = await queue.getJob([...bad.keys()][0]!);
  expect(stored?.opts.telemetry?.metadata).toBe(42);

  const runs = new Map<string, number>();
  const completed = new Set<string>();
  const worker = new Worker(
    name,
    async (job) => {
      runs.set(job.id!, (runs.get(job.id!) ?? 0) + 1);
      return 'ok';
    },
    { connection, telemetry, concurrency: 1 },
  );
  let closed = false;
  cleanup.push(() => (closed ? Promise.resolve() : worker.close(true)));
  worker.on('completed', (job) => completed.add(job.id!));

  await waitFor('every job to complete', () => completed.size === bad.size + 1, 20_000);
  await withDeadline('worker.close()', worker.close(), 10_000);
  closed = true;

  for (const id of [...bad.keys(), normal.id!]) expect(runs.get(id)).toBe(1);
  const spans = exporter.getFinishedSpans();
  const processSpans = spansNamed(spans, `process ${name}`);
  const sends = spansNamed(spans, `add ${name}`);
  for (const [id, kind] of bad) {
    const process = processSpans.filter((s) => s.attributes['messaging.message.id'] === id);
    expect([kind, process.length]).toEqual([kind, 1]);
    const span = process[0]!;
    const send = sends.find((s) => s.attributes['messaging.message.id'] === id)!;
    expect([kind, parentOf(span)]).toEqual([kind, undefined]);
    expect(span.links).toHaveLength(0);
    expect(span.spanContext().traceId).not.toBe(send.spanContext().traceId);
    expect(span.spanContext().traceId).not.toBe(FOREIGN_TRACE);
    expect(span.attributes['bullmq.job.outcome']).toBe('completed');
  }
  const traceIds = new Set([...bad.keys()].map((id) => processSpans.find((s) => s.attributes['messaging.message.id'] === id)!.spanContext().traceId));
  expect(traceIds.size).toBe(bad.size);
  // The job behind them still continues its producer's trace.
  const normalProcess = processSpans.find((s) => s.attributes['messaging.message.id'] === normal.id)!;
  const normalSend = sends.find((s) => s.attributes['messaging.message.id'] === normal.id)!;
  expect(parentOf(normalProcess)).toBe(normalSend.spanContext().spanId);
  expect(telemetry.propagationFailures.snapshot()).toEqual({ 'extract/not_a_string': bad.size });
}, 60_000);
