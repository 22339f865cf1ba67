import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { QueueOtel } from '../../src';
import { payloadBytesOf, STORED_SIZE_MIN_CHARS } from '../../src/telemetry/stored-payload';
import { redisConnection, redisUrl, uniqueQueueName } from '../support/redis';
import { createTestTracing, spansNamed, waitFor } from '../support/tracing';

const { provider, exporter } = createTestTracing();
const connection = redisConnection();

test('tenant, deduplication id and delay are recorded on the process span', async () => {
  const name = uniqueQueueName('details');
  const telemetry = new QueueOtel({ tracerProvider: provider, tenantPath: 'account.id' });
  const queue = new Queue(name, { connection, telemetry });
  const worker = new Worker(name, async () => undefined, { connection, telemetry });
  try {
    await queue.add('sync', { account: { id: 'acme-42' } }, { deduplication: { id: 'sync-acme' }, delay: 50 });
    const span = await waitFor('process', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
    expect(span.attributes).toMatchObject({
      'bullmq.job.tenant': 'acme-42',
      'bullmq.job.deduplication_id': 'sync-acme',
      'bullmq.job.delay_ms': 50,
    });
    expect(Number(span.attributes['bullmq.job.wait_ms'])).toBeGreaterThanOrEqual(0);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('an attempt whose worker died is recorded as stalled on the attempt that follows', async () => {
  const name = uniqueQueueName('stall');
  const telemetry = new QueueOtel({ tracerProvider: provider });
  const queue = new Queue(name, { connection, telemetry });
  const job = await queue.add('fragile', {});
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'fixtures', 'processes', 'hanging-worker.ts')], {
    env: { ...process.env, NODE_OPTIONS: '', REDIS_URL: redisUrl(), QUEUE: name },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  try {
    await waitFor('the child to take the job', () => out.includes(`active ${job.id}`), 20_000);
  } finally {
    // Also when the wait fails: a hanging worker left running would keep jest from exiting.
    child.kill('SIGKILL');
  }
  const worker = new Worker(name, async () => 'recovered', { connection, telemetry, stalledInterval: 300, lockDuration: 1000 });
  try {
    const span = await waitFor('the next attempt', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0], 20_000);
    expect(span.attributes['bullmq.job.stalled']).toBe(1);
    expect(span.attributes['bullmq.job.outcome']).toBe('completed');
    expect(span.events.map((e) => e.name)).toContain('previous attempt stalled');
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
  }
}, 40_000);

test('with messageBodySize, the body size of a large job is the size of its data as stored in Redis, counted without serialising it again', async () => {
  const name = uniqueQueueName('payload');
  const telemetry = new QueueOtel({ tracerProvider: provider, messageBodySize: true });
  const queue = new Queue(name, { connection, telemetry });
  const redis = new Redis(connection);
  // Another client stored the data with spaces: serialising the parsed object again would count fewer bytes.
  const note = 'héllo '.repeat(STORED_SIZE_MIN_CHARS / 4);
  const stored = `{ "note" : "${note}" }`;
  let worker: Worker | undefined;
  try {
    const job = await queue.add('sized', { note });
    await redis.hset(`bull:${name}:${job.id}`, 'data', stored);
    worker = new Worker(name, async () => undefined, { connection, telemetry });
    const span = await waitFor('process', () => spansNamed(exporter.getFinishedSpans(), `process ${name}`)[0]);
    expect(span.attributes['messaging.message.body.size']).toBe(Buffer.byteLength(stored));
    expect(Buffer.byteLength(stored)).not.toBe(Buffer.byteLength(JSON.stringify({ note })));
  } finally {
    await worker?.close();
    redis.disconnect();
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('a job the worker did not read from Redis has its payload measured by serialising it', () => {
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  expect(payloadBytesOf({ data: { note: 'héllo' } })).toBe(Buffer.byteLength('{"note":"héllo"}'));
  expect(payloadBytesOf({ data: circular })).toBeUndefined();
  expect(payloadBytesOf({})).toBe(0);
});
