/** Builds small spans for the waterfall tests; ids are one hex character repeated. */
import type { TraceSpan } from '../../src/traces/span-model';

/** A span `id` (one hex char) under `parent`, from `startUs` to `endUs`. */
export function span(
  id: string,
  parent: string | undefined,
  name: string,
  startUs: number,
  endUs: number,
  status: TraceSpan['status'] = 'unset',
): TraceSpan {
  return {
    traceId: 'a'.repeat(32),
    spanId: id.repeat(16),
    ...(parent ? { parentSpanId: parent.repeat(16) } : {}),
    name,
    kind: 'internal',
    startUs,
    endUs,
    status,
    serviceName: 'svc',
    attributes: {},
    events: [],
    links: [],
  };
}

/** job [0,100] → fetch [10,60] → db [20,31]; job → send [60,100] (error). Input deliberately out of order. */
export const SMALL_TRACE = [
  span('a', undefined, 'job', 0, 100),
  span('c', 'a', 'send', 60, 100, 'error'),
  span('b', 'a', 'fetch', 10, 60),
  span('d', 'b', 'db', 20, 31),
];
