import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { isClusterClient, isRedisClient, releaseClient, resolveClient } from '../store/connection';
import type { RedisClient, ResolvedClient } from '../store/connection';
import type { ObserverOptions } from './options';

/** The client job hashes are read with, and how to let go of it. */
export interface LookupClient {
  client: () => Promise<RedisClient>;
  release: () => Promise<void>;
}

/** The client promise of a BullMQ Queue's backend, or undefined when `value` is not a queue. */
function queueClient(value: unknown): Promise<RedisClient> | undefined {
  const candidate = value as { getBackend?: unknown; name?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.getBackend !== 'function') return undefined;
  const client = (candidate.getBackend() as { client?: unknown } | undefined)?.client;
  return client instanceof Promise ? (client as Promise<RedisClient>) : undefined;
}

/**
 * Picks the client for lookups. A client the observer opens gets `maxRetriesPerRequest: 1`: during an
 * outage a batch fails fast and is counted, instead of piling up in ioredis' offline queue.
 */
export function lookupClient(option: ObserverOptions['connection'], queueEventsConnection: unknown): LookupClient {
  const shared = queueClient(option);
  if (shared) return { client: () => shared, release: async () => undefined };
  let resolved: ResolvedClient;
  if (typeof option === 'string' || isRedisClient(option)) {
    resolved = resolveClient(option);
  } else if (option !== undefined && !('getBackend' in option)) {
    resolved = resolveClient({ ...option, maxRetriesPerRequest: 1 });
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
