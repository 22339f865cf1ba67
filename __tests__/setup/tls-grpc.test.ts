import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';
import { OtlpGrpcReceiver } from '../support/otlp-grpc-receiver';
import { expectJobSpans, runSetup, useTlsReceivers } from './tls-fixture';

// OTLP/gRPC over TLS, for real: setupTracing reads the files of the OTEL_* TLS variables and gives the gRPC exporter
// (its own @grpc/grpc-js) the channel credentials, against an HTTP/2 server over TLS trusting only the test CA.
const suite = useTlsReceivers((options) => new OtlpGrpcReceiver(options));

test('grpc to an https:// endpoint with OTEL_EXPORTER_OTLP_CERTIFICATE: verified against that CA, the spans arrive', async () => {
  const { queue, result } = await runSetup('grpc-tls-ca', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
  });
  expect(result).toMatchObject({ enabled: true, protocol: 'grpc', endpoint: suite.tls.url, warnings: [], exported: { failures: 0, errors: [] } });
  expectJobSpans(suite.tls, queue);
});

test('grpc with mutual TLS (_TRACES_ client certificate and key): presented to the server', async () => {
  const before = suite.mtls.requests;
  const { queue, result } = await runSetup('grpc-tls-mutual', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.mtls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: suite.certs.clientCertFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: suite.certs.clientKeyFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { failures: 0, errors: [] } });
  expect(new Set(suite.mtls.clientNames.slice(before))).toEqual(new Set(['queue-otel-client']));
  expectJobSpans(suite.mtls, queue);
});

test('grpc with a CA that did not sign the server: the job still runs, the exports fail, counted', async () => {
  const before = suite.tls.requests;
  const { result } = await runSetup('grpc-tls-wrong-ca', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.otherCaFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { exported: 0 } });
  expect(result.exported!.failures).toBeGreaterThanOrEqual(1);
  expect(result.exported!.errors.length).toBe(result.exported!.failures);
  expect(suite.tls.requests).toBe(before);
});

test('grpc, a TLS file that cannot be read: one warning through the logger, naming the variable', async () => {
  const missing = join(suite.certs.dir, 'no-such-ca.pem');
  const { result } = await runSetup('grpc-tls-missing', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: missing,
  });
  // Before, the exporter said so on diag only (silent without a diag logger), each time it made its client.
  expect(result.warnings).toEqual([`queue-otel/setup: OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE=${JSON.stringify(missing)} cannot be read (ENOENT); going on without it`]);
  // Node's own CA list does not know the test CA.
  expect(result.exported).toMatchObject({ exported: 0 });
});

test('grpc, a client certificate without its key: reported, the CA still used and no client certificate presented', async () => {
  const before = suite.tls.requests;
  const { queue, result } = await runSetup('grpc-tls-half-pair', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: suite.certs.clientCertFile,
  });
  // gRPC refuses a certificate without its key: before, every export failed with that.
  expect(result).toMatchObject({
    warnings: ['queue-otel/setup: OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE is set but not OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_KEY: a client certificate needs both; going on without one'],
    exported: { failures: 0 },
  });
  expect(new Set(suite.tls.clientNames.slice(before))).toEqual(new Set([undefined]));
  expectJobSpans(suite.tls, queue);
});

test('grpc, a client key that cannot be read beside its certificate: one warning, setup goes on without the pair', async () => {
  const missing = join(suite.certs.dir, 'no-such-client.key');
  const { queue, result } = await runSetup('grpc-tls-missing-key', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: suite.certs.clientCertFile,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: missing,
  });
  // gRPC's credentials refuse a certificate without its key: passed on, setupTracing threw.
  expect(result).toMatchObject({
    warnings: [`queue-otel/setup: OTEL_EXPORTER_OTLP_CLIENT_KEY=${JSON.stringify(missing)} cannot be read (ENOENT); going on without it`],
    exported: { failures: 0 },
  });
  expectJobSpans(suite.tls, queue);
});

test('grpc, the files are read when setupTracing runs: a CA file removed before the first export is still used', async () => {
  const copy = join(suite.certs.dir, 'grpc-ca-copy.pem');
  copyFileSync(suite.certs.caFile, copy);
  const { queue, result } = await runSetup('grpc-tls-read-once', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: copy,
    REMOVE_AFTER_SETUP: copy,
  });
  expect(result).toMatchObject({ warnings: [], exported: { failures: 0 } });
  expectJobSpans(suite.tls, queue);
});

test('grpc to host:port without a scheme: TLS, with the CA of the variable', async () => {
  const target = suite.tls.url.slice('https://'.length);
  const { queue, result } = await runSetup('grpc-tls-target', {
    CODE_PROTOCOL: 'grpc',
    CODE_ENDPOINT: target,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
  });
  expect(result).toMatchObject({ endpoint: target, warnings: [], exported: { failures: 0 } });
  expectJobSpans(suite.tls, queue);
});

test('grpc to host:port with OTEL_EXPORTER_OTLP_TRACES_INSECURE=true: plain text, the TLS files not read', async () => {
  const plain = new OtlpGrpcReceiver();
  await plain.start();
  try {
    const target = plain.url.slice('http://'.length);
    const { queue, result } = await runSetup('grpc-insecure-target', {
      CODE_PROTOCOL: 'grpc',
      CODE_ENDPOINT: target,
      OTEL_EXPORTER_OTLP_TRACES_INSECURE: ' TRUE ',
      OTEL_EXPORTER_OTLP_CERTIFICATE: join(suite.certs.dir, 'not-read.pem'), // unread: no warning
    });
    expect(result).toMatchObject({ endpoint: target, warnings: [], exported: { failures: 0 } });
    expectJobSpans(plain, queue);
  } finally {
    await plain.stop();
  }
});

test('grpc over TLS: shutdown leaves no socket to the receiver', async () => {
  const stdout = await runFixture('leftovers-after-shutdown.ts', {
    REDIS_URL: redisUrl(),
    QUEUE: uniqueQueueName('grpc-tls-left'),
    PARTS: 'tracing,otel',
    PROTOCOL: 'grpc',
    ENDPOINT: suite.tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: suite.certs.caFile,
  });
  const left = JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!) as { resources: string[]; peers: string[] };
  expect(left.peers.filter((peer) => peer !== new URL(redisUrl()).port)).toEqual([]);
  expect(left.resources.filter((kind) => kind !== 'PipeWrap' && kind !== 'TCPSocketWrap')).toEqual([]);
});
