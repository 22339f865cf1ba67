import { createTraceState, defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { CompositePropagator, suppressTracing, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import fc from 'fast-check';
import { PropagationFailureReporter } from '../../src/propagation';
import { fastCanonicalMetadata, fastExtract } from '../../src/propagation/w3c-fast-path';
import { OtelBullmqContextManager } from '../../src/telemetry/context-manager';

const w3c = new W3CTraceContextPropagator();
const withBaggage = new CompositePropagator({ propagators: [w3c, new W3CBaggagePropagator()] });
const hex = (length: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: length, maxLength: length }).filter((s) => /[^0]/.test(s));
const spanContexts = fc.record({ traceId: hex(32), spanId: hex(16), traceFlags: fc.integer({ min: 0, max: 15 }) });

const active = (ids: { traceId: string; spanId: string; traceFlags: number }, base: Context = ROOT_CONTEXT): Context =>
  trace.setSpanContext(base, { ...ids, isRemote: false });

/** What the propagator itself writes, as QueueOtel stores it. */
function viaPropagator(propagator: TextMapPropagator, ctx: Context): string {
  const carrier: Record<string, string> = {};
  propagator.inject(ctx, carrier, defaultTextMapSetter);
  return JSON.stringify(carrier);
}

function manager(propagator: TextMapPropagator) {
  const reasons: string[] = [];
  const failures = new PropagationFailureReporter(() => undefined, 60_000, (direction, reason) => reasons.push(`${direction}/${reason}`));
  return { cm: new OtelBullmqContextManager(() => propagator, failures, () => true), reasons };
}

describe('W3C fast path', () => {
  test('writes exactly what the W3C propagator (alone or with baggage) writes', () => {
    fc.assert(fc.property(spanContexts, (ids) => {
      const ctx = active(ids);
      for (const propagator of [w3c, withBaggage]) {
        const fast = fastCanonicalMetadata(propagator, ctx, trace.getSpanContext(ctx)!);
        expect(fast).toBe(viaPropagator(propagator, ctx));
      }
    }));
  });

  test('restores exactly the span context the W3C propagator extracts', () => {
    fc.assert(fc.property(spanContexts, (ids) => {
      const traceparent = `00-${ids.traceId}-${ids.spanId}-0${ids.traceFlags.toString(16)}`;
      const fast = fastExtract(w3c, ROOT_CONTEXT, { traceparent })!;
      const slow = w3c.extract(ROOT_CONTEXT, { traceparent }, defaultTextMapGetter);
      expect(trace.getSpanContext(fast)).toEqual(trace.getSpanContext(slow));
    }));
  });

  test('steps aside for tracestate, baggage, suppressed tracing, invalid ids and other propagators', () => {
    const ids = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
    const plain = active(ids);
    const stated = trace.setSpanContext(ROOT_CONTEXT, { ...ids, isRemote: false, traceState: createTraceState('k=v') });
    const bagged = propagation.setBaggage(plain, propagation.createBaggage({ tenant: { value: 'a' } }));
    const other: TextMapPropagator = { inject: () => undefined, extract: (c) => c, fields: () => ['traceparent', 'x-custom'] };
    expect(fastCanonicalMetadata(w3c, stated, trace.getSpanContext(stated)!)).toBeUndefined();
    expect(fastCanonicalMetadata(withBaggage, bagged, trace.getSpanContext(bagged)!)).toBeUndefined();
    expect(fastCanonicalMetadata(w3c, suppressTracing(plain), ids as never)).toBeUndefined();
    expect(fastCanonicalMetadata(w3c, plain, { ...ids, traceId: '0'.repeat(32) })).toBeUndefined();
    expect(fastCanonicalMetadata(other, plain, trace.getSpanContext(plain)!)).toBeUndefined();
    const traceparent = `00-${ids.traceId}-${ids.spanId}-01`;
    expect(fastExtract(other, ROOT_CONTEXT, { traceparent })).toBeUndefined();
    expect(fastExtract(w3c, ROOT_CONTEXT, { traceparent, tracestate: 'k=v' })).toBeUndefined();
    expect(fastExtract(w3c, ROOT_CONTEXT, { traceparent: `01-${ids.traceId}-${ids.spanId}-01-extra` })).toBeUndefined();
  });

  test('the context manager still writes tracestate and baggage through the propagator', () => {
    const ids = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
    const stated = trace.setSpanContext(ROOT_CONTEXT, { ...ids, isRemote: false, traceState: createTraceState('k=v') });
    expect(JSON.parse(manager(w3c).cm.getMetadata(stated))).toEqual({
      traceparent: `00-${ids.traceId}-${ids.spanId}-01`,
      tracestate: 'k=v',
    });
    const bagged = propagation.setBaggage(active(ids), propagation.createBaggage({ tenant: { value: 'a' } }));
    expect(JSON.parse(manager(withBaggage).cm.getMetadata(bagged))).toEqual({
      traceparent: `00-${ids.traceId}-${ids.spanId}-01`,
      baggage: 'tenant=a',
    });
  });

  test('a context whose tracing is suppressed writes no metadata and counts no failure; one a propagator skips does', () => {
    const ids = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1 };
    const { cm, reasons } = manager(w3c);
    expect(cm.getMetadata(suppressTracing(active(ids)))).toBe('');
    expect(reasons).toEqual([]);
    // Not suppressed, yet the propagator wrote no traceparent: that is a failure, and counted.
    const silent: TextMapPropagator = { inject: () => undefined, extract: (ctx) => ctx, fields: () => ['traceparent', 'x-custom'] };
    const other = manager(silent);
    expect(other.cm.getMetadata(active(ids))).toBe('');
    expect(other.reasons).toEqual(['inject/missing_traceparent']);
  });

  test('a propagator that is not W3C-only is asked to extract, even for canonical metadata', () => {
    const seen: string[] = [];
    const other: TextMapPropagator = {
      inject: () => undefined,
      extract: (ctx, carrier, getter) => {
        seen.push(String(getter.get(carrier, 'traceparent')));
        return w3c.extract(ctx, carrier, getter);
      },
      fields: () => ['traceparent', 'x-custom'],
    };
    const metadata = '{"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}';
    const { cm, reasons } = manager(other);
    const restored = cm.fromMetadata(ROOT_CONTEXT, metadata);
    expect(seen).toEqual(['00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01']);
    expect(trace.getSpanContext(restored)?.spanId).toBe('00f067aa0ba902b7');
    expect(reasons).toEqual([]);
  });
});
