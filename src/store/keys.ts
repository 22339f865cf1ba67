/**
 * Key layout of the span store. Every key of one trace carries the trace id as its hash tag, so a trace's
 * keys share one cluster slot; the global indexes (traces, pending, job index) share the prefix as their tag,
 * so they share another. No key name holds a queue name or job id: jobs are indexed by {@link jobDigest}.
 */
import { createHash } from 'node:crypto';

/** Key names for one prefix; see docs/span-store.md for what each key holds, its TTL and its cap. */
export interface StoreKeys {
  /** List of the trace's spans, compact JSON, in arrival order. */
  spans(traceId: string): string;
  /** Hash summarising the trace: root name, start, end, counts, error flag, forwarded count. */
  meta(traceId: string): string;
  /** Hash of the trace's jobs: field `JSON [queue, jobId]`, value job name. */
  jobs(traceId: string): string;
  /** Hash of the job index: field a job's {@link jobDigest}, value its latest trace ids (32 hex digits each, oldest first). */
  jobTraces(): string;
  /** Sorted set of job digests scored by the last write naming the job (ms): expiry and cap of the job index. */
  jobTimes(): string;
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
 * Why `prefix` cannot be a key prefix, or undefined when it can. The layout relies on Redis Cluster hash tags (the
 * text between a key's first `{` and the next `}`): a brace in the prefix moves the tag into the prefix, so `{qo}`
 * would put every key of every trace in one slot (one node holds the whole store) and `{}` (an empty tag, which
 * Redis ignores) would spread one trace's keys over several slots (every write fails with CROSSSLOT). An empty
 * prefix makes the global keys' tag `{}` too. Anything else works: Redis keys are binary-safe, so spaces or `:`
 * are allowed (the key names are only ever passed whole, never matched as a pattern).
 */
export function keyPrefixProblem(prefix: unknown): string | undefined {
  if (typeof prefix !== 'string') return 'must be a string';
  if (prefix === '') return 'must not be empty';
  if (/[{}]/.test(prefix)) return 'must not contain "{" or "}" (they would change the keys\' cluster hash tags)';
  return undefined;
}

/**
 * Builds the key names for `prefix`. Throws a TypeError for a prefix that cannot work ({@link keyPrefixProblem}).
 *
 * @example storeKeys('qo').spans('4bf92f3577b34da6a3ce929d0e0e4736') // 'qo:t:{4bf92f…4736}:s'
 */
export function storeKeys(prefix: string = DEFAULT_KEY_PREFIX): StoreKeys {
  const problem = keyPrefixProblem(prefix);
  if (problem) throw new TypeError(`queue-otel: storeKeys: the key prefix ${problem}, got ${JSON.stringify(prefix) ?? String(prefix)}`);
  const trace = (traceId: string, suffix: string): string => `${prefix}:t:{${traceId}}:${suffix}`;
  const global = (suffix: string): string => `${prefix}:{${prefix}}:${suffix}`;
  return {
    spans: (traceId) => trace(traceId, 's'),
    meta: (traceId) => trace(traceId, 'm'),
    jobs: (traceId) => trace(traceId, 'j'),
    jobTraces: () => global('job-traces'),
    jobTimes: () => global('job-times'),
    traces: () => global('traces'),
    pending: () => global('pending'),
    sequence: () => global('seq'),
  };
}

/**
 * The name under which the store indexes a job: 22 base64url characters (132 bits) of SHA-256 over
 * `queue NUL jobId`. Queue names and job ids may carry personal data (`user-<e-mail>`), and key names are
 * listed by every `SCAN`/`KEYS`, logged by monitoring and exported by key-space tools, so no key name holds
 * them; a reader that knows the queue and job id computes the same digest. A digest is not encryption:
 * whoever can read Redis and guesses an id can confirm the guess.
 *
 * @example jobDigest('mail', '42') // 22 characters of [A-Za-z0-9_-]
 */
export function jobDigest(queue: string, jobId: string): string {
  return createHash('sha256').update(`${queue}\u0000${jobId}`, 'utf8').digest('base64url').slice(0, 22);
}

/** True for a lower-case 32-hex-digit trace id that is not all zeros (W3C's invalid id). */
export function isTraceId(value: string): boolean {
  return /^[0-9a-f]{32}$/.test(value) && !/^0+$/.test(value);
}
