/**
 * The Redis connection of the demo's producer and workers: the demo's URL, with the TLS files of the CLI's
 * `QUEUE_OTEL_REDIS_TLS_*` variables (inherited from the demo) for a `rediss://` one, as every command and the UI
 * connect. They took only the URL's host and port, so a `rediss://` Redis (or one with a password) reached the
 * demo's UI but never its jobs.
 */
import type { ConnectionOptions } from 'node:tls';
import { redisTlsFilesOf, redisTlsOptions } from '../redis-tls';

/** What {@link demoRedisOptions} sets: options of ioredis and of BullMQ's `connection` (whose types differ) alike. */
export interface DemoRedisOptions {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: ConnectionOptions;
  /** The URL's query options (`?family=6` ...), as ioredis reads them from a URL. */
  [option: string]: unknown;
}

/**
 * ioredis options (which BullMQ's `connection` and the span exporter's take alike) for `redisUrl`: host, port,
 * user, password, database and query options as ioredis reads them from a URL, TLS for `rediss://` (with the CA,
 * client certificate, key and passphrase of `env`, or Node's CA list alone when none is set). Throws the
 * {@link redisTlsOptions} usage errors.
 */
export function demoRedisOptions(redisUrl: string, env: NodeJS.ProcessEnv): DemoRedisOptions {
  const url = new URL(redisUrl);
  const query: Record<string, unknown> = {};
  url.searchParams.forEach((value, key) => {
    const family = key === 'family' ? Number.parseInt(value, 10) : Number.NaN;
    query[key] = Number.isNaN(family) ? value : family;
  });
  // Query options first, as ioredis' parseURL does: the URL's own parts win over them (`family` is a number).
  // WHATWG URL keeps the brackets of an IPv6 address, which a socket does not take.
  const options: DemoRedisOptions = { ...query, host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 6379) };
  if (url.username || url.password) {
    options.username = decodeURIComponent(url.username);
    options.password = decodeURIComponent(url.password);
  }
  if (url.pathname.length > 1) options.db = Number.parseInt(url.pathname.slice(1), 10);
  if (/^rediss:$/i.test(url.protocol)) options.tls = redisTlsOptions(redisUrl, redisTlsFilesOf(env)) ?? {};
  return options;
}
