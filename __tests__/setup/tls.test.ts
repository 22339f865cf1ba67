import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';
import { OtlpReceiver } from '../support/otlp-receiver';
import { expectJobSpans, ofQueue, runSetup, useTlsReceivers } from './tls-fixture';

// OTLP/HTTP over TLS, for real: certificates made by openssl, an https receiver trusting only the test CA, a real
// BullMQ job in its own process traced by setupTracing, which finds the files through the OTEL_* TLS variables.
const suite = useTlsReceivers((options) => new OtlpReceiver(options));

test('https with OTEL_EXPORTER_OTLP_CERTIFICATE: the server is verified against that CA and the spans arrive', async () => {
  const { queue, result } = await runSetup('tls-ca', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
  });
  expect(result).toMatchObject({ enabled: true, endpoint: suite.tls.url, warnings: [], exported: { failures: 0, errors: [] } });
  expectJobSpans(suite.tls, queue);
});

test('mutual TLS with the _TRACES_ variables: the client certificate and key are presented', async () => {
  const before = suite.mtls.requests;
  const { queue, result } = await runSetup('tls-mutual', {
    CODE_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.mtls.url,
    OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: suite.certs.caFile,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.otherCaFile, // the traces variable wins
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: suite.certs.clientCertFile,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: suite.certs.clientKeyFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { failures: 0, errors: [] } });
  expect(suite.mtls.requests).toBeGreaterThan(before);
  expect(new Set(suite.mtls.clientNames.slice(before))).toEqual(new Set(['queue-otel-client']));
  expectJobSpans(suite.mtls, queue);
});

test('a CA that did not sign the server: the job still runs, every export fails with the certificate error, counted', async () => {
  const before = suite.tls.requests;
  const { result } = await runSetup('tls-wrong-ca', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.otherCaFile,
  });
  // The fixture got past its job (it printed a result) and shutdown resolved; nothing reached the receiver.
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { exported: 0 } });
  expect(result.exported!.failures).toBeGreaterThanOrEqual(1);
  expect(result.exported!.errors.length).toBe(result.exported!.failures);
  expect(result.exported!.errors.every((e) => /certificate/i.test(e.message))).toBe(true);
  expect(suite.tls.requests).toBe(before);
});

test('mutual TLS without a client certificate: refused by the server, counted as failed exports', async () => {
  const before = suite.mtls.requests;
  const { result } = await runSetup('tls-no-client-cert', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.mtls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { exported: 0 } });
  expect(result.exported!.failures).toBeGreaterThanOrEqual(1);
  expect(suite.mtls.requests).toBe(before);
});

test('a TLS file that cannot be read: one warning through the logger, naming the variable; the rest still used', async () => {
  const { queue, result } = await runSetup('tls-missing-file', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.mtls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: suite.certs.clientCertFile,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: suite.certs.clientKeyFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: join(suite.certs.dir, 'no-such.key'),
  });
  // Before, the exporter and then the agent each said so on diag only, silent without a diag logger.
  expect(result.warnings).toEqual([
    `queue-otel/setup: OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY=${JSON.stringify(join(suite.certs.dir, 'no-such.key'))} cannot be read (ENOENT); going on without it`,
  ]);
  // Without the key the client certificate is not presented either: the mTLS server refuses, the job ran anyway.
  expect(result.exported!.exported).toBe(0);
  expect(suite.mtls.spans.some((s) => ofQueue(s, queue))).toBe(false);
});

test('a client key without its certificate: reported, no client certificate presented, the CA still used', async () => {
  const before = suite.tls.requests;
  const { queue, result } = await runSetup('tls-half-pair', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: suite.certs.clientKeyFile,
  });
  expect(result).toMatchObject({
    warnings: ['queue-otel/setup: OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY is set but not OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_CERTIFICATE: a client certificate needs both; going on without one'],
    exported: { failures: 0 },
  });
  expect(new Set(suite.tls.clientNames.slice(before))).toEqual(new Set([undefined]));
  expectJobSpans(suite.tls, queue);
});

test('the files are read when setupTracing runs: a CA file removed before the first export is still used', async () => {
  // A copy the fixture's first export no longer finds: read at that export (as it was), the CA would be missing.
  const copy = join(suite.certs.dir, 'ca-copy.pem');
  copyFileSync(suite.certs.caFile, copy);
  const { queue, result } = await runSetup('tls-read-once', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: copy,
    REMOVE_AFTER_SETUP: copy,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { failures: 0 } });
  expectJobSpans(suite.tls, queue);
  rmSync(copy, { force: true });
});

test('shutdown leaves no socket to the https receiver, whose keep-alive connection stays open on its side', async () => {
  const stdout = await runFixture('leftovers-after-shutdown.ts', {
    REDIS_URL: redisUrl(),
    QUEUE: uniqueQueueName('tls-left'),
    PARTS: 'tracing,otel',
    ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
  });
  const left = JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!) as { resources: string[]; peers: string[] };
  expect(left.peers.filter((peer) => peer !== new URL(redisUrl()).port)).toEqual([]);
  expect(left.resources.filter((kind) => kind !== 'PipeWrap' && kind !== 'TCPSocketWrap')).toEqual([]);
});
