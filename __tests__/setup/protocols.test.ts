import { OtlpGrpcReceiver, TRACE_EXPORT_PATH } from '../support/otlp-grpc-receiver';
import { OtlpReceiver } from '../support/otlp-receiver';
import type { ReceivedSpan } from '../support/otlp-receiver';
import { runSetup } from './setup-fixture';

// Each transport through the official exporter, from a real BullMQ job in its own process to a receiver on
// loopback that decodes what arrived.
const http = new OtlpReceiver();
const grpc = new OtlpGrpcReceiver();
beforeAll(async () => {
  await http.start();
  await grpc.start();
});
afterAll(async () => {
  await http.stop();
  await grpc.stop();
});

/** The job's three spans arrived whole: names, kinds, attributes, one trace, the service. */
function expectJobSpans(spans: ReceivedSpan[], queue: string, jobName: string): void {
  const ofQueue = spans.filter((s) => (s.attributes['messaging.destination.name'] ?? s.attributes['bullmq.queue.name']) === queue);
  expect(ofQueue.map((s) => s.name).sort()).toEqual([`add ${queue}`, `process ${queue}`, `wait ${queue}`]);
  const send = ofQueue.find((s) => s.name === `add ${queue}`)!;
  const process = ofQueue.find((s) => s.name === `process ${queue}`)!;
  expect(send.kind).toBe(4); // PRODUCER, as OTLP numbers span kinds
  expect(process.kind).toBe(5); // CONSUMER
  expect(process.attributes).toMatchObject({ 'messaging.system': 'bullmq', 'bullmq.job.name': jobName, 'messaging.operation.type': 'process' });
  expect(process.traceId).toBe(send.traceId);
  expect(ofQueue.every((s) => s.service === 'protocol-test')).toBe(true);
}

test('http/json (OTEL_EXPORTER_OTLP_PROTOCOL): JSON bodies to <endpoint>/v1/traces', async () => {
  const before = http.requests;
  const { queue, result } = await runSetup('proto-json', {
    JOB_NAME: 'json-job',
    OTEL_SERVICE_NAME: 'protocol-test',
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${http.port}`,
    OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=json',
  });
  expect(result).toMatchObject({ enabled: true, protocol: 'http/json', endpoint: http.url, warnings: [] });
  expect(http.contentTypes.slice(before)).toEqual(expect.arrayContaining(['application/json']));
  expect(http.contentTypes.slice(before).every((type) => type === 'application/json')).toBe(true);
  expect(http.headers.slice(before).every((h) => h['x-tenant'] === 'json')).toBe(true);
  expectJobSpans(http.spans, queue, 'json-job');
});

test('http/protobuf (the default, and the protocol option): protobuf bodies, decoded into the same spans', async () => {
  const before = http.requests;
  const { queue, result } = await runSetup('proto-pb', {
    JOB_NAME: 'protobuf-job',
    CODE_PROTOCOL: 'http/protobuf',
    CODE_SERVICE_NAME: 'protocol-test',
    CODE_ENDPOINT: `http://127.0.0.1:${http.port}`,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', // the code's protocol wins
  });
  expect(result).toMatchObject({ enabled: true, protocol: 'http/protobuf', endpoint: http.url });
  expect(http.requests).toBeGreaterThan(before);
  expect(http.contentTypes.slice(before).every((type) => type === 'application/x-protobuf')).toBe(true);
  expectJobSpans(http.spans, queue, 'protobuf-job');
});

test('grpc (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL): the TraceService Export call over HTTP/2, headers as metadata', async () => {
  const before = grpc.requests;
  const { queue, result } = await runSetup('proto-grpc', {
    JOB_NAME: 'grpc-job',
    CODE_HEADERS: JSON.stringify({ 'x-from-code': 'yes' }),
    OTEL_SERVICE_NAME: 'protocol-test',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc',
    OTEL_EXPORTER_OTLP_ENDPOINT: grpc.url, // used as is over gRPC: no /v1/traces
    OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=grpc',
  });
  expect(result).toMatchObject({ enabled: true, protocol: 'grpc', endpoint: grpc.url, warnings: [] });
  expect(grpc.requests).toBeGreaterThan(before);
  expect(new Set(grpc.paths)).toEqual(new Set([TRACE_EXPORT_PATH]));
  const calls = grpc.headers.slice(before);
  expect(calls.every((h) => h['content-type'] === 'application/grpc' && h['x-tenant'] === 'grpc' && h['x-from-code'] === 'yes')).toBe(true);
  expectJobSpans(grpc.spans, queue, 'grpc-job');
});
