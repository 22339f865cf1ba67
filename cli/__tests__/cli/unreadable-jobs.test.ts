/**
 * Jobs whose hash BullMQ cannot read (data or options that are not JSON, options of the wrong type, counters that
 * are not numbers), written into real BullMQ jobs in a real Redis: each is one marked row, and the jobs beside it
 * are listed as usual, by the reader, the `jobs` command and the details the UI asks for.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TraceJobIndex } from 'queue-otel/store';
import { QueueReader } from '../../src/cli/queue-reader';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { runCli } from './run-cli';

const bullPrefix = `unread${randomUUID().slice(0, 8)}`;
const keyPrefix = `qo${bullPrefix}`;
const queueName = 'imports';
let client: Redis;
let reader: QueueReader;
const ids: Record<'good' | 'badData' | 'badOpts' | 'nullOpts' | 'wordCounters', string> = {
  good: '', badData: '', badOpts: '', nullOpts: '', wordCounters: '',
};

beforeAll(async () => {
  const queue = new Queue(queueName, { connection: redisConnection(), prefix: bullPrefix });
  for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = String((await queue.add(`load-${key}`, { key })).id);
  await queue.close();
  client = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const hash = (id: string): string => `${bullPrefix}:${queueName}:${id}`;
  await client.hset(hash(ids.badData), 'data', '{"unterminated": ');
  await client.hset(hash(ids.badOpts), 'opts', 'not json at all');
  await client.hset(hash(ids.nullOpts), 'opts', 'null');
  await client.hset(hash(ids.wordCounters), 'atm', 'many', 'timestamp', 'yesterday');
  reader = new QueueReader(client, new TraceJobIndex({ connection: client, keyPrefix, bullPrefix }), bullPrefix);
});

afterAll(async () => {
  await reader?.close();
  client?.disconnect();
});

describe('a job BullMQ cannot read', () => {
  it('is one marked row of the page, with the rows beside it read as usual', async () => {
    const page = await reader.listJobs(queueName, 'waiting', 0, 10);
    expect(page.total).toBe(5);
    const byId = new Map(page.rows.map((row) => [row.id, row]));
    expect([...byId.keys()].sort()).toEqual(Object.values(ids).sort());
    expect(byId.get(ids.good)).toMatchObject({ name: 'load-good', state: 'waiting', attemptsMade: 0, attempts: 1 });
    expect(byId.get(ids.good)?.unreadable).toBeUndefined();
    expect(byId.get(ids.badData)).toMatchObject({ name: 'load-badData', state: 'waiting', unreadable: expect.stringMatching(/data is not JSON/) });
    expect(byId.get(ids.badOpts)).toMatchObject({ name: 'load-badOpts', unreadable: expect.stringMatching(/opts is not JSON/) });
    expect(byId.get(ids.nullOpts)).toMatchObject({ name: 'load-nullOpts', unreadable: 'opts is not a JSON object' });
    // Counters that are not numbers do not stop BullMQ reading the hash: a row, not an unreadable one.
    expect(byId.get(ids.wordCounters)).toMatchObject({ name: 'load-wordCounters', state: 'waiting' });
    expect(byId.get(ids.wordCounters)?.unreadable).toBeUndefined();
  });

  it('has details that say why, instead of a rejected read', async () => {
    const details = await reader.getJob(queueName, ids.badData);
    expect(details).toMatchObject({ id: ids.badData, name: 'load-badData', state: 'waiting', unreadable: expect.stringMatching(/data is not JSON/) });
    expect(details?.dataPreview).toBe('');
    expect(await reader.getJob(queueName, 'no-such-job')).toBeUndefined();
  });

  it('is listed by `queue-otel jobs` with the reason in its error column, and the command succeeds', async () => {
    const common = ['--redis', redisUrl(), '--prefix', bullPrefix, '--key-prefix', keyPrefix];
    const table = await runCli(['jobs', queueName, ...common]);
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/load-good\s+waiting/);
    expect(table.stdout).toMatch(/load-badData\s+waiting.*unreadable: data is not JSON/);
    const json = await runCli(['jobs', queueName, '--json', ...common]);
    const rows = JSON.parse(json.stdout) as { id: string; unreadable?: string }[];
    expect(rows.filter((row) => row.unreadable).map((row) => row.id).sort()).toEqual([ids.badData, ids.badOpts, ids.nullOpts].sort());
  });
});
