import { OtlpGrpcReceiver } from '../support/otlp-grpc-receiver';
import type { ReceivedSpan } from '../support/otlp-receiver';
import { runFixture } from '../support/processes';
import { redisUrl, uniqueQueueName } from '../support/redis';
import { makeTestCertificates } from '../support/tls-certs';
import type { TestCertificates } from '../support/tls-certs';
import { runSetup } from './setup-fixture';

// OTLP/gRPC over TLS, for real: the gRPC exporter (its own @grpc/grpc-js) reads the OTEL_* TLS variables itself
// (setupTracing passes them on untouched), against an HTTP/2 server over TLS trusting only the test CA.
let certs: TestCertificates;
let tls: OtlpGrpcReceiver;
let mtls: OtlpGrpcReceiver;
beforeAll(async () => {
  certs = makeTestCertificates();
  tls = new OtlpGrpcReceiver({ ...certs.server });
  mtls = new OtlpGrpcReceiver({ ...certs.server, ca: certs.ca, requestCert: true, rejectUnauthorized: true });
  await tls.start();
  await mtls.start();
});
afterAll(async () => {
  await tls.stop();
  await mtls.stop();
  certs.remove();
});

function ofQueue(span: ReceivedSpan, queue: string): boolean {
  return (span.attributes['messaging.destination.name'] ?? span.attributes['bullmq.queue.name']) === queue;
}

function expectJobSpans(receiver: OtlpGrpcReceiver, queue: string): void {
  expect(receiver.spans.filter((s) => ofQueue(s, queue)).map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
}

test('grpc to an https:// endpoint with OTEL_EXPORTER_OTLP_CERTIFICATE: verified against that CA, the spans arrive', async () => {
  const { queue, result } = await runSetup('grpc-tls-ca', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
  });
  expect(result).toMatchObject({ enabled: true, protocol: 'grpc', endpoint: tls.url, warnings: [], exported: { failures: 0, errors: [] } });
  expectJobSpans(tls, queue);
});

test('grpc with mutual TLS (_TRACES_ client certificate and key): presented to the server', async () => {
  const before = mtls.requests;
  const { queue, result } = await runSetup('grpc-tls-mutual', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: mtls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: certs.clientCertFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: certs.clientKeyFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { failures: 0, errors: [] } });
  expect(new Set(mtls.clientNames.slice(before))).toEqual(new Set(['queue-otel-client']));
  expectJobSpans(mtls, queue);
});

test('grpc with a CA that did not sign the server: the job still runs, the exports fail, counted', async () => {
  const before = tls.requests;
  const { result } = await runSetup('grpc-tls-wrong-ca', {
    CODE_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.otherCaFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { exported: 0 } });
  expect(result.exported.failures).toBeGreaterThanOrEqual(1);
  expect(result.exported.errors.length).toBe(result.exported.failures);
  expect(tls.requests).toBe(before);
});

test('grpc over TLS: shutdown leaves no socket to the receiver', async () => {
  const stdout = await runFixture('leftovers-after-shutdown.ts', {
    REDIS_URL: redisUrl(),
    QUEUE: uniqueQueueName('grpc-tls-left'),
    PARTS: 'tracing,otel',
    PROTOCOL: 'grpc',
    ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
  });
  const left = JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!) as { resources: string[]; peers: string[] };
  expect(left.peers.filter((peer) => peer !== new URL(redisUrl()).port)).toEqual([]);
  expect(left.resources.filter((kind) => kind !== 'PipeWrap' && kind !== 'TCPSocketWrap')).toEqual([]);
});
