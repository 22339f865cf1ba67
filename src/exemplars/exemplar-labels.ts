/**
 * Exemplar labels linking one observation to the span that produced it. Exemplars are the only place a
 * trace id may appear: they are stored next to a sample, never as a label that creates a series.
 */

/** The exemplar label set attached to observations of sampled jobs. */
export interface ExemplarLabels {
  /** 32 lower-case hex characters (W3C trace id). */
  trace_id: string;
  /** 16 lower-case hex characters (W3C span id). */
  span_id: string;
}

/** Names of the exemplar labels, for prom-client's type parameter. */
export type ExemplarLabelName = keyof ExemplarLabels;

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;

/**
 * OpenMetrics limits an exemplar's label set (names and values together) to 128 UTF-8 characters;
 * prom-client throws beyond it. Ours is 8 + 32 + 7 + 16 = 63.
 */
export const MAX_EXEMPLAR_LABEL_CHARS = 128;

/**
 * Builds exemplar labels from a span's ids, or returns `undefined` when there must be no exemplar: ids
 * missing (the job was not sampled), malformed, or all zeros (W3C's invalid ids). Upper-case hex is
 * accepted and lower-cased, as trace backends index lower-case ids.
 * @example
 * exemplarLabelsFor('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7')
 * // { trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' }
 * exemplarLabelsFor(undefined, undefined) // undefined
 */
export function exemplarLabelsFor(traceId: string | undefined, spanId: string | undefined): ExemplarLabels | undefined {
  if (typeof traceId !== 'string' || typeof spanId !== 'string') return undefined;
  const trace = traceId.toLowerCase();
  const span = spanId.toLowerCase();
  if (!TRACE_ID.test(trace) || !SPAN_ID.test(span)) return undefined;
  if (ALL_ZERO.test(trace) || ALL_ZERO.test(span)) return undefined;
  return { trace_id: trace, span_id: span };
}
