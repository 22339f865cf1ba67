/**
 * The CA, client certificate and key the CLI presents to a `rediss://` Redis, from environment variables: they
 * reach every command and the TUI alike, and keep file paths out of the flags each command would have to take.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { UsageError } from './usage-error';

/** Environment variable per PEM file; documented in docs/tui.md and cli/README.md. */
export const REDIS_TLS_ENV = {
  ca: 'QUEUE_OTEL_REDIS_TLS_CA',
  cert: 'QUEUE_OTEL_REDIS_TLS_CERT',
  key: 'QUEUE_OTEL_REDIS_TLS_KEY',
} as const;

/** Paths of the PEM files, each optional. */
export type RedisTlsFiles = Partial<Record<keyof typeof REDIS_TLS_ENV, string>>;

/** The paths set (non-empty) in `env`. */
export function redisTlsFilesOf(env: NodeJS.ProcessEnv): RedisTlsFiles {
  const files: RedisTlsFiles = {};
  for (const [field, name] of Object.entries(REDIS_TLS_ENV) as [keyof RedisTlsFiles, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') files[field] = value;
  }
  return files;
}

/**
 * The ioredis `tls` options for `url`: the files read, for a `rediss://` URL only (a plain connection has no use for
 * them, and a stale variable must not break it); undefined when none is set. A file that cannot be read, or a
 * certificate without its key (or a key without its certificate), is a {@link UsageError} naming the variable,
 * before any connection is tried: otherwise the server would only say it closed the connection.
 */
export function redisTlsOptions(url: string, files: RedisTlsFiles): ConnectionOptions | undefined {
  if (!/^rediss:/i.test(url)) return undefined;
  if ((files.cert === undefined) !== (files.key === undefined)) {
    const [given, missing] = files.cert === undefined ? [REDIS_TLS_ENV.key, REDIS_TLS_ENV.cert] : [REDIS_TLS_ENV.cert, REDIS_TLS_ENV.key];
    throw new UsageError(`${given} is set but ${missing} is not: a client certificate needs its private key and the other way round`);
  }
  const options: ConnectionOptions = {};
  for (const field of ['ca', 'cert', 'key'] as const) {
    const path = files[field];
    if (path !== undefined) options[field] = readPem(REDIS_TLS_ENV[field], path);
  }
  return Object.keys(options).length === 0 ? undefined : options;
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`${variable}=${path}: cannot read the file (${reason})`);
  }
}
