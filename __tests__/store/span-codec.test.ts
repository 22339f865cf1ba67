import { encodeCompactMetadata } from '../../src/propagation/compact-metadata';
import { decodeSpan, encodeSpan } from '../../src/store/span-codec';
import keySlot from 'cluster-key-slot';
import { storeKeys } from '../../src/store/keys';
import { jobTraceOf, traceIdFromJobOpts, traceIdFromTelemetryMetadata } from '../../src/store/job-trace-metadata';
import type { StoredSpan } from '../../src/store/stored-span';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';

const full: StoredSpan = {
  traceId: TRACE, spanId: '00f067aa0ba902b7', parentSpanId: '1111111111111111', parentIsRemote: true,
  name: 'process q', kind: 'consumer', startUs: 1_700_000_000_123_456, endUs: 1_700_000_000_223_457,
  status: 'error', statusMessage: 'boom', serviceName: 'svc',
  attributes: { 'a.s': 'x', 'a.n': 1.5, 'a.b': true, 'a.arr': ['p', 'q'] },
  events: [{ name: 'exception', timeUs: 1_700_000_000_200_000, attributes: { 'exception.message': 'boom' } }, { name: 'bare', timeUs: 1, attributes: {} }],
  links: [{ traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), attributes: { why: 'producer' } }],
  scope: { name: 'scope', version: '1.0.0', schemaUrl: 'https://opentelemetry.io/schemas/1.30.0' },
};

describe('span codec', () => {
  test('round-trips every field, microsecond timestamps exactly', () => {
    expect(decodeSpan(TRACE, encodeSpan(full))).toEqual(full);
  });

  test('omits empty parts and the trace id', () => {
    const minimal: StoredSpan = {
      traceId: TRACE, spanId: '00f067aa0ba902b7', name: 'n', kind: 'internal', startUs: 5, endUs: 6,
      status: 'unset', serviceName: 's', attributes: {}, events: [], links: [],
    };
    const json = encodeSpan(minimal);
    expect(json).toBe('{"i":"00f067aa0ba902b7","n":"n","k":0,"s":5,"e":6,"v":"s"}');
    expect(decodeSpan(TRACE, json)).toEqual(minimal);
  });

  test.each(['', 'not json', '[]', 'null', '{"i":"x"}', '{"i":1,"n":"n","s":1,"e":2}'])('rejects malformed %p', (json) => {
    expect(decodeSpan(TRACE, json)).toBeUndefined();
  });
});

describe('key slots', () => {
  test('match Redis Cluster CRC16 values, hash tags included', () => {
    // Reference values from the Redis Cluster specification / CLUSTER KEYSLOT.
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
    expect(keySlot('123456789')).toBe(0x31c3 % 16384);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    // An empty tag hashes the whole key; the first tag counts.
    expect(keySlot('foo{}{bar}')).not.toBe(keySlot('bar'));
    expect(keySlot('foo{{bar}}zap')).toBe(keySlot('{bar'));
    expect(keySlot('qo:t:{4bf92f3577b34da6a3ce929d0e0e4736}:s')).toBe(keySlot('4bf92f3577b34da6a3ce929d0e0e4736'));
  });

  test('all keys of a trace share a slot; the global keys share another', () => {
    const keys = storeKeys('qo');
    const slot = keySlot(keys.spans(TRACE));
    expect([keySlot(keys.meta(TRACE)), keySlot(keys.jobs(TRACE))]).toEqual([slot, slot]);
    expect(new Set([keys.traces(), keys.pending(), keys.sequence()].map(keySlot)).size).toBe(1);
  });
});

describe('trace id from job opts', () => {
  const tp = `00-${TRACE}-00f067aa0ba902b7-01`;
  test('reads tm as BullMQ stores it', () => {
    expect(traceIdFromJobOpts(JSON.stringify({ attempts: 2, tm: JSON.stringify({ traceparent: tp }) }))).toBe(TRACE);
    expect(traceIdFromTelemetryMetadata({ traceparent: tp.toUpperCase() })).toBe(TRACE);
  });

  test.each([
    undefined, null, '', 'garbage', '"str"', '{}', '{"tm":5}', '{"tm":"not json"}', '{"tm":"[]"}',
    JSON.stringify({ tm: JSON.stringify({ traceparent: 42 }) }),
    JSON.stringify({ tm: JSON.stringify({ traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` }) }),
    JSON.stringify({ tm: JSON.stringify({ traceparent: `00-${TRACE}-${'0'.repeat(16)}-01` }) }),
    JSON.stringify({ tm: JSON.stringify({ traceparent: `ff-${TRACE}-00f067aa0ba902b7-01` }) }),
    JSON.stringify({ tm: JSON.stringify({ traceparent: `00-${TRACE.slice(1)}-00f067aa0ba902b7-01` }) }),
  ])('tolerates %p', (opts) => {
    expect(traceIdFromJobOpts(opts)).toBeUndefined();
  });
});

describe('trace ids from stored metadata in the compact format', () => {
  test('a compact tm value yields its trace id, as the JSON one does', () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const compact = encodeCompactMetadata(traceId, '00f067aa0ba902b7', 1)!;
    expect(traceIdFromTelemetryMetadata(compact)).toBe(traceId);
    expect(traceIdFromJobOpts(JSON.stringify({ tm: compact }))).toBe(traceId);
    expect(traceIdFromTelemetryMetadata(`{"traceparent":"00-${traceId}-00f067aa0ba902b7-01"}`)).toBe(traceId);
    expect(traceIdFromTelemetryMetadata('garbage')).toBeUndefined();
  });
});

describe('the producer\'s sampling decision from stored metadata', () => {
  const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
  test.each([
    [`{"traceparent":"00-${traceId}-00f067aa0ba902b7-01"}`, true],
    [`{"traceparent":"00-${traceId}-00f067aa0ba902b7-00"}`, false],
    [`{"traceparent":"00-${traceId}-00f067aa0ba902b7-03"}`, true],
    [encodeCompactMetadata(traceId, '00f067aa0ba902b7', 1)!, true],
    [encodeCompactMetadata(traceId, '00f067aa0ba902b7', 0)!, false],
    ['0', false],
    ['garbage', undefined],
    [undefined, undefined],
  ])('%s -> %s', (metadata, sampled) => {
    expect(jobTraceOf(metadata).sampled).toBe(sampled);
  });
});
