/**
 * Turns BullMQ-style connection settings into an ioredis client, remembering whether this package created it:
 * a client the caller passed in belongs to the caller and is never closed here.
 */
import { Cluster, Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';

/** An ioredis client this package can run commands on: a single node or a cluster. */
export type RedisClient = Redis | Cluster;

/**
 * Where the store lives: an existing ioredis `Redis`/`Cluster` (shared, never closed by the store),
 * ioredis options such as BullMQ's `{ host, port, ... }`, or a `redis://` / `rediss://` URL.
 */
export type RedisConnectionInput = RedisClient | RedisOptions | string;

/** Options the resolver applies to a client it creates (replies are always parsed RESP2-shaped). */
export type OwnClientOptions = Omit<RedisOptions, 'replyMapping'>;

/** A resolved client and whether the resolver created it (and so must close it). */
export interface ResolvedClient {
  client: RedisClient;
  owned: boolean;
}

/**
 * True when `value` is an ioredis client rather than options. Duck-typed, because the caller's ioredis may
 * be another copy of the package than ours, where `instanceof` fails.
 */
export function isRedisClient(value: unknown): value is RedisClient {
  if (value instanceof Redis || value instanceof Cluster) return true;
  const candidate = value as { pipeline?: unknown; defineCommand?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null
    && typeof candidate.pipeline === 'function' && typeof candidate.defineCommand === 'function';
}

/** True when `client` talks to a Redis Cluster (commands must then be grouped by slot). */
export function isClusterClient(client: RedisClient): boolean {
  return (client as { isCluster?: boolean }).isCluster === true;
}

/**
 * Defaults of a client this package creates, under whatever the caller's options say. `disconnectTimeout`:
 * ioredis' `disconnect()` arms a timer (2 s by default, not unref'ed) to destroy a socket the server does not
 * close, cleared on the socket's 'close' event. Called while the client waits to reconnect to a Redis that is
 * down, the socket closed long before, so the timer is never cleared and held a process that had shut down for
 * its full 2 s. {@link releaseClient} destroys a socket that does not close by itself, so that wait serves nothing.
 */
export const OWN_DEFAULTS: Readonly<Pick<RedisOptions, 'disconnectTimeout'>> = { disconnectTimeout: 0 };

/**
 * Resolves `input` to a client. Options are copied, so the caller's object (often shared with BullMQ) is
 * not mutated; `own` is applied on top of them to a client the resolver creates, never to a shared one.
 */
export function resolveClient(input: RedisConnectionInput, own: OwnClientOptions = {}): ResolvedClient {
  if (isRedisClient(input)) return { client: input, owned: false };
  if (typeof input === 'string') return { client: new Redis(input, { ...OWN_DEFAULTS, ...own }), owned: true };
  // The store parses legacy (RESP2-shaped) replies, so a `replyMapping` from shared BullMQ options is dropped.
  const { replyMapping: _mapping, ...options } = input as RedisOptions & { replyMapping?: unknown };
  return { client: new Redis({ ...OWN_DEFAULTS, ...options, ...own }), owned: true };
}

/** How long a client this package created gets to close politely (QUIT) before its socket is dropped. */
const QUIT_GRACE_MILLIS = 2000;

/** Resolves when `client` emits 'end', or after `millis`. */
function endedWithin(client: RedisClient, millis: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('end', done);
      resolve();
    };
    const timer = setTimeout(done, millis);
    timer.unref();
    client.once('end', done);
  });
}

/**
 * Closes a client this package created: resolves once it has ended (at once when it was only waiting to
 * reconnect), within about 4 s whatever Redis does. A shared client is left alone. Never throws.
 */
export async function releaseClient(resolved: ResolvedClient): Promise<void> {
  const { client } = resolved;
  // ioredis' status type omits 'end', which it nevertheless reports once a client is closed.
  const status = (): string => client.status;
  if (!resolved.owned || status() === 'end') return;
  if (!['ready', 'connect', 'connecting', 'wait'].includes(status())) {
    // No connection to close, only a reconnect pending (Redis is down): stopping the retries is all there is.
    client.disconnect();
    return;
  }
  const ended = endedWithin(client, QUIT_GRACE_MILLIS);
  // Not awaited: a hung server never answers QUIT. It fails at once when the connection is down (or never
  // came up); disconnect then releases the socket and timers.
  client.quit().catch(() => client.disconnect());
  // QUIT resolves on the server's OK, before the socket closes: wait so callers see the client ended.
  await ended;
  if (status() === 'end') return;
  const closed = endedWithin(client, QUIT_GRACE_MILLIS);
  client.disconnect();
  // disconnect() half-closes the socket and waits for the server's side, which a hung server never sends.
  (client as { stream?: { destroy(): void } }).stream?.destroy();
  await closed;
}
