/**
 * `--redis rediss://...` against Debian's redis-server listening over TLS only, with a certificate of a private CA
 * (made by openssl): the CLI reaches it once the CA is given the documented way (NODE_EXTRA_CA_CERTS or
 * QUEUE_OTEL_REDIS_TLS_CA), and says so when it is not. A second server asks for client certificates, as Debian's
 * does by default (`tls-auth-clients yes`): the CLI presents the one in QUEUE_OTEL_REDIS_TLS_CERT/_KEY.
 */
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { makeTestCertificates } from '../../../__tests__/support/tls-certs';
import type { TestCertificates } from '../../../__tests__/support/tls-certs';
import { CLIENT_CERTIFICATE_HINT, CLIENT_CERTIFICATE_REFUSED_HINT, EXPIRED_CERTIFICATE_HINT, HOST_NAME_HINT, UNTRUSTED_CERTIFICATE_HINT } from '../../src/cli/redis-connect';
import { HELP } from '../../src/cli/help';
import { REDIS_TLS_ENV, REDIS_TLS_PASSPHRASE_ENV } from '../../src/cli/redis-tls';
import * as fixture from '../support/tls-redis';
import { runCli } from './run-cli';

let certs: TestCertificates;
let server: ChildProcess;
let url: string;
/** The server that asks for a client certificate, and its port. */
let mutualServer: ChildProcess;
let mutualPort: number;
let mutualUrl: string;
/** A server whose certificate expired (started by its test). */
let expiredServer: ChildProcess | undefined;

const clientTls = (): ReturnType<typeof fixture.clientTls> => fixture.clientTls(certs);
const tlsEnv = (): NodeJS.ProcessEnv => fixture.tlsEnv(certs);
const startTlsRedis = (authClients: 'yes' | 'no', certFile?: string): Promise<fixture.TlsRedis> => fixture.startTlsRedis(certs, authClients, certFile);
const stop = fixture.stopTlsRedis;

beforeAll(async () => {
  certs = makeTestCertificates();
  // Server authentication only: a client without a certificate is let in.
  const plain = await startTlsRedis('no');
  server = plain.process;
  url = `rediss://127.0.0.1:${plain.port}`;
  // Debian's default: the client must present a certificate of the CA in tls-ca-cert-file.
  const mutual = await startTlsRedis('yes');
  mutualServer = mutual.process;
  mutualPort = mutual.port;
  mutualUrl = `rediss://127.0.0.1:${mutual.port}`;
});

afterAll(async () => {
  await stop(server);
  await stop(mutualServer);
  await stop(expiredServer);
  certs.remove();
});

test('rediss:// with the CA in NODE_EXTRA_CA_CERTS: the CLI reads the server over TLS', async () => {
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', url], { NODE_EXTRA_CA_CERTS: certs.caFile });
  // Connected, and scanned the (empty) server for queues: the answer of a reachable Redis without BullMQ keys.
  expect(stderr).toContain(`no queue "orders": there are no BullMQ queues under prefix "bull" at ${url}`);
  expect(code).toBe(1);
});

test('rediss:// to a certificate of a CA Node does not know: says so, and how to give the CA', async () => {
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', url], { NODE_EXTRA_CA_CERTS: '' });
  expect(code).toBe(1);
  expect(stderr).toContain(`cannot reach Redis at ${url}: self-signed certificate in certificate chain`);
  // Not "Start Redis", which is running: the CA is what is missing.
  expect(stderr).toContain(UNTRUSTED_CERTIFICATE_HINT);
  expect(stderr).not.toContain('Start Redis');
});

test('rediss:// to a server that asks for a client certificate: the QUEUE_OTEL_REDIS_TLS_* files let `jobs` list a queue', async () => {
  const queue = new Queue('orders', { connection: { host: '127.0.0.1', port: mutualPort, tls: clientTls(), maxRetriesPerRequest: null } });
  try {
    await queue.add('charge-card', { amount: 5 });
    const { code, stdout, stderr } = await runCli(['jobs', 'orders', '--state', 'waiting', '--redis', mutualUrl], tlsEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/charge-card\s+waiting/);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('rediss:// to a server that asks for a client certificate, without one: a TLS hint naming the variables', async () => {
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], { ...tlsEnv(), [REDIS_TLS_ENV.cert]: '', [REDIS_TLS_ENV.key]: '' });
  expect(code).toBe(1);
  expect(stderr).toContain(`cannot reach Redis at ${mutualUrl}: `);
  // Redis runs: the certificate is what is missing.
  expect(stderr).toContain(CLIENT_CERTIFICATE_HINT);
  expect(stderr).toContain(REDIS_TLS_ENV.cert);
  expect(stderr).toContain(REDIS_TLS_ENV.key);
  expect(stderr).not.toContain('Start Redis');
});

test('rediss:// to an address the server certificate does not name: a host name hint, not "Start Redis"', async () => {
  const other = `rediss://127.0.0.2:${mutualPort}`;
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', other], tlsEnv());
  expect(code).toBe(1);
  expect(stderr).toContain(`cannot reach Redis at ${other}: Hostname/IP does not match certificate's altnames`);
  expect(stderr).toContain(HOST_NAME_HINT);
  expect(stderr).not.toContain('Start Redis');
});

test('a QUEUE_OTEL_REDIS_TLS_* file that cannot be read: a usage error naming the variable and the path', async () => {
  const missing = join(certs.dir, 'no-such-client.pem');
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], { ...tlsEnv(), [REDIS_TLS_ENV.cert]: missing });
  expect(code).toBe(2);
  expect(stderr).toContain(`${REDIS_TLS_ENV.cert}=${missing}: cannot read the file (ENOENT)`);
  expect(stderr).not.toContain('cannot reach Redis');
});

