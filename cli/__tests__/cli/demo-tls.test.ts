/**
 * `queue-otel demo --redis rediss://...`: the producer and workers, child processes, connect as the demo's UI does
 * (the URL, and the CA, client certificate, key and passphrase of the QUEUE_OTEL_REDIS_TLS_* variables), so their
 * jobs and traces reach a Redis that speaks TLS only and asks for a client certificate. They connected with the
 * URL's host and port alone, without TLS, and the demo's UI showed no job.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { makeTestCertificates } from '../../../__tests__/support/tls-certs';
import type { TestCertificates } from '../../../__tests__/support/tls-certs';
import { waitFor, waitForAsync } from '../../../__tests__/support/tracing';
import { demoRedisOptions } from '../../src/cli/demo/demo-connection';
import { REDIS_TLS_ENV, REDIS_TLS_PASSPHRASE_ENV } from '../../src/cli/redis-tls';
import { encryptedClientKey, startTlsRedis, stopTlsRedis, tlsEnv } from '../support/tls-redis';
import { BIN, runCli, stopCli } from './run-cli';

let certs: TestCertificates;
let server: ChildProcess | undefined;
let demo: ChildProcess | undefined;

beforeAll(() => {
  certs = makeTestCertificates();
});

afterEach(async () => {
  const child = demo;
  demo = undefined;
  await stopCli(child);
});

afterAll(async () => {
  await stopTlsRedis(server);
  certs.remove();
});

it('runs its producer and workers on a TLS-only Redis that asks for a client certificate (an encrypted key)', async () => {
  // Debian's default, tls-auth-clients yes: without the client certificate and the CA, nothing gets in.
  const started = await startTlsRedis(certs, 'yes');
  server = started.process;
  const url = `rediss://127.0.0.1:${started.port}`;
  const passphrase = 'demo passphrase';
  const env = { ...tlsEnv(certs), [REDIS_TLS_ENV.key]: encryptedClientKey(certs, passphrase), [REDIS_TLS_PASSPHRASE_ENV]: passphrase, NODE_OPTIONS: '' };
  demo = spawn(process.execPath, [BIN, 'demo', '--headless', '--redis', url], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  demo.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  demo.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await waitFor('the demo to start its processes', () => out.includes('open the UI from a terminal with:') || undefined, 45_000);

  // A job a demo worker finished, with the trace id the producer's span gave it ...
  let traceId: string | undefined;
  await waitForAsync('a completed demo job on the TLS Redis', async () => {
    const jobs = await runCli(['jobs', 'emails', '--state', 'completed', '--json', '--redis', url], env);
    if (jobs.code !== 0) return false;
    traceId = (JSON.parse(jobs.stdout) as { traceId?: string }[]).find((row) => row.traceId)?.traceId;
    return traceId !== undefined;
  }, 45_000);
  // ... and that trace in the span store the children's exporters wrote to.
  // Each poll starts a whole CLI process (tsx): on a loaded machine one poll alone can take seconds.
  await waitForAsync('its trace in the span store', async () => (await runCli(['trace', traceId ?? '', '--json', '--redis', url], env)).code === 0, 60_000);
}, 200_000);

it('reads the URL as ioredis does: user, password, database, IPv6 host and query options; TLS for rediss:// only', () => {
  expect(demoRedisOptions('redis://app:p%40ss@[::1]:6380/2?family=6', {})).toEqual({ host: '::1', port: 6380, username: 'app', password: 'p@ss', db: 2, family: 6 });
  expect(demoRedisOptions('redis://redis.internal', { [REDIS_TLS_ENV.ca]: '/nowhere/ca.pem' })).toEqual({ host: 'redis.internal', port: 6379 });
  // rediss:// without any file: TLS against Node's CA list, as ioredis does for the URL.
  expect(demoRedisOptions('rediss://redis.internal:6380', {})).toEqual({ host: 'redis.internal', port: 6380, tls: {} });
});

it('checks the TLS files of a rediss:// --redis before it starts any process', async () => {
  const missing = `${certs.dir}/no-such-ca.pem`;
  const { code, stdout, stderr } = await runCli(['demo', '--headless', '--redis', 'rediss://127.0.0.1:1'], { [REDIS_TLS_ENV.ca]: missing });
  expect(stderr).toContain(`${REDIS_TLS_ENV.ca}=${missing}: cannot read the file (ENOENT)`);
  expect(code).toBe(2);
  // Nothing started: no Redis line, no child's pid.
  expect(stdout).toBe('');
});
