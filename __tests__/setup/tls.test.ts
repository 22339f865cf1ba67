import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runFixture } from '../support/processes';
import { OtlpReceiver } from '../support/otlp-receiver';
import type { ReceivedSpan } from '../support/otlp-receiver';
import { redisUrl, uniqueQueueName } from '../support/redis';
import { makeTestCertificates } from '../support/tls-certs';
import type { TestCertificates } from '../support/tls-certs';
import { runSetup as runSetupFixture } from './setup-fixture';

/** The setup fixture, reporting the export counters and errors. */
const runSetup = (prefix: string, env: Record<string, string>): ReturnType<typeof runSetupFixture> => runSetupFixture(prefix, { REPORT_EXPORTS: '1', ...env });

// OTLP/HTTP over TLS, for real: certificates made by openssl, an https receiver trusting only the test CA, a real
// BullMQ job in its own process traced by setupTracing, which finds the files through the OTEL_* TLS variables.
let certs: TestCertificates;
/** Server authentication only. */
let tls: OtlpReceiver;
/** Mutual TLS: a client certificate of the test CA is required. */
let mtls: OtlpReceiver;
beforeAll(async () => {
  certs = makeTestCertificates();
  tls = new OtlpReceiver({ ...certs.server });
  mtls = new OtlpReceiver({ ...certs.server, ca: certs.ca, requestCert: true, rejectUnauthorized: true });
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

/** The job's spans arrived in `receiver`. */
function expectJobSpans(receiver: OtlpReceiver, queue: string): void {
  const names = receiver.spans.filter((s) => ofQueue(s, queue)).map((s) => s.name).sort();
  expect(names).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
}

test('https with OTEL_EXPORTER_OTLP_CERTIFICATE: the server is verified against that CA and the spans arrive', async () => {
  const { queue, result } = await runSetup('tls-ca', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
  });
  expect(result).toMatchObject({ enabled: true, endpoint: tls.url, warnings: [], exported: { failures: 0, errors: [] } });
  expectJobSpans(tls, queue);
});

test('mutual TLS with the _TRACES_ variables: the client certificate and key are presented', async () => {
  const before = mtls.requests;
  const { queue, result } = await runSetup('tls-mutual', {
    CODE_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: mtls.url,
    OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: certs.caFile,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.otherCaFile, // the traces variable wins
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_CERTIFICATE: certs.clientCertFile,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { failures: 0, errors: [] } });
  expect(mtls.requests).toBeGreaterThan(before);
  expect(new Set(mtls.clientNames.slice(before))).toEqual(new Set(['queue-otel-client']));
  expectJobSpans(mtls, queue);
});

test('a CA that did not sign the server: the job still runs, every export fails with the certificate error, counted', async () => {
  const before = tls.requests;
  const { result } = await runSetup('tls-wrong-ca', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.otherCaFile,
  });
  // The fixture got past its job (it printed a result) and shutdown resolved; nothing reached the receiver.
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { exported: 0 } });
  expect(result.exported!.failures).toBeGreaterThanOrEqual(1);
  expect(result.exported!.errors.length).toBe(result.exported!.failures);
  expect(result.exported!.errors.every((e) => /certificate/i.test(e.message))).toBe(true);
  expect(tls.requests).toBe(before);
});

test('mutual TLS without a client certificate: refused by the server, counted as failed exports', async () => {
  const before = mtls.requests;
  const { result } = await runSetup('tls-no-client-cert', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: mtls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { exported: 0 } });
  expect(result.exported!.failures).toBeGreaterThanOrEqual(1);
  expect(mtls.requests).toBe(before);
});

test('a TLS file that cannot be read: one warning through the logger, naming the variable; the rest still used', async () => {
  const { queue, result } = await runSetup('tls-missing-file', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: mtls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: certs.clientCertFile,
    OTEL_EXPORTER_OTLP_CLIENT_KEY: certs.clientKeyFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: join(certs.dir, 'no-such.key'),
  });
  // Before, the exporter and then the agent each said so on diag only, silent without a diag logger.
  expect(result.warnings).toEqual([
    `queue-otel/setup: OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY=${JSON.stringify(join(certs.dir, 'no-such.key'))} cannot be read (ENOENT); going on without it`,
  ]);
  // Without the key the client certificate is not presented either: the mTLS server refuses, the job ran anyway.
  expect(result.exported!.exported).toBe(0);
  expect(mtls.spans.some((s) => ofQueue(s, queue))).toBe(false);
});

test('a client key without its certificate: reported, no client certificate presented, the CA still used', async () => {
  const before = tls.requests;
  const { queue, result } = await runSetup('tls-half-pair', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
    OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: certs.clientKeyFile,
  });
  expect(result).toMatchObject({
    warnings: ['queue-otel/setup: OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY is set but not OTEL_EXPORTER_OTLP_(TRACES_)CLIENT_CERTIFICATE: a client certificate needs both; going on without one'],
    exported: { failures: 0 },
  });
  expect(new Set(tls.clientNames.slice(before))).toEqual(new Set([undefined]));
  expectJobSpans(tls, queue);
});

test('the files are read when setupTracing runs: a CA file removed before the first export is still used', async () => {
  // A copy the fixture's first export no longer finds: read at that export (as it was), the CA would be missing.
  const copy = join(certs.dir, 'ca-copy.pem');
  copyFileSync(certs.caFile, copy);
  const { queue, result } = await runSetup('tls-read-once', {
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: copy,
    REMOVE_AFTER_SETUP: copy,
  });
  expect(result).toMatchObject({ enabled: true, warnings: [], exported: { failures: 0 } });
  expectJobSpans(tls, queue);
  rmSync(copy, { force: true });
});

test('shutdown leaves no socket to the https receiver, whose keep-alive connection stays open on its side', async () => {
  const stdout = await runFixture('leftovers-after-shutdown.ts', {
    REDIS_URL: redisUrl(),
    QUEUE: uniqueQueueName('tls-left'),
    PARTS: 'tracing,otel',
    ENDPOINT: tls.url,
    OTEL_EXPORTER_OTLP_CERTIFICATE: certs.caFile,
  });
  const left = JSON.parse(/^RESOURCES (.*)$/m.exec(stdout)![1]!) as { resources: string[]; peers: string[] };
  expect(left.peers.filter((peer) => peer !== new URL(redisUrl()).port)).toEqual([]);
  expect(left.resources.filter((kind) => kind !== 'PipeWrap' && kind !== 'TCPSocketWrap')).toEqual([]);
});
