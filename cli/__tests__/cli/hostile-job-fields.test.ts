/**
 * Job hashes whose fields are not what BullMQ writes (hand edits, a broken client, an attacker with Redis
 * access): real BullMQ jobs whose hash fields are then overwritten in Redis, read by the real `queue-otel jobs`
 * and by the reader the UI uses. Sizes stay bounded and counts stay numbers.
 */
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { TraceJobIndex } from 'queue-otel/store';
import { QueueReader } from '../../src/cli/queue-reader';
import { redisConnection, redisUrl } from '../../../__tests__/support/redis';
import { runCli } from './run-cli';

const bullPrefix = `hf${randomUUID().slice(0, 8)}`;
const queueName = 'orders';
let client: Redis;
let common: string[];
/** Job ids by what their hash holds. */
const ids = { longError: '', badCounts: '', negativeCounts: '', badStack: '' };
/** 997 characters, then an escape that a cut after 999 shown characters would split (`\x1b` is 4 characters). */
// A waiting job's error is an earlier attempt's, which the table's cell says in a 17-character prefix: 980 + 17 puts
// the escape where the cell's 1000 columns end.
const LONG_ERROR = `${'x'.repeat(980)}\u001b${'y'.repeat(200_000)}`;

/** `text` when it is `expected`, else a short account of it: a failure must not print 200 KB. */
function sameOrSummary(text: string | undefined, expected: string): string {
  return text === expected ? 'as expected' : `${String(text?.length)} characters ending in ${JSON.stringify(text?.slice(-8))}`;
}

interface JsonRow {
  id: string;
  attemptsMade: unknown;
  attempts: unknown;
  timestamp?: unknown;
  failedReason?: string;
}

beforeAll(async () => {
  client = new Redis(redisUrl(), { maxRetriesPerRequest: null });
  const queue = new Queue(queueName, { connection: redisConnection(), prefix: bullPrefix });
  try {
    for (const key of Object.keys(ids) as (keyof typeof ids)[]) ids[key] = (await queue.add(key, { key })).id ?? '';
  } finally {
    await queue.close();
  }
  const hash = (id: string): string => `${bullPrefix}:${queueName}:${id}`;
  await client.hset(hash(ids.longError), 'failedReason', LONG_ERROR);
  await client.hset(hash(ids.badCounts), 'atm', 'lots', 'opts', JSON.stringify({ attempts: 'three' }), 'timestamp', 'yesterday');
  // 1e400 is Infinity once parsed.
  await client.hset(hash(ids.negativeCounts), 'atm', '-4', 'opts', '{"attempts":1e400}');
  await client.hset(hash(ids.badStack), 'stacktrace', JSON.stringify([{ not: 'a string' }, 5]));
  common = ['--redis', redisUrl(), '--prefix', bullPrefix, '--state', 'waiting'];
});

/** The reader the UI's job info comes from. */
function readerOf(): QueueReader {
  return new QueueReader(client, new TraceJobIndex({ connection: client, keyPrefix: `${bullPrefix}qo`, bullPrefix }), bullPrefix);
}

afterAll(() => {
  client.disconnect();
});

describe('an error message of 200 KB on one line', () => {
  it('is cut in the table to 1000 characters as shown, between escapes, ending in …', async () => {
    const result = await runCli(['jobs', queueName, ...common]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const row = result.stdout.split('\n').find((line) => line.startsWith(`${ids.longError} `)) ?? '';
    const error = row.slice(row.indexOf('earlier attempt: '));
    // The escape `\x1b` would have taken columns 998 to 1001: it is left out whole, not shown as `\x`.
    expect(sameOrSummary(error, `earlier attempt: ${'x'.repeat(980)}…`)).toBe('as expected');
    expect(result.stdout.length).toBeLessThan(5_000);
  });

  it('is cut in --json to 1000 characters of the message, the last one …', async () => {
    const result = await runCli(['jobs', queueName, '--json', ...common]);
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as JsonRow[];
    const reason = rows.find((row) => row.id === ids.longError)?.failedReason;
    expect(sameOrSummary(reason, `${LONG_ERROR.slice(0, 999)}…`)).toBe('as expected');
  });

  it('is cut the same in the job the UI shows', async () => {
    const reader = readerOf();
    const job = await reader.getJob(queueName, ids.longError);
    expect(sameOrSummary(job?.failedReason, `${LONG_ERROR.slice(0, 999)}…`)).toBe('as expected');
  });
});

describe('attempt counts that are not numbers', () => {
  it('show as 0 attempts made of 1 in the table and in --json, never NaN or the raw text', async () => {
    const json = await runCli(['jobs', queueName, '--json', ...common]);
    expect(json.code).toBe(0);
    const rows = JSON.parse(json.stdout) as JsonRow[];
    for (const id of [ids.badCounts, ids.negativeCounts]) {
      expect(rows.find((row) => row.id === id)).toMatchObject({ attemptsMade: 0, attempts: 1 });
    }
    // A timestamp that is not a number is 0 (unknown), not NaN, which --json would print as null.
    expect(rows.find((row) => row.id === ids.badCounts)?.timestamp).toBe(0);
    const table = await runCli(['jobs', queueName, ...common]);
    for (const id of [ids.badCounts, ids.negativeCounts]) {
      const row = table.stdout.split('\n').find((line) => line.startsWith(`${id} `)) ?? '';
      expect(row).toMatch(/ 0\/1 /);
    }
    expect(table.stdout).not.toMatch(/NaN|three|Infinity/);
  });
});

describe('a stack trace whose frames are not strings', () => {
  it('reads as no stack, where it crashed the job info', async () => {
    const reader = readerOf();
    const job = await reader.getJob(queueName, ids.badStack);
    expect(job?.stack).toEqual([]);
  });
});
