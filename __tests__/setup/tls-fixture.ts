/**
 * What the OTLP/HTTP and OTLP/gRPC TLS suites share: test certificates, two receivers (server authentication only,
 * and mutual TLS requiring a client certificate of the test CA), the setup fixture reporting its export counters,
 * and the check that a job's spans arrived.
 */
import type { ReceivedSpan } from '../support/otlp-receiver';
import { makeTestCertificates } from '../support/tls-certs';
import type { TestCertificates } from '../support/tls-certs';
import { runSetup as runSetupFixture } from './setup-fixture';

/** The setup fixture, reporting the export counters and errors. */
export const runSetup = (prefix: string, env: Record<string, string>): ReturnType<typeof runSetupFixture> =>
  runSetupFixture(prefix, { REPORT_EXPORTS: '1', ...env });

/** A receiver of either transport, as the suites use it. */
export interface TlsReceiver {
  readonly spans: ReceivedSpan[];
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/** The certificates and both receivers, set by the suite's beforeAll. */
export interface TlsSetup<R extends TlsReceiver> {
  certs: TestCertificates;
  /** Server authentication only. */
  tls: R;
  /** Mutual TLS: a client certificate of the test CA is required. */
  mtls: R;
}

/**
 * Makes the certificates and starts both receivers before the suite, stops them after; `make` builds a receiver from
 * its TLS server options.
 */
export function useTlsReceivers<R extends TlsReceiver>(make: (options: { cert: Buffer; key: Buffer; ca?: Buffer; requestCert?: boolean; rejectUnauthorized?: boolean }) => R): TlsSetup<R> {
  const setup = {} as TlsSetup<R>;
  beforeAll(async () => {
    setup.certs = makeTestCertificates();
    setup.tls = make({ ...setup.certs.server });
    setup.mtls = make({ ...setup.certs.server, ca: setup.certs.ca, requestCert: true, rejectUnauthorized: true });
    await setup.tls.start();
    await setup.mtls.start();
  });
  afterAll(async () => {
    await setup.tls?.stop();
    await setup.mtls?.stop();
    setup.certs?.remove();
  });
  return setup;
}

/** Whether `span` belongs to the job of `queue`. */
export function ofQueue(span: ReceivedSpan, queue: string): boolean {
  return (span.attributes['messaging.destination.name'] ?? span.attributes['bullmq.queue.name']) === queue;
}

/** The job's spans arrived in `receiver`. */
export function expectJobSpans(receiver: TlsReceiver, queue: string): void {
  expect(receiver.spans.filter((s) => ofQueue(s, queue)).map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
}
