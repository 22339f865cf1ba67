import { propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { B3Propagator } from '@opentelemetry/propagator-b3';
import { decodeMetadata, MAX_METADATA_LENGTH, PropagationFailureReporter } from '../../src/propagation';
import { metadataOfCarrier } from '../../src/propagation/injected-metadata';
import { OtelBullmqContextManager } from '../../src/telemetry/context-manager';
import type { MetadataFormat } from '../../src/telemetry/options';

/** Fields of job metadata besides `traceparent`/`tracestate` (baggage, B3's): read back within bounds, written so a trace survives. */
const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const ids = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
const withBaggage = new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] });
const active = (base: Context = ROOT_CONTEXT): Context => trace.setSpanContext(base, { ...ids, isRemote: false });
const bagged = (entries: Record<string, string>): Context =>
  propagation.setBaggage(active(), propagation.createBaggage(Object.fromEntries(Object.entries(entries).map(([k, value]) => [k, { value }]))));

function manager(propagator: TextMapPropagator, format: MetadataFormat = 'json') {
  const reasons: string[] = [];
  const failures = new PropagationFailureReporter(() => undefined, 60_000, (direction, reason) => reasons.push(`${direction}/${reason}`));
  return { cm: new OtelBullmqContextManager(() => propagator, failures, () => true, format), reasons };
}

