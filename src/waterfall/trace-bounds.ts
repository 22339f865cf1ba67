import type { TraceSpan } from '../traces/span-model';

/**
 * The earliest start and the latest end of `spans`, in µs; 0 and 0 for none. A loop, not `Math.min(...spans)`:
 * spreading an array passes every element as an argument, and a trace of some 130,000 spans (an untrusted backend
 * may send any number) overflows the call stack.
 */
export function traceBounds(spans: readonly Pick<TraceSpan, 'startUs' | 'endUs'>[]): { startUs: number; endUs: number } {
  if (spans.length === 0) return { startUs: 0, endUs: 0 };
  let startUs = Infinity;
  let endUs = -Infinity;
  for (const span of spans) {
    if (span.startUs < startUs) startUs = span.startUs;
    if (span.endUs > endUs) endUs = span.endUs;
  }
  return { startUs, endUs };
}
