/**
 * The CA, client certificate and key the CLI presents to a `rediss://` Redis, from environment variables: they
 * reach every command and the TUI alike, and keep file paths out of the flags each command would have to take.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import { UsageError } from './usage-error';

/** Environment variable per PEM file; documented in docs/tui.md and cli/README.md. */
export const REDIS_TLS_ENV = {
  ca: 'QUEUE_OTEL_REDIS_TLS_CA',
  cert: 'QUEUE_OTEL_REDIS_TLS_CERT',
  key: 'QUEUE_OTEL_REDIS_TLS_KEY',
} as const;

/**
 * Environment variable of the passphrase of an encrypted key in {@link REDIS_TLS_ENV}.key: the passphrase itself,
 * as OpenSSL's `-passin env:` and ioredis' `tls.passphrase` take it (the OTLP side has no passphrase, and no other
 * secret of this project is read from a file).
 */
export const REDIS_TLS_PASSPHRASE_ENV = 'QUEUE_OTEL_REDIS_TLS_KEY_PASSPHRASE';

/** Paths of the PEM files, each optional, and the passphrase of the key when it is encrypted. */
export type RedisTlsFiles = Partial<Record<keyof typeof REDIS_TLS_ENV | 'passphrase', string>>;

/** The paths (and passphrase) set, non-empty, in `env`. */
export function redisTlsFilesOf(env: NodeJS.ProcessEnv): RedisTlsFiles {
  const files: RedisTlsFiles = {};
  const names = { ...REDIS_TLS_ENV, passphrase: REDIS_TLS_PASSPHRASE_ENV };
  for (const [field, name] of Object.entries(names) as [keyof RedisTlsFiles, string][]) {
    const value = env[name];
    if (value !== undefined && value !== '') files[field] = value;
  }
  return files;
}

/**
 * The ioredis `tls` options for `url`: the files read, for a `rediss://` URL only (a plain connection has no use for
 * them, and a stale variable must not break it); undefined when none is set. A file that cannot be read, a
 * certificate without its key (or a key without its certificate), an encrypted key without its passphrase or with a
 * wrong one, is a {@link UsageError} naming the variable, before any connection is tried: otherwise the server would
 * only say it closed the connection, and OpenSSL's "interrupted or cancelled" or "bad decrypt" name nothing.
 */
export function redisTlsOptions(url: string, files: RedisTlsFiles): ConnectionOptions | undefined {
  if (!/^rediss:/i.test(url)) return undefined;
  if ((files.cert === undefined) !== (files.key === undefined)) {
    const [given, missing] = files.cert === undefined ? [REDIS_TLS_ENV.key, REDIS_TLS_ENV.cert] : [REDIS_TLS_ENV.cert, REDIS_TLS_ENV.key];
    throw new UsageError(`${given} is set but ${missing} is not: a client certificate needs its private key and the other way round`);
  }
  if (files.passphrase !== undefined && files.key === undefined) {
    throw new UsageError(`${REDIS_TLS_PASSPHRASE_ENV} is set but ${REDIS_TLS_ENV.key} is not: the passphrase is the one of that key`);
  }
  const options: ConnectionOptions = {};
  for (const field of ['ca', 'cert', 'key'] as const) {
    const path = files[field];
    if (path !== undefined) options[field] = readPem(REDIS_TLS_ENV[field], path);
  }
  if (options.key !== undefined && files.key !== undefined) {
    checkKeyDecrypts(options.key as Buffer, files.key, files.passphrase);
    if (files.passphrase !== undefined) options.passphrase = files.passphrase;
  }
  return Object.keys(options).length === 0 ? undefined : options;
}

/**
 * Throws a {@link UsageError} when the key is encrypted and `passphrase` is missing or does not decrypt it. Any
 * other failure to parse it is left to the TLS handshake, which reported it before the passphrase existed.
 */
function checkKeyDecrypts(key: Buffer, path: string, passphrase: string | undefined): void {
  try {
    createPrivateKey(passphrase === undefined ? { key } : { key, passphrase });
    return;
  } catch (error) {
    // PKCS#8 says "ENCRYPTED PRIVATE KEY", OpenSSL's traditional format a "Proc-Type: 4,ENCRYPTED" header.
    const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|^Proc-Type:\s*4,ENCRYPTED/m.test(key.toString('latin1'));
    const code = (error as NodeJS.ErrnoException).code;
    if (passphrase === undefined && (encrypted || code === 'ERR_MISSING_PASSPHRASE')) {
      throw new UsageError(`${REDIS_TLS_ENV.key}=${path} is an encrypted key: set its passphrase in ${REDIS_TLS_PASSPHRASE_ENV}`);
    }
    if (passphrase !== undefined && (encrypted || code === 'ERR_OSSL_BAD_DECRYPT')) {
      // The passphrase itself is never printed: it is a secret.
      throw new UsageError(`${REDIS_TLS_PASSPHRASE_ENV} does not decrypt the key in ${REDIS_TLS_ENV.key}=${path} (wrong passphrase?)`);
    }
  }
}

function readPem(variable: string, path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    throw new UsageError(`${variable}=${path}: cannot read the file (${reason})`);
  }
}
