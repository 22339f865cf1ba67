/**
 * Key layout of the span store. Every key of one trace carries the trace id as its hash tag, so a trace's
 * keys share one cluster slot; the global indexes share the prefix as their tag, so they share another.
 */

/** Key names for one prefix; see docs/span-store.md for what each key holds. */
export interface StoreKeys {
  /** List of the trace's spans, compact JSON, in arrival order. */
  spans(traceId: string): string;
  /** Hash summarising the trace: root name, start, end, counts, error flag, forwarded count. */
  meta(traceId: string): string;
  /** Hash of the trace's jobs: field `JSON [queue, jobId]`, value job name. */
  jobs(traceId: string): string;
  /** Set of trace ids seen on one job. */
  jobTraces(queue: string, jobId: string): string;
  /** Sorted set of trace ids scored by last write time (ms); drives listing, expiry and the global cap. */
  traces(): string;
  /** Sorted set of trace ids holding spans not yet forwarded, scored by a write sequence number. */
  pending(): string;
  /** Counter that gives every pending write a strictly increasing sequence number. */
  sequence(): string;
}

/** The default key prefix. */
export const DEFAULT_KEY_PREFIX = 'qo';

/**
 * Builds the key names for `prefix`.
 *
 * Queue names and job ids are used verbatim: BullMQ forbids `:` in both, so `queue:jobId` is unambiguous.
 *
 * @example storeKeys('qo').spans('4bf92f3577b34da6a3ce929d0e0e4736') // 'qo:t:{4bf92f…4736}:s'
 */
export function storeKeys(prefix: string = DEFAULT_KEY_PREFIX): StoreKeys {
  const trace = (traceId: string, suffix: string): string => `${prefix}:t:{${traceId}}:${suffix}`;
  const global = (suffix: string): string => `${prefix}:{${prefix}}:${suffix}`;
  return {
    spans: (traceId) => trace(traceId, 's'),
    meta: (traceId) => trace(traceId, 'm'),
    jobs: (traceId) => trace(traceId, 'j'),
    jobTraces: (queue, jobId) => `${prefix}:j:{${queue}:${jobId}}`,
    traces: () => global('traces'),
    pending: () => global('pending'),
    sequence: () => global('seq'),
  };
}

/** True for a lower-case 32-hex-digit trace id that is not all zeros (W3C's invalid id). */
export function isTraceId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value) && !/^0+$/.test(value);
}
