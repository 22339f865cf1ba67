import { parseJaegerLegacy } from '../../src/traces/jaeger-legacy-parser';
import { parseJaegerV3, parseJsonDocuments } from '../../src/traces/jaeger-v3-parser';
import { parseTempoV1, parseTempoV2 } from '../../src/traces/tempo-parser';
import { parseZipkinV2 } from '../../src/traces/zipkin-parser';
import { expectEmailTrace, fixture, fixtureText } from './fixture-support';

describe('Jaeger v3', () => {
  it('unwraps {"result": ...}', () => {
    expectEmailTrace(parseJaegerV3(fixture('jaeger-v3-wrapped.json')));
  });

  it('reads a bare OTLP body and newline-delimited chunks', () => {
    const wrapped = fixture('jaeger-v3-wrapped.json') as { result: unknown };
    expectEmailTrace(parseJaegerV3(wrapped.result));
    const { result } = wrapped as { result: { resourceSpans: unknown[] } };
    const chunks = result.resourceSpans.map((rs) => JSON.stringify({ result: { resourceSpans: [rs] } })).join('\n');
    expectEmailTrace(parseJaegerV3(parseJsonDocuments(chunks)));
  });

  it('rejects a body that is not JSON', () => {
    expect(() => parseJsonDocuments('{"a":\n{"b"')).toThrow(SyntaxError);
    expect(parseJsonDocuments('  ')).toEqual([]);
  });
});

describe('Jaeger legacy', () => {
  it('maps references, processes, tags and logs', () => {
    const { producer, consumer, http } = expectEmailTrace(parseJaegerLegacy(fixture('jaeger-legacy.json')));
    expect(producer.attributes).toEqual({ 'messaging.system': 'bullmq', 'bullmq.job.attempts': 3 });
    // span.kind, error and otel.status_* became fields, so they are not repeated as attributes.
    expect(consumer.attributes).toEqual({ 'bullmq.job.delay_ms': 0.5 });
    expect(consumer.links).toEqual([{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', attributes: {} }]);
    expect(consumer.events[0]?.attributes).toEqual({ 'exception.type': 'TimeoutError', 'exception.message': 'SMTP timeout' });
    expect(http.attributes['http.response.status_code']).toBe(504);
  });

  it('treats error=true as an error and FOLLOWS_FROM as the parent when there is no CHILD_OF', () => {
    const spans = parseJaegerLegacy({
      data: [
        {
          spans: [
            {
              traceID: '1f',
              spanID: 'a',
              operationName: 'op',
              startTime: 10,
              duration: 5,
              references: [{ refType: 'FOLLOWS_FROM', traceID: '1f', spanID: 'b' }],
              tags: [{ key: 'error', type: 'bool', value: true }],
              processID: 'missing',
            },
          ],
          processes: {},
        },
      ],
    });
    expect(spans[0]).toMatchObject({
      traceId: '0000000000000000000000000000001f',
      spanId: '000000000000000a',
      parentSpanId: '000000000000000b',
      status: 'error',
      kind: 'unspecified',
      serviceName: 'unknown_service',
      endUs: 15,
    });
  });

  it('yields no spans for the not-found body', () => {
    expect(parseJaegerLegacy({ data: null, errors: [{ code: 404, msg: 'trace not found' }] })).toEqual([]);
  });
});

describe('Tempo', () => {
  it('reads v2 {"trace": ...} with base64 ids', () => {
    expectEmailTrace(parseTempoV2(fixture('tempo-v2.json')));
  });

  it('reads v1 batches with instrumentationLibrarySpans and numeric nanoseconds', () => {
    const { http } = expectEmailTrace(parseTempoV1(fixture('tempo-v1.json')));
    expect(http.attributes['http.response.status_code']).toBe(504);
  });

  it('does not read v1 batches as v2 or the reverse', () => {
    expect(parseTempoV2(fixture('tempo-v1.json'))).toEqual([]);
    expect(parseTempoV1(fixture('tempo-v2.json'))).toEqual([]);
  });
});

describe('Zipkin v2', () => {
  it('maps endpoints, tags, annotations, kind and the error tag; pads 64-bit trace ids', () => {
    const { producer, consumer, http } = expectEmailTrace(parseZipkinV2(fixture('zipkin-v2.json')), '0000000000000000a3ce929d0e0e4736');
    expect(producer.attributes).toEqual({ 'messaging.system': 'bullmq', 'messaging.destination.name': 'emails' });
    expect(consumer.attributes).toEqual({ 'messaging.system': 'bullmq' });
    expect(http.attributes).toEqual({ 'http.method': 'POST', 'http.status_code': '504' });
    expect(http.name).toBe('post');
  });

  it('defaults a missing kind to internal and an empty error tag to an error without message', () => {
    const [span] = parseZipkinV2(
      JSON.parse(fixtureText('zipkin-v2.json').replace('"kind": "PRODUCER",', '').replace('SMTP timeout', '')) as unknown,
    ).filter((s) => s.spanId !== 'e457b5a2e4d86bd1');
    expect(span?.kind).toBe('internal');
    const spans = parseZipkinV2([{ traceId: 'a3ce929d0e0e4736', id: '1', timestamp: 1, tags: { error: '' } }, { id: '2' }]);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status).toBe('error');
    expect(spans[0]?.statusMessage).toBeUndefined();
  });
});
