import type { Cluster, Redis, RedisOptions } from 'ioredis';
import { isClusterClient, isRedisClient, OWN_DEFAULTS, releaseClient, resolveClient } from '../store/connection';
import type { RedisClient, ResolvedClient } from '../store/connection';
import type { ObserverOptions } from './options';

/** The client job hashes are read with, and how to let go of it. */
export interface LookupClient {
  client: () => Promise<RedisClient>;
  release: () => Promise<void>;
  /** The application's client (a Queue's or one passed in), with its settings: the observer must not close it. */
  shared: boolean;
}

/** The client promise of a BullMQ Queue's backend, or undefined when `value` is not a queue. */
function queueClient(value: unknown): Promise<RedisClient> | undefined {
  const candidate = value as { getBackend?: unknown; name?: unknown } | null;
  if (typeof candidate !== 'object' || candidate === null || typeof candidate.getBackend !== 'function') return undefined;
  const client = (candidate.getBackend() as { client?: unknown } | undefined)?.client;
  return client instanceof Promise ? (client as Promise<RedisClient>) : undefined;
}

/**
 * What a client the observer opens is given: during an outage a batch fails after one reconnect attempt and is
 * counted, instead of piling up in ioredis' offline queue (its default is 20 attempts, about 25 s per command).
 */
const OWN_CLIENT = { maxRetriesPerRequest: 1 } as const;

/**
 * A copy of a Cluster client with {@link OWN_DEFAULTS} on its node clients: a Cluster takes per-node settings such as
 * `disconnectTimeout` from `redisOptions` (a top-level one is ignored), and `duplicate()` merges the override's
 * `redisOptions` over the original's, so the caller's other node settings stay. The caller's cluster settings (retry
 * strategies, NAT map, ...) stay too; OWN_CLIENT is left out, as the Cluster's own redirection and offline-queue
 * settings govern its commands.
 */
function clusterCopy(cluster: Cluster): Cluster {
  return cluster.duplicate([], { redisOptions: { ...OWN_DEFAULTS } });
}

/**
 * Picks the client for lookups. A client the observer opens, from options, a URL or a copy of a single-node
 * QueueEvents connection, fails fast ({@link OWN_CLIENT}); a shared client keeps its settings, a copy of a Cluster all
 * but {@link OWN_DEFAULTS}.
 */
export function lookupClient(option: ObserverOptions['connection'], queueEventsConnection: unknown): LookupClient {
  const shared = queueClient(option);
  if (shared) return { client: () => shared, release: async () => undefined, shared: true };
  let resolved: ResolvedClient;
  if (typeof option === 'string' || (option !== undefined && !('getBackend' in option))) {
    // A client passed in comes back shared, untouched; options and URLs get a client of the observer's own.
    resolved = resolveClient(option, OWN_CLIENT);
  } else if (isRedisClient(queueEventsConnection)) {
    // Never share it: QueueEvents keeps it in a blocking XREAD, lookups would wait behind it. A copy is a client of
    // the observer's own like any other: without OWN_DEFAULTS it kept ioredis' 2 s disconnect timer, which closing it
    // during an outage left holding the process (a Cluster copy waiting to reconnect: one timer per node client).
    const copy = isClusterClient(queueEventsConnection)
      ? clusterCopy(queueEventsConnection as Cluster)
      : (queueEventsConnection as Redis).duplicate({ ...OWN_DEFAULTS, ...OWN_CLIENT });
    resolved = { client: copy as RedisClient, owned: true };
  } else {
    resolved = resolveClient((queueEventsConnection ?? {}) as RedisOptions, OWN_CLIENT);
  }
  // An owned client's errors are counted through failed lookups; without a listener ioredis prints each one.
  if (resolved.owned) resolved.client.on('error', () => undefined);
  const client = Promise.resolve(resolved.client);
  return { client: () => client, release: () => releaseClient(resolved), shared: !resolved.owned };
}