test('a client certificate without its key: a usage error naming both variables', async () => {
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], { ...tlsEnv(), [REDIS_TLS_ENV.key]: '' });
  expect(code).toBe(2);
  expect(stderr).toContain(`${REDIS_TLS_ENV.cert} is set but ${REDIS_TLS_ENV.key} is not`);
});

test('the help of every command that connects names the QUEUE_OTEL_REDIS_TLS_* variables', () => {
  for (const help of [HELP.main, HELP.tui, HELP.jobs, HELP.trace, HELP.demo]) {
    for (const name of [...Object.values(REDIS_TLS_ENV), REDIS_TLS_PASSPHRASE_ENV]) expect(help).toContain(name);
  }
});

/** The passphrase of the encrypted copy of the client key (a space and a quote: it is passed as is). */
const PASSPHRASE = "open 'sesame";

/** The client key encrypted with {@link PASSPHRASE}; checks that openssl wrote an encrypted PEM. */
function encryptedClientKey(): string {
  const file = fixture.encryptedClientKey(certs, PASSPHRASE);
  expect(readFileSync(file, 'utf8')).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
  return file;
}

test('an encrypted client key with its passphrase in QUEUE_OTEL_REDIS_TLS_KEY_PASSPHRASE: `jobs` lists a queue', async () => {
  const queue = new Queue('invoices', { connection: { host: '127.0.0.1', port: mutualPort, tls: clientTls(), maxRetriesPerRequest: null } });
  try {
    await queue.add('render-invoice', { pages: 3 });
    const env = { ...tlsEnv(), [REDIS_TLS_ENV.key]: encryptedClientKey(), [REDIS_TLS_PASSPHRASE_ENV]: PASSPHRASE };
    const { code, stdout, stderr } = await runCli(['jobs', 'invoices', '--state', 'waiting', '--redis', mutualUrl], env);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/render-invoice\s+waiting/);
  } finally {
    await queue.obliterate({ force: true });
    await queue.close();
  }
});

test('an encrypted client key without QUEUE_OTEL_REDIS_TLS_KEY_PASSPHRASE: a usage error naming it, no stack', async () => {
  const key = encryptedClientKey();
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], { ...tlsEnv(), [REDIS_TLS_ENV.key]: key, [REDIS_TLS_PASSPHRASE_ENV]: '' });
  expect(stderr).toContain(`${REDIS_TLS_ENV.key}=${key} is an encrypted key: set its passphrase in ${REDIS_TLS_PASSPHRASE_ENV}`);
  expect(code).toBe(2);
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('cannot reach Redis');
});

test('an encrypted client key with a wrong passphrase: a usage error naming the variable, without the passphrase', async () => {
  const key = encryptedClientKey();
  const wrong = 'not-the-passphrase';
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], { ...tlsEnv(), [REDIS_TLS_ENV.key]: key, [REDIS_TLS_PASSPHRASE_ENV]: wrong });
  expect(stderr).toContain(`${REDIS_TLS_PASSPHRASE_ENV} does not decrypt the key in ${REDIS_TLS_ENV.key}=${key} (wrong passphrase?)`);
  expect(code).toBe(2);
  expect(stderr).not.toContain(wrong);
  expect(stderr).not.toMatch(/^\s+at /m);
});

test('a passphrase without a key: a usage error naming both variables', async () => {
  const env = { ...tlsEnv(), [REDIS_TLS_ENV.cert]: '', [REDIS_TLS_ENV.key]: '', [REDIS_TLS_PASSPHRASE_ENV]: PASSPHRASE };
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], env);
  expect(code).toBe(2);
  expect(stderr).toContain(`${REDIS_TLS_PASSPHRASE_ENV} is set but ${REDIS_TLS_ENV.key} is not`);
});

test('rediss:// to a server whose certificate expired: an expiry hint, not "Start Redis"', async () => {
  // The server's request signed again, with its end a day before its start (openssl takes a negative -days).
  execFileSync('openssl', ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-set_serial', '4', '-days', '-1',
    '-out', 'expired.pem', '-extfile', 'server.ext'], { cwd: certs.dir, stdio: ['ignore', 'ignore', 'pipe'] });
  const expired = await startTlsRedis('no', 'expired.pem');
  expiredServer = expired.process;
  const expiredUrl = `rediss://127.0.0.1:${expired.port}`;
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', expiredUrl], tlsEnv());
  expect(code).toBe(1);
  expect(stderr).toContain(`cannot reach Redis at ${expiredUrl}: certificate has expired`);
  expect(stderr).toContain(EXPIRED_CERTIFICATE_HINT);
  expect(stderr).not.toContain('Start Redis');
});

test('rediss:// with a client certificate the server does not accept: a hint to check that certificate', async () => {
  // A certificate of a CA that is not in Redis's tls-ca-cert-file (the unrelated CA's own).
  const env = { ...tlsEnv(), [REDIS_TLS_ENV.cert]: certs.otherCaFile, [REDIS_TLS_ENV.key]: join(certs.dir, 'other-ca.key') };
  const { code, stderr } = await runCli(['jobs', 'orders', '--redis', mutualUrl], env);
  expect(code).toBe(1);
  expect(stderr).toContain(CLIENT_CERTIFICATE_REFUSED_HINT);
  expect(stderr).not.toContain('Start Redis');
});
