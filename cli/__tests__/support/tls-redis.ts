/**
 * Debian's redis-server listening over TLS only (no plain port), with a certificate of a private CA made by openssl:
 * the fixture of the CLI's `rediss://` tests (the commands, and the demo's child processes).
 */
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { freePort } from '../../../__tests__/support/free-port';
import { findRedisBinary } from '../../../__tests__/support/redis-binary';
import { waitForAsync } from '../../../__tests__/support/tracing';
import type { TestCertificates } from '../../../__tests__/support/tls-certs';
import { REDIS_TLS_ENV } from '../../src/cli/redis-tls';

/** A started TLS-only server and its port. */
export interface TlsRedis {
  process: ChildProcess;
  port: number;
}

/** ioredis' TLS options with the test CA and the client certificate (which a server without tls-auth-clients ignores). */
export function clientTls(certs: TestCertificates): NonNullable<RedisOptions['tls']> {
  return { ca: certs.ca, cert: readFileSync(certs.clientCertFile), key: readFileSync(certs.clientKeyFile) };
}

/** The variables that give the CLI the CA, the client certificate and its key (and no CA of Node's). */
export function tlsEnv(certs: TestCertificates): NodeJS.ProcessEnv {
  return { [REDIS_TLS_ENV.ca]: certs.caFile, [REDIS_TLS_ENV.cert]: certs.clientCertFile, [REDIS_TLS_ENV.key]: certs.clientKeyFile, NODE_EXTRA_CA_CERTS: '' };
}

/**
 * The client key encrypted with `passphrase` (AES-256, PKCS#8) into `<dir>/client-encrypted.key`, made by openssl as
 * a user would; returns its path.
 */
export function encryptedClientKey(certs: TestCertificates, passphrase: string): string {
  const file = join(certs.dir, 'client-encrypted.key');
  execFileSync('openssl', ['pkey', '-in', certs.clientKeyFile, '-aes256', '-passout', 'env:PASSPHRASE', '-out', file],
    { env: { ...process.env, PASSPHRASE: passphrase }, stdio: ['ignore', 'ignore', 'pipe'] });
  return file;
}

/** Whether the server answers PING over TLS, trusting the test CA (or, `verify` false, any certificate). */
async function answers(certs: TestCertificates, port: number, verify: boolean): Promise<boolean> {
  const tls = { ...clientTls(certs), rejectUnauthorized: verify };
  const client = new Redis({ host: '127.0.0.1', port, tls, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * A TLS-only redis-server (no plain port) on a free port of 127.0.0.1 and 127.0.0.2 (the second address is not in
 * the server's certificate); `authClients` is its tls-auth-clients, `certFile` its certificate in `certs.dir`.
 */
export async function startTlsRedis(certs: TestCertificates, authClients: 'yes' | 'no', certFile = 'server.pem'): Promise<TlsRedis> {
  const binary = findRedisBinary();
  if (!binary) throw new Error('redis-server not found');
  const port = await freePort();
  const child = spawn(binary, [
    '--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '127.0.0.2', '--save', '', '--appendonly', 'no',
    '--tls-cert-file', join(certs.dir, certFile), '--tls-key-file', join(certs.dir, 'server.key'),
    '--tls-ca-cert-file', certs.caFile, '--tls-auth-clients', authClients,
  ], { stdio: 'ignore' });
  try {
    // An expired certificate is the server's under test: it is up once it answers at all.
    await waitForAsync(`redis-server over TLS (tls-auth-clients ${authClients}, ${certFile})`, () => answers(certs, port, certFile === 'server.pem'), 15_000);
  } catch (error) {
    await stopTlsRedis(child);
    throw error;
  }
  return { process: child, port };
}

/** Kills a server started by {@link startTlsRedis} and waits for its exit; one already gone is left alone. */
export async function stopTlsRedis(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
