/**
 * Whether a shared lookup client can take a command now. The client belongs to the application and keeps its
 * settings: with BullMQ's `maxRetriesPerRequest: null`, a command sent while it is not connected waits in its
 * offline queue until Redis is back, however long that takes, and a timeout on our side could not take it out again.
 * So the observer sends nothing until the client is ready, and keeps its lookups in its own bounded queue meanwhile.
 */
import type { RedisClient } from '../store/connection';

const noop = (): void => undefined;

/**
 * Statuses in which a command is sent on at once: `ready`, and `end`, where ioredis rejects it at once (the
 * application closed its client: the lookup fails and is counted, rather than waiting for a `ready` that never
 * comes). Every other status (`connecting`, `connect`, `reconnecting`, `close`, a Cluster's `disconnecting`) would
 * put it in the offline queue.
 */
const SENDS_NOW = new Set(['ready', 'end']);

/**
 * Watches a shared client. `onChange` runs when it may have become able to take commands (its `ready` or `end`), so
 * that held lookups resume without waiting for the next event. A Cluster is `ready` once it has its slot map and can
 * stay so with its nodes gone, until a command finds a node's connection closed: such a command is not held here, it
 * fails (at once, or after the cluster's own retries: `retryDelayOnClusterDown`, `maxRedirections`) and is counted.
 * Once the cluster has noticed, it is `reconnecting` (held) or `end`, as its `clusterRetryStrategy` says.
 */
export class ConnectionGate {
  private client: RedisClient | undefined;
  private settled = false;
  private disposed = false;
  private readonly listener = (): void => this.onChange();

  constructor(client: Promise<RedisClient>, private readonly onChange: () => void) {
    client.then((resolved) => {
      this.settled = true;
      if (this.disposed) return;
      this.client = resolved;
      resolved.on('ready', this.listener);
      resolved.on('end', this.listener);
      this.onChange();
    }, () => {
      // A Queue whose connection failed for good: lookups go on and fail through that same promise (counted).
      this.settled = true;
      if (!this.disposed) this.onChange();
    });
  }

  /**
   * True when a command sent now reaches Redis or fails at once, false when it would wait in the client's offline
   * queue (or the client is not known yet). A lazy client (`wait`) is asked to connect, as a first command would.
   */
  open(): boolean {
    const client = this.client;
    if (!client) return this.settled;
    const status: string = client.status;
    if (status === 'wait') client.connect().catch(noop);
    return SENDS_NOW.has(status);
  }

  /** The client's status, for messages; `unknown` until the client is known. */
  status(): string {
    return this.client?.status ?? 'unknown';
  }

  /** Removes its listeners from the client (which is the application's). */
  dispose(): void {
    this.disposed = true;
    this.client?.off('ready', this.listener);
    this.client?.off('end', this.listener);
  }
}
