/**
 * Bounds what the span store's writes can hold while its Redis is down or hung. ioredis keeps a command
 * until it is answered or given up: in its offline queue while disconnected, in its command queue while
 * a reply is awaited. An export that already reported FAILED must not leave its batch there.
 */
import type { RedisClient, ResolvedClient } from './connection';

/** The store's Redis cannot take a write now; nothing was sent. */
export class SpanStoreUnavailableError extends Error {
  override readonly name = 'SpanStoreUnavailableError';
}

/**
 * Options the exporter applies to a connection it creates itself: a command is sent now or fails now
 * (no offline queue), and one awaiting a reply when the connection drops is rejected rather than kept to
 * be re-sent after a reconnect, which may never come.
 */
export const OWN_CONNECTION_OPTIONS = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  autoResendUnfulfilledCommands: false,
} as const;

const noop = (): void => undefined;

/**
 * Resolves once `client` is connected, within `millis`. A client that is (re)connecting for the first time
 * is waited for; one that lost its connection and waits to retry is refused at once, so exports during an
 * outage fail at once instead of each waiting out its timeout.
 */
function whenConnected(client: RedisClient, millis: number): Promise<void> {
  const status: string = client.status;
  if (status === 'ready') return Promise.resolve();
  if (status === 'wait') client.connect().catch(noop); // lazyConnect: the first command connects
  else if (status !== 'connecting' && status !== 'connect') {
    return Promise.reject(new SpanStoreUnavailableError(`Redis is not connected (${status})`));
  }
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('close', onClose);
      client.off('end', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onReady = (): void => done();
    const onClose = (): void => done(new SpanStoreUnavailableError('Redis connection closed before it was ready'));
    const timer = setTimeout(() => done(new SpanStoreUnavailableError(`Redis was not connected within ${millis} ms`)), millis);
    timer.unref();
    client.once('ready', onReady);
    client.once('close', onClose);
    client.once('end', onClose);
  });
}

type Settled<T> = { done: true; value: T } | { done: true; error: unknown } | { done: false };

function settleWithin<T>(work: Promise<T>, millis: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), Math.max(0, millis));
    timer.unref();
  });
  const settled = work.then((value): Settled<T> => ({ done: true, value }), (error: unknown): Settled<T> => ({ done: true, error }));
  return Promise.race([settled, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs the exporter's writes so that, while Redis is down or hung, memory held for them stays bounded:
 *
 * - nothing is sent unless the client is connected (so nothing waits in an offline queue);
 * - each write has `timeoutMillis`, counted from the export call, waiting for a connection included;
 * - a write still unanswered at its deadline is abandoned. On the exporter's own connection the connection
 *   is dropped and re-opened, which makes ioredis reject (and release) every command it held. A shared client
 *   is the application's and is left alone: until it answers or gives up the abandoned write, later writes
 *   are refused without being sent, so at most the writes in flight when Redis stopped answering are held.
 */
export class WriteGuard {
  readonly #resolved: ResolvedClient;
  readonly #timeoutMillis: number;
  #abandoned = 0;

  constructor(resolved: ResolvedClient, timeoutMillis: number) {
    this.#resolved = resolved;
    this.#timeoutMillis = timeoutMillis;
  }

  /** Runs `write` under the rules above; rejects with the reason it did not (or not in time) succeed. */
  async run<T>(write: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + this.#timeoutMillis;
    if (this.#abandoned > 0) {
      throw new SpanStoreUnavailableError(`an earlier write to Redis is still unanswered after ${this.#timeoutMillis} ms`);
    }
    await whenConnected(this.#resolved.client, this.#timeoutMillis);
    const work = write();
    const outcome = await settleWithin(work, deadline - Date.now());
    if (outcome.done) {
      if ('error' in outcome) throw outcome.error;
      return outcome.value;
    }
    this.#abandon(work);
    throw new Error(`Redis write timed out after ${this.#timeoutMillis} ms`);
  }

  #abandon(work: Promise<unknown>): void {
    this.#abandoned += 1;
    void work.catch(noop).finally(() => { this.#abandoned -= 1; });
    // A connection of our own can be dropped: ioredis then rejects what it held (maxRetriesPerRequest 0).
    if (this.#resolved.owned) this.#resolved.client.disconnect(true);
  }
}
