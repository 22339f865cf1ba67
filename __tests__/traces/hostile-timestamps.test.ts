/**
 * Timestamps from a backend are untrusted: values outside what the format allows are dropped, so every span that
 * reaches the waterfall has exact, finite microsecond times.
 */
import { parseJaegerLegacy } from '../../src/traces/jaeger-legacy-parser';
import { parseOtlpJson } from '../../src/traces/otlp-json-parser';
import { parseZipkinV2 } from '../../src/traces/zipkin-parser';
import { nanosToMicros, readMicros } from '../../src/traces/time-units';
import { renderWaterfallText } from '../../src/waterfall';
import type { TraceSpan } from '../../src/traces/span-model';
import { TRACE_ID } from './fixture-support';

const HUGE = '9'.repeat(400);
const START_NS = '1700000000000000000';
const START_US = 1_700_000_000_000_000;

function otlp(spans: Record<string, unknown>[]): unknown {
  return { resourceSpans: [{ scopeSpans: [{ spans: spans.map((span) => ({ traceId: TRACE_ID, name: 'job', ...span })) }] }] };
}

function expectDrawable(spans: TraceSpan[]): void {
  for (const span of spans) {
    expect(Number.isSafeInteger(span.startUs)).toBe(true);
    expect(Number.isSafeInteger(span.endUs)).toBe(true);
  }
  expect(renderWaterfallText(spans, { width: 80 })).not.toMatch(/NaN|Infinity|e\+/);
}

describe('timestamp bounds', () => {
  it('reads nanoseconds while the microseconds fit a Number exactly, and nothing beyond', () => {
    expect(nanosToMicros(`${Number.MAX_SAFE_INTEGER}999`)).toBe(Number.MAX_SAFE_INTEGER);
    expect(nanosToMicros(`${Number.MAX_SAFE_INTEGER + 1}000`)).toBeUndefined();
    expect(nanosToMicros('18446744073709551615')).toBeUndefined();
    expect(nanosToMicros(HUGE)).toBeUndefined();
    expect(nanosToMicros(1e300)).toBeUndefined();
    expect(nanosToMicros(START_NS)).toBe(START_US);
  });

  it('reads microseconds only while a Number holds them exactly', () => {
    expect(readMicros(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
    expect(readMicros(String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(readMicros('9007199254740993')).toBeUndefined();
    expect(readMicros(2 ** 60)).toBeUndefined();
    expect(readMicros(1e300)).toBeUndefined();
    expect(readMicros(HUGE)).toBeUndefined();
  });

  it('drops an OTLP span whose start is out of range and ignores an end that is', () => {
    const spans = parseOtlpJson(
      otlp([
        { spanId: '00f067aa0ba902b7', startTimeUnixNano: START_NS, endTimeUnixNano: HUGE },
        { spanId: '00f067aa0ba902b8', parentSpanId: '00f067aa0ba902b7', startTimeUnixNano: HUGE, endTimeUnixNano: HUGE },
        { spanId: '00f067aa0ba902b9', parentSpanId: '00f067aa0ba902b7', startTimeUnixNano: '99999999999999999999999', endTimeUnixNano: '1' },
      ]),
    );
    expect(spans.map((span) => [span.spanId, span.startUs, span.endUs])).toEqual([['00f067aa0ba902b7', START_US, START_US]]);
    expectDrawable(spans);
  });

  it('drops Zipkin and Jaeger spans with an out-of-range start and ignores an out-of-range duration', () => {
    const zipkin = parseZipkinV2([
      { traceId: TRACE_ID, id: '00f067aa0ba902b7', timestamp: START_US, duration: 1e300 },
      { traceId: TRACE_ID, id: '00f067aa0ba902b8', timestamp: HUGE, duration: 5 },
      { traceId: TRACE_ID, id: '00f067aa0ba902b9', timestamp: 1e300 },
    ]);
    expect(zipkin.map((span) => [span.spanId, span.startUs, span.endUs])).toEqual([['00f067aa0ba902b7', START_US, START_US]]);
    expectDrawable(zipkin);
    const jaeger = parseJaegerLegacy({
      data: [
        {
          spans: [
            { traceID: TRACE_ID, spanID: '00f067aa0ba902b7', startTime: START_US, duration: HUGE },
            { traceID: TRACE_ID, spanID: '00f067aa0ba902b8', startTime: 2 ** 70, duration: 1 },
          ],
        },
      ],
    });
    expect(jaeger.map((span) => [span.spanId, span.startUs, span.endUs])).toEqual([['00f067aa0ba902b7', START_US, START_US]]);
    expectDrawable(jaeger);
  });
});
