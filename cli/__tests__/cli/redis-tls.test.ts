/**
 * `--redis rediss://...` against Debian's redis-server listening over TLS only, with a certificate of a private CA
 * (made by openssl): the CLI reaches it once the CA is given the documented way (NODE_EXTRA_CA_CERTS), and says so
 * when it is not.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { findRedisBinary } from '../../../__tests__/support/redis-binary';
import { waitForAsync } from '../../../__tests__/support/tracing';
import { makeTestCertificates } from '../../../__tests__/support/tls-certs';
import type { TestCertificates } from '../../../__tests__/support/tls-certs';
import { UNTRUSTED_CERTIFICATE_HINT } from '../../src/cli/redis-connect';
import { runCli } from './run-cli';

let certs: TestCertificates;
let server: ChildProcess;
let url: string;

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Whether the server answers PING over TLS, trusting the test CA. */
async function answers(port: number): Promise<boolean> {
  const client = new Redis({ host: '127.0.0.1', port, tls: { ca: certs.ca }, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
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

beforeAll(async () => {
  certs = makeTestCertificates();
  const binary = findRedisBinary();
  if (!binary) throw new Error('redis-server not found');
  const port = await freePort();
  // TLS only (no plain port), server authentication only: the CLI has no client certificate to present.
  server = spawn(binary, [
    '--port', '0', '--tls-port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no',
    '--tls-cert-file', join(certs.dir, 'server.pem'), '--tls-key-file', join(certs.dir, 'server.key'),
    '--tls-ca-cert-file', certs.caFile, '--tls-auth-clients', 'no',
  ], { stdio: 'ignore' });
  await waitForAsync('redis-server over TLS', () => answers(port), 15_000);
  url = `rediss://127.0.0.1:${port}`;
});

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  }
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
