/** Connects to Redis for the CLI, failing fast with a message a user can act on. */
import { Redis } from 'ioredis';
import { redactRedisUrl } from './settings';

/** Redis could not be reached: printed without a stack, exit code 1. */
export class ConnectionError extends Error {
  /** @param message what failed, naming the URL without its password */
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionError';
  }
}

/**
 * Opens a client and waits for PING. The first connection is not retried, so a wrong port fails in
 * milliseconds instead of hanging; once connected, ioredis reconnects as usual.
 */
export async function connectRedis(url: string, timeoutMs = 3000): Promise<Redis> {
  let connected = false;
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: null,
    retryStrategy: (times) => (connected ? Math.min(times * 200, 2000) : null),
  });
  // Errors after the first connection are reported by the commands that hit them; the first one explains a
  // failed connect better than ioredis' "Connection is closed".
  let firstError: Error | undefined;
  client.on('error', (error: Error) => {
    firstError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    connected = true;
    return client;
  } catch (error) {
    client.disconnect();
    const cause = firstError ?? error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new ConnectionError(`cannot reach Redis at ${redactRedisUrl(url)}: ${reason}`);
  }
}
