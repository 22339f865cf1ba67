import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { runExample } from '../support/examples';
import { OtlpReceiver } from '../support/otlp-receiver';

/** A loopback port nothing listens on: bound once by the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('the OTLP example sends its spans with the auth header to the endpoint of OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
  const receiver = new OtlpReceiver();
  await receiver.start();
  try {
    const out = await runExample('export/otlp.ts', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiver.port}`, OTLP_TOKEN: 's3cret' });
    expect(out).toMatch(`exporting over http/protobuf to http://127.0.0.1:${receiver.port}/v1/traces`);
    expect(out).toMatch(/processed 10 of 10 jobs/);
    expect(out).toMatch(/spans: (\d+) recorded, \1 exported, 0 dropped/);
    expect(out).toMatch(/The endpoint took every span\./);
    expect(receiver.headers.every((headers) => headers.authorization === 'Bearer s3cret')).toBe(true);
    const request = receiver.spans.find((span) => span.name === 'POST /newsletter')!;
    const processed = receiver.spans.filter((span) => span.name.startsWith('process mailer-'));
    expect(processed).toHaveLength(10);
    for (const span of processed) {
      expect(span.service).toBe('mailer-example');
      expect(span.traceId).toBe(request.traceId);
    }
  } finally {
    await receiver.stop();
  }
}, 60_000);

test('with nothing listening at the endpoint the OTLP example still processes its jobs and exits 0, counting the lost spans', async () => {
  const port = await closedPort();
  const out = await runExample('export/otlp.ts', { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
  expect(out).toMatch(/processed 10 of 10 jobs/);
  expect(out).toMatch(/spans: (\d+) recorded, 0 exported, \1 dropped, [1-9]\d* failed attempts/);
  expect(out).toMatch(`Nothing took them at http://127.0.0.1:${port}/v1/traces: the jobs ran anyway`);
}, 60_000);
