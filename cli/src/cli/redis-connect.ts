/** Connects to Redis for the CLI, failing fast with a message a user can act on. */
import type { ConnectionOptions } from 'node:tls';
import { Redis } from 'ioredis';
import { probeFirstByte } from './protocol-probe';
import { REDIS_TLS_ENV } from './redis-tls';
import { redactRedisUrl } from './settings';

/** What to do about a failed connection, printed under its message: in most cases Redis is not there. */
export const START_REDIS_HINT = 'Start Redis or pass --redis <url> (or set REDIS_URL).';

/**
 * What to do when a rediss:// server's certificate was not trusted. ioredis verifies it against Node's CA list, to
 * which NODE_EXTRA_CA_CERTS (read by Node when it starts) adds a private CA; QUEUE_OTEL_REDIS_TLS_CA names the one
 * CA to trust for Redis alone.
 */
export const UNTRUSTED_CERTIFICATE_HINT =
  `Redis's TLS certificate is not trusted: if a private CA signed it, name its PEM file in ${REDIS_TLS_ENV.ca}=<ca.pem> ` +
  '(or NODE_EXTRA_CA_CERTS=<ca.pem>).';

/**
 * What to do when a rediss:// server closed the connection during the handshake without a client certificate:
 * Redis asks for one unless `tls-auth-clients no` (Debian's default is yes), and TLS 1.3 reports the refusal only
 * as a reset after the client's side of the handshake is done.
 */
export const CLIENT_CERTIFICATE_HINT =
  "Redis closed the TLS connection: it asks for a client certificate unless its tls-auth-clients is no. Give one with " +
  `${REDIS_TLS_ENV.cert}=<cert.pem> and ${REDIS_TLS_ENV.key}=<key.pem> (and ${REDIS_TLS_ENV.ca}=<ca.pem> for a private CA).`;

/** The same with a client certificate given: the server did not accept it. */
export const CLIENT_CERTIFICATE_REFUSED_HINT =
  `Redis closed the TLS connection: it did not accept the client certificate in ${REDIS_TLS_ENV.cert} ` +
  "(is it signed by a CA in Redis's tls-ca-cert-file, and is it still valid?).";

/** What to do when the server's certificate is not for the host name of the URL. */
export const HOST_NAME_HINT =
  "Redis's TLS certificate is not for this host name: connect with a name (or IP address) the certificate lists, " +
  `or give Redis a certificate for it (its CA: ${REDIS_TLS_ENV.ca}=<ca.pem>).`;

/** What to do when the server's certificate expired or is not valid yet. */
export const EXPIRED_CERTIFICATE_HINT =
  "Redis's TLS certificate has expired or is not valid yet: renew it (or check this machine's clock).";

/** Any other TLS failure of a rediss:// URL. */
export const TLS_HINT =
  'The TLS handshake with Redis failed: check that the port is its tls-port, and the files in ' +
  `${REDIS_TLS_ENV.ca}, ${REDIS_TLS_ENV.cert} and ${REDIS_TLS_ENV.key}.`;

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
export async function connectRedis(url: string, timeoutMs = 3000, tls?: ConnectionOptions): Promise<Redis> {
  let connected = false;
  const client = new Redis(url, {
    // For rediss:// only (the caller's choice): ioredis would otherwise open TLS for a redis:// URL too.
    ...(tls === undefined ? {} : { tls }),
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
    const isTls = /^rediss:/i.test(url);
    throw new ConnectionError(connectionFailure(redactRedisUrl(url), reason), failureHint(code, reason, isTls, tls?.cert !== undefined));
  }
}

/**
 * What to do about a failed first connection. A refused or timed-out connection means Redis is not there; on a
 * rediss:// URL, a connection closed before PING answered was closed by the TLS handshake, as are the TLS codes:
 * Redis runs, and "Start Redis" would send the user the wrong way.
 */
export function failureHint(code: string | undefined, reason: string, isTls: boolean, clientCertificate: boolean): string {
  if (code !== undefined && UNTRUSTED_CERTIFICATE_CODES.has(code)) return UNTRUSTED_CERTIFICATE_HINT;
  if (!isTls) return START_REDIS_HINT;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return HOST_NAME_HINT;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return EXPIRED_CERTIFICATE_HINT;
  const refused = /CERTIFICATE_REQUIRED|HANDSHAKE_FAILURE|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN/;
  if (/EPIPE|ECONNRESET|Connection is closed/.test(reason) || (code !== undefined && refused.test(code))) {
    return clientCertificate ? CLIENT_CERTIFICATE_REFUSED_HINT : CLIENT_CERTIFICATE_HINT;
  }
  if ((code !== undefined && /^ERR_SSL_|^ERR_TLS_/.test(code)) || /SSL routines|TLS/.test(reason)) return TLS_HINT;
  return START_REDIS_HINT;
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
