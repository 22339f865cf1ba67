import { randomUUID } from 'node:crypto';

/** Connection options for the Redis started by the global setup. */
export function redisConnection(): { host: string; port: number; maxRetriesPerRequest: null } {
  const url = new URL(process.env.QO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379');
  return { host: url.hostname, port: Number(url.port), maxRetriesPerRequest: null };
}

export function redisUrl(): string {
  return process.env.QO_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** A queue name no other test uses, so tests can share one Redis. */
export function uniqueQueueName(prefix = 'q'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
