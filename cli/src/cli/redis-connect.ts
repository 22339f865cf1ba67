/** Connects to Redis for the CLI, failing fast with a message a user can act on. */
import { Redis } from 'ioredis';
import { probeFirstByte } from './protocol-probe';
import { redactRedisUrl } from './settings';

/** What to do about a failed connection, printed under its message: in most cases Redis is not there. */
export const START_REDIS_HINT = 'Start Redis or pass --redis <url> (or set REDIS_URL).';

/**
 * What to do when a rediss:// server's certificate was not trusted. ioredis verifies it against Node's CA list, to
 * which NODE_EXTRA_CA_CERTS (read by Node when it starts) adds a private CA: no option of the CLI's is needed.
 */
export const UNTRUSTED_CERTIFICATE_HINT =
  "Redis's TLS certificate is not trusted: if a private CA signed it, name its PEM file in NODE_EXTRA_CA_CERTS=<ca.pem>.";

/** The TLS errors of a server certificate that Node does not trust (codes of `tls.TLSSocket`'s verify error). */
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
]);

/** Redis could not be reached: printed without a stack, exit code 1. */
export class ConnectionError extends Error {
  /**
   * @param message what failed, naming the URL without its password
   * @param hint what to do about it
   */
  constructor(
    message: string,
    readonly hint: string = START_REDIS_HINT,
  ) {
    super(message);
    this.name = 'ConnectionError';
  }
}

const PROTOCOL_ERROR = /Unknown RESP type \d+ "(.)"|Protocol error/;

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
  // A protocol error explains more than a socket error that came before or after it.
  let protocolError: Error | undefined;
  client.on('error', (error: Error) => {
    firstError ??= error;
    if (PROTOCOL_ERROR.test(error.message)) protocolError ??= error;
  });
  try {
    await client.connect();
    await client.ping();
    connected = true;
    return client;
  } catch (error) {
    client.disconnect();
    const cause = protocolError ?? firstError ?? error;
    let reason = cause instanceof Error ? cause.message : String(cause);
    // The server took the connection and dropped it: ask it directly what it speaks.
    if (protocolError === undefined && /EPIPE|ECONNRESET|Connection is closed/.test(reason)) {
      const first = await probeFirstByte(url, timeoutMs);
      if (first !== undefined && first !== '+' && first !== '-') reason = `Unknown RESP type ${first.charCodeAt(0)} "${first}"`;
    }
    const code = cause instanceof Error ? (cause as NodeJS.ErrnoException).code : undefined;
    const hint = code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code) ? UNTRUSTED_CERTIFICATE_HINT : START_REDIS_HINT;
    throw new ConnectionError(connectionFailure(redactRedisUrl(url), reason), hint);
  }
}

/**
 * The message for a failed first connection. A server that answers in another protocol (an HTTP server on
 * the port, say) makes ioredis' parser report `Unknown RESP type 72 "H". Please report this.`: that is not a
 * bug to report but a wrong port, and the first byte tells which protocol answered.
 */
export function connectionFailure(url: string, reason: string): string {
  const protocol = PROTOCOL_ERROR.exec(reason);
  if (protocol) {
    const what = protocol[1] === 'H' ? ' (an HTTP server?)' : protocol[1] === 'S' ? ' (an SSH server?)' : '';
    return `${url} is not a Redis server: it answered in another protocol${what}. Check the host and port`;
  }
  return `cannot reach Redis at ${url}: ${reason}`;
}