describe('decodeMetadata with fields besides traceparent', () => {
  test('passes string fields on, leaves the canonical carrier as it was', () => {
    const decoded = decodeMetadata(JSON.stringify({ traceparent: TRACEPARENT, baggage: 'a=1', 'x-b3-flags': '1' }));
    expect(decoded).toEqual({ ok: true, carrier: { traceparent: TRACEPARENT, baggage: 'a=1', 'x-b3-flags': '1' } });
    expect(decodeMetadata(JSON.stringify({ traceparent: TRACEPARENT }))).toEqual({ ok: true, carrier: { traceparent: TRACEPARENT } });
  });

  test('drops values that are not strings, past 32 fields or past 8192 characters, and says why', () => {
    const notString = decodeMetadata(JSON.stringify({ traceparent: TRACEPARENT, baggage: 5, other: null, kept: 'k' }));
    expect(notString).toEqual({ ok: true, carrier: { traceparent: TRACEPARENT, kept: 'k' }, dropped: 'not_a_string' });
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}`, 'v']));
    const tooMany = decodeMetadata(JSON.stringify({ traceparent: TRACEPARENT, ...many }));
    expect(tooMany.ok && Object.keys(tooMany.carrier)).toHaveLength(33);
    expect(tooMany.ok && tooMany.dropped).toBe('too_long');
    const big = decodeMetadata(JSON.stringify({ traceparent: TRACEPARENT, a: 'x'.repeat(5000), b: 'y'.repeat(5000), c: 'z' }));
    expect(big).toEqual({ ok: true, carrier: { traceparent: TRACEPARENT, a: 'x'.repeat(5000), c: 'z' }, dropped: 'too_long' });
  });

  test('a __proto__ key or a polluted Object.prototype adds nothing to the carrier', () => {
    const decoded = decodeMetadata(`{"traceparent":"${TRACEPARENT}","__proto__":"x","baggage":"a=1"}`);
    expect(decoded.ok && Object.getPrototypeOf(decoded.carrier)).toBe(Object.prototype);
    expect(decoded.ok && Object.keys(decoded.carrier)).toEqual(['traceparent', 'baggage']);
    const proto = Object.prototype as Record<string, unknown>;
    proto.polluted = 'yes';
    try {
      const again = decodeMetadata(`{"traceparent":"${TRACEPARENT}","baggage":"a=1"}`);
      expect(again.ok && Object.keys(again.carrier)).toEqual(['traceparent', 'baggage']);
    } finally {
      delete proto.polluted;
    }
  });

  test('metadata over the limit is not parsed', () => {
    expect(MAX_METADATA_LENGTH).toBe(10_240);
    expect(decodeMetadata(JSON.stringify({ traceparent: TRACEPARENT, baggage: 'a='.padEnd(MAX_METADATA_LENGTH, 'b') }))).toEqual({
      ok: false,
      reason: 'too_long',
    });
  });
});

describe('writing metadata for fields besides traceparent', () => {
  test('a baggage of the W3C limit goes into the job and comes back out whole', () => {
    const { cm, reasons } = manager(withBaggage);
    const metadata = cm.getMetadata(bagged({ a: 'x'.repeat(4000), b: 'y'.repeat(4000) }));
    expect(metadata.length).toBeLessThanOrEqual(MAX_METADATA_LENGTH);
    const restored = manager(withBaggage).cm.fromMetadata(ROOT_CONTEXT, metadata);
    expect(propagation.getBaggage(restored)?.getEntry('b')?.value).toBe('y'.repeat(4000));
    expect(trace.getSpanContext(restored)?.spanId).toBe(ids.spanId);
    expect(reasons).toEqual([]);
  });

  test('fields that would make the metadata too long for workers are left out, the trace context kept', () => {
    const huge: TextMapPropagator = {
      inject: (ctx, carrier: Record<string, string>) => {
        withBaggage.inject(ctx, carrier, { set: (c, k, v) => ((c as Record<string, string>)[k] = v) });
        carrier['x-huge'] = 'h'.repeat(MAX_METADATA_LENGTH);
      },
      extract: (ctx) => ctx,
      fields: () => ['traceparent', 'tracestate', 'baggage', 'x-huge'],
    };
    const { cm, reasons } = manager(huge);
    expect(JSON.parse(cm.getMetadata(bagged({ tenant: 'acme' })))).toEqual({ traceparent: `00-${ids.traceId}-${ids.spanId}-01` });
    expect(reasons).toEqual(['inject/too_long']);
  });

  test('what the reader would drop is not written: more than 32 fields, or a baggage past 8192 characters beside B3 fields', () => {
    const spanContext = { ...ids, isRemote: false };
    const traceparent = `00-${ids.traceId}-${ids.spanId}-01`;
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, i) => [`uberctx-k${i}`, 'v']));
    expect(metadataOfCarrier({ traceparent, ...many }, spanContext)).toEqual({ metadata: JSON.stringify({ traceparent }), failure: 'too_long' });
    const written = metadataOfCarrier({ b3: 'x', baggage: 'k='.padEnd(8200, 'v') }, spanContext);
    expect(written.failure).toBe('too_long');
    expect(JSON.parse(written.metadata)).toEqual({ traceparent, b3: 'x' });
    expect(decodeMetadata(written.metadata)).toEqual({ ok: true, carrier: { traceparent, b3: 'x' } });
  });

  test('a propagator without traceparent (B3) gets the span context\'s beside its fields; one writing nothing gets none', () => {
    const spanContext = { ...ids, isRemote: false };
    expect(JSON.parse(metadataOfCarrier({ b3: 'x' }, spanContext).metadata)).toEqual({ traceparent: `00-${ids.traceId}-${ids.spanId}-01`, b3: 'x' });
    expect(metadataOfCarrier({}, spanContext)).toEqual({ metadata: '', failure: 'missing_traceparent' });
    expect(metadataOfCarrier({ b3: 'x' }, { ...spanContext, traceId: 'A'.repeat(32) })).toEqual({ metadata: '', failure: 'invalid_traceparent' });
    const { cm, reasons } = manager(new B3Propagator());
    const restored = manager(new B3Propagator()).cm.fromMetadata(ROOT_CONTEXT, cm.getMetadata(active()));
    expect(trace.getSpanContext(restored)).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId, isRemote: true });
    expect(reasons).toEqual([]);
  });

  test('the compact format falls back to JSON for baggage and for propagators other than W3C', () => {
    expect(manager(withBaggage, 'compact').cm.getMetadata(active())).toMatch(/^"~/);
    expect(JSON.parse(manager(withBaggage, 'compact').cm.getMetadata(bagged({ tenant: 'acme' })))).toEqual({
      traceparent: `00-${ids.traceId}-${ids.spanId}-01`,
      baggage: 'tenant=acme',
    });
    expect(JSON.parse(manager(new B3Propagator(), 'compact').cm.getMetadata(active()))).toEqual({
      traceparent: `00-${ids.traceId}-${ids.spanId}-01`,
      b3: `${ids.traceId}-${ids.spanId}-1`,
    });
  });
});
