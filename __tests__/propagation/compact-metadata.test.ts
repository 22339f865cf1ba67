import { createTraceState, ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import type { TraceState } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  COMPACT_LENGTH,
  decodeCompactMetadata,
  decodeMetadata,
  encodeCompactMetadata,
  isCompactMetadata,
  jobContext,
  PropagationFailureReporter,
} from '../../src/propagation';
import { OtelBullmqContextManager } from '../../src/telemetry/context-manager';

const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN = '00f067aa0ba902b7';

function manager(format: 'json' | 'compact') {
  const reasons: string[] = [];
  const failures = new PropagationFailureReporter(() => undefined, 60_000, (direction, reason) => reasons.push(`${direction}/${reason}`));
  const w3c = new W3CTraceContextPropagator();
  return { cm: new OtelBullmqContextManager(() => w3c, failures, () => true, format), reasons };
}

const withSpan = (traceFlags: number, traceState?: TraceState) =>
  trace.setSpanContext(ROOT_CONTEXT, { traceId: TRACE, spanId: SPAN, traceFlags, isRemote: false, ...(traceState ? { traceState } : {}) });

describe('compact codec', () => {
  test('round-trips ids and flags in 37 characters that are a JSON string', () => {
    for (const flags of [0, 1, 0x03]) {
      const encoded = encodeCompactMetadata(TRACE, SPAN, flags)!;
      expect(encoded).toHaveLength(COMPACT_LENGTH);
      expect(isCompactMetadata(encoded)).toBe(true);
      expect(typeof JSON.parse(encoded)).toBe('string');
      expect(decodeCompactMetadata(encoded)).toEqual({ ok: true, traceId: TRACE, spanId: SPAN, traceFlags: flags });
    }
  });

  test('keeps a default job opts value within the 64-byte listpack limit', () => {
    const opts = JSON.stringify({ attempts: 0, tm: encodeCompactMetadata(TRACE, SPAN, 1) });
    expect(opts.length).toBeLessThanOrEqual(64);
  });

  test('refuses to encode invalid ids', () => {
    expect(encodeCompactMetadata('0'.repeat(32), SPAN, 1)).toBeUndefined();
    expect(encodeCompactMetadata(TRACE, '0'.repeat(16), 1)).toBeUndefined();
    expect(encodeCompactMetadata('xyz', SPAN, 1)).toBeUndefined();
    expect(encodeCompactMetadata(TRACE.toUpperCase(), SPAN, 1)).toBeUndefined();
  });

  test.each([
    ['"~01"', 'too short'],
    ['"~zzS_kvNXezTaajzpKdDg5HNgDwZ6oLqQK3"', 'bad flags'],
    ['"~01S_kvNXezTaajzpKdDg5HNgDwZ6oLqQK3', 'no closing quote'],
    ['"~01S_kvNXezTaajzpKdDg5HNgDwZ6oLqQ+3"', 'not base64url'],
    [`"~01${Buffer.alloc(24).toString('base64url')}"`, 'all-zero ids'],
  ])('rejects %s (%s) as invalid_traceparent', (value) => {
    expect(decodeCompactMetadata(value)).toEqual({ ok: false, reason: 'invalid_traceparent' });
    expect(decodeMetadata(value)).toEqual({ ok: false, reason: 'invalid_traceparent' });
  });

  test('decodeMetadata reads compact metadata as the equivalent traceparent', () => {
    expect(decodeMetadata(encodeCompactMetadata(TRACE, SPAN, 1)!)).toEqual({ ok: true, carrier: { traceparent: `00-${TRACE}-${SPAN}-01` } });
  });

  test('a JSON-only reader rejects it cleanly: parses, finds no object', () => {
    const jsonOnly = (metadata: string) => {
      const parsed: unknown = JSON.parse(metadata);
      return parsed !== null && typeof parsed === 'object' ? 'object' : 'not_object';
    };
    expect(jsonOnly(encodeCompactMetadata(TRACE, SPAN, 1)!)).toBe('not_object');
  });

  test('jobContext (sandboxed processors) reads both formats', () => {
    const compact = jobContext({ opts: { telemetry: { metadata: encodeCompactMetadata(TRACE, SPAN, 1)! } } });
    expect(trace.getSpanContext(compact)).toMatchObject({ traceId: TRACE, spanId: SPAN, traceFlags: 1, isRemote: true });
  });
});

describe('context manager with metadataFormat', () => {
  test('compact writes the compact form and any QueueOtel reads it back', () => {
    const writer = manager('compact').cm;
    const metadata = writer.getMetadata(withSpan(TraceFlags.SAMPLED));
    expect(isCompactMetadata(metadata)).toBe(true);
    for (const reader of [manager('compact').cm, manager('json').cm]) {
      const restored = reader.fromMetadata(ROOT_CONTEXT, metadata);
      expect(trace.getSpanContext(restored)).toMatchObject({ traceId: TRACE, spanId: SPAN, traceFlags: 1, isRemote: true });
    }
  });

  test('json (the default) still writes the W3C carrier, and compact readers read it', () => {
    const metadata = manager('json').cm.getMetadata(withSpan(TraceFlags.NONE));
    expect(metadata).toBe(`{"traceparent":"00-${TRACE}-${SPAN}-00"}`);
    expect(trace.getSpanContext(manager('compact').cm.fromMetadata(ROOT_CONTEXT, metadata))?.traceId).toBe(TRACE);
  });

  test('a context with tracestate falls back to the JSON carrier', () => {
    const state = createTraceState('vendor=value');
    const metadata = manager('compact').cm.getMetadata(withSpan(TraceFlags.SAMPLED, state));
    expect(JSON.parse(metadata)).toEqual({ traceparent: `00-${TRACE}-${SPAN}-01`, tracestate: 'vendor=value' });
  });

  test('bad compact metadata is counted and yields a new root', () => {
    const { cm, reasons } = manager('json');
    const restored = cm.fromMetadata(ROOT_CONTEXT, '"~01notbase64"');
    expect(trace.getSpanContext(restored)).toBeUndefined();
    expect(reasons).toEqual(['extract/invalid_traceparent']);
  });
});
