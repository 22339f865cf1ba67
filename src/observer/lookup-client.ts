import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { isClusterClient, isRedisClient, releaseClient, resolveClient } from '../store/connection';
import type { RedisClient, ResolvedClient } from '../store/connection';
import type { ObserverOptions } from './options';

/** The client job hashes are read with, and how to let go of it. */
export interface LookupClient {
  client: () => Promise<RedisClient>;
  release: () => Promise<void>;
}

function isQueueLike(value: unknown): value is { client: Promise<RedisClient> } {
  const candidate = value as { client?: unknown; name?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null && typeof candidate.name === 'string'
    && candidate.client instanceof Promise;
}

/**
 * Picks the client for lookups. A client the observer opens gets `maxRetriesPerRequest: 1`: during an
 * outage a batch fails fast and is counted, instead of piling up in ioredis' offline queue.
 */
export function lookupClient(option: ObserverOptions['connection'], queueEventsConnection: unknown): LookupClient {
  if (option !== undefined && isQueueLike(option)) {
    const shared = option.client;
    return { client: () => shared, release: async () => undefined };
  }
  let resolved: ResolvedClient;
  if (option !== undefined) {
    resolved = typeof option === 'string' || isRedisClient(option) ? resolveClient(option) : resolveClient({ ...option, maxRetriesPerRequest: 1 });
  } else if (isRedisClient(queueEventsConnection)) {
    // Never share it: QueueEvents keeps it in a blocking XREAD, lookups would wait behind it.
    const copy = isClusterClient(queueEventsConnection)
      ? (queueEventsConnection as Cluster).duplicate()
      : (queueEventsConnection as Redis).duplicate({ maxRetriesPerRequest: 1 });
    resolved = { client: copy as RedisClient, owned: true };
  } else {
    resolved = resolveClient({ ...((queueEventsConnection ?? {}) as RedisOptions), maxRetriesPerRequest: 1 });
  }
  // An owned client's errors are counted through failed lookups; without a listener ioredis prints each one.
  if (resolved.owned) resolved.client.on('error', () => undefined);
  const client = Promise.resolve(resolved.client);
  return { client: () => client, release: () => releaseClient(resolved) };
}
