/**
 * Groups an export batch by trace and precomputes what the store script needs per trace, so one script
 * call writes a whole trace's share of the batch. A trace's spans past `maxSpansPerTrace` in one batch are not
 * encoded nor sent (the script could not store them anyway), nor is a span whose record is longer than
 * `MAX_SPAN_RECORD_LENGTH` (no reader would accept it): they are only counted as dropped, and still count in the
 * trace's summary (times, root name, error flag) and job list.
 */
import type { StoredSpan } from './stored-span';
import { MAX_SPAN_RECORD_LENGTH, encodeSpan } from './span-codec';
import { jobField, jobRefOf } from './job-ref';
import type { JobRef } from './job-ref';

/** One trace's share of an export batch. */
export interface TraceWrite {
  traceId: string;
  /** Encoded spans in batch order: the first `maxSpansPerTrace` of the trace's spans in the batch. */
  spans: string[];
  /** The trace's spans in the batch past `maxSpansPerTrace` or too long to store: not sent, counted as dropped. */
  notSent: number;
  minStartUs: number;
  maxEndUs: number;
  /** Name of the root span when the batch holds it (the earliest root, if several). */
  rootName?: string;
  error: boolean;
  /** Jobs the spans refer to, keyed by {@link jobField}; value is the job name or ''. */
  jobs: Map<string, string>;
  /** The same jobs as refs, for the job-to-trace keys. */
  jobRefs: JobRef[];
}

/**
 * Groups `spans` by trace id, keeping the order in which traces first appear; encodes at most `maxSpansPerTrace`
 * spans of each trace (the script keeps at most that many of a trace across batches).
 */
export function planWrites(spans: readonly StoredSpan[], maxSpansPerTrace: number): TraceWrite[] {
  const byTrace = new Map<string, TraceWrite & { rootStartUs: number }>();
  for (const span of spans) {
    let write = byTrace.get(span.traceId);
    if (!write) {
      write = {
        traceId: span.traceId, spans: [], notSent: 0, minStartUs: span.startUs, maxEndUs: span.endUs,
        error: false, jobs: new Map(), jobRefs: [], rootStartUs: Number.POSITIVE_INFINITY,
      };
      byTrace.set(span.traceId, write);
    }
    const record = write.spans.length < maxSpansPerTrace ? encodeSpan(span) : undefined;
    // A record past the readers' bound would be skipped by every read: dropped here, and counted.
    if (record !== undefined && record.length <= MAX_SPAN_RECORD_LENGTH) write.spans.push(record);
    else write.notSent += 1;
    write.minStartUs = Math.min(write.minStartUs, span.startUs);
    write.maxEndUs = Math.max(write.maxEndUs, span.endUs);
    if (span.status === 'error') write.error = true;
    if (span.parentSpanId === undefined && span.startUs < write.rootStartUs) {
      write.rootName = span.name;
      write.rootStartUs = span.startUs;
    }
    const job = jobRefOf(span.attributes);
    if (!job) continue;
    const field = jobField(job.queue, job.jobId);
    const known = write.jobs.get(field);
    if (known === undefined) write.jobRefs.push(job);
    if (!known) write.jobs.set(field, job.name ?? '');
  }
  return [...byTrace.values()].map(({ rootStartUs: _root, ...write }) => write);
}
