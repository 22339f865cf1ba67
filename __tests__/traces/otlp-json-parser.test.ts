import { parseOtlpJson, parseOtlpResourceSpans } from '../../src/traces/otlp-json-parser';
import { expectEmailTrace, fixture } from './fixture-support';

describe('parseOtlpJson', () => {
  it('normalises the recorded OTLP/JSON trace', () => {
    const { producer, consumer, http } = expectEmailTrace(parseOtlpJson(fixture('otlp-json.json')));
    expect(producer.attributes).toEqual({
      'messaging.system': 'bullmq',
      'messaging.destination.name': 'emails',
      'messaging.message.id': '42',
      'bullmq.job.attempts': 3,
    });
    expect(consumer.attributes).toEqual({
      'messaging.system': 'bullmq',
      'messaging.operation.type': 'process',
      'bullmq.job.delay_ms': 0.5,
      'bullmq.job.retried': false,
      'bullmq.job.tags': ['urgent', 'eu'],
      'bullmq.job.opts.attempts': 3,
      'bullmq.job.opts.backoff.type': 'exponential',
    });
    expect(consumer.events[0]?.attributes).toEqual({ 'exception.type': 'TimeoutError', 'exception.message': 'SMTP timeout' });
    expect(consumer.links).toEqual([{ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', attributes: {} }]);
    expect(http.attributes['http.response.status_code']).toBe(504);
    expect(http.status).toBe('unset');
  });

  it('reads instrumentationLibrarySpans, base64 ids, numeric nanoseconds and enum names', () => {
    const spans = parseOtlpResourceSpans([
      {
        resource: { attributes: [] },
        instrumentationLibrarySpans: [
          {
            spans: [
              {
                traceId: 'S/kvNXezTaajzpKdDg5HNg==',
                spanId: 'APBnqgupArc=',
                name: 'x',
                kind: 'SPAN_KIND_SERVER',
                startTimeUnixNano: 1_500_000,
                endTimeUnixNano: 2_500_000,
                status: { code: 'STATUS_CODE_OK' },
              },
            ],
          },
        ],
      },
    ]);
    expect(spans).toEqual([
      {
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
        spanId: '00f067aa0ba902b7',
        name: 'x',
        kind: 'server',
        startUs: 1_500,
        endUs: 2_500,
        status: 'ok',
        serviceName: 'unknown_service',
        attributes: {},
        events: [],
        links: [],
      },
    ]);
  });

  it('serialises mixed or nested arrays and drops spans without ids or start', () => {
    const spans = parseOtlpJson({
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                { traceId: '', spanId: '00f067aa0ba902b7', startTimeUnixNano: '1' },
                { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' },
                {
                  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
                  spanId: '00f067aa0ba902b7',
                  startTimeUnixNano: '5000',
                  endTimeUnixNano: '1000',
                  attributes: [
                    { key: 'mixed', value: { arrayValue: { values: [{ intValue: '1' }, { stringValue: 'a' }] } } },
                    { key: 'nested', value: { arrayValue: { values: [{ arrayValue: { values: [{ boolValue: true }] } }] } } },
                  ],
                },
              ],
            },
          ],
        },
      ],
    });
    expect(spans).toHaveLength(1);
    expect(spans[0]?.attributes).toEqual({ mixed: ['1', 'a'], nested: ['[true]'] });
    // An end before the start is clamped so the model's endUs >= startUs holds.
    expect(spans[0]).toMatchObject({ startUs: 5, endUs: 5, kind: 'unspecified', name: '(unnamed)' });
  });

  it('keeps the trace when an attribute nests thousands of levels, following only the first 16', () => {
    let kv: unknown = { stringValue: 'bottom' };
    let array: unknown = { stringValue: 'bottom' };
    for (let level = 0; level < 5_000; level += 1) {
      kv = { kvlistValue: { values: [{ key: 'k', value: kv }] } };
      array = { arrayValue: { values: [array] } };
    }
    const attributes = [
      { key: 'ok', value: { stringValue: 'yes' } },
      { key: 'opts', value: { kvlistValue: { values: [{ key: 'backoff', value: { stringValue: 'fixed' } }] } } },
      { key: 'deep', value: kv },
      { key: 'list', value: { arrayValue: { values: [{ stringValue: 'a' }, array] } } },
    ];
    const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', startTimeUnixNano: '5000', attributes };
    const spans = parseOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans: [span] }] }] });
    expect(spans).toHaveLength(1);
    const parsed = spans[0]?.attributes ?? {};
    expect(parsed).toMatchObject({ ok: 'yes', 'opts.backoff': 'fixed' });
    expect(Object.keys(parsed).every((key) => key.length < 64)).toBe(true);
    const list = parsed.list as string[];
    expect(list[0]).toBe('"a"');
    expect(list[1]?.length).toBeLessThan(200);
  });

  it('yields no spans for bodies that are not OTLP', () => {
    expect(parseOtlpJson(null)).toEqual([]);
    expect(parseOtlpJson({ resourceSpans: 'nope' })).toEqual([]);
  });
});
