import { randomBytes } from 'node:crypto';
import { LIGHT_ROOT } from '../context';
import { trace, TraceFlags } from '../otel-api';
import type { Context } from '@opentelemetry/api';

/**
 * The trace metadata of a job whose producer decided not to sample it, written with
 * `unsampledJobs: 'lean'`: just the decision, one character.
 *
 * A W3C `traceparent` for an unsampled job carries ids nobody will ever look up; the only thing a
 * worker needs from it is "not sampled", so that it does not start a trace of its own. `0` (the
 * sampled flag's value) says exactly that in 9 bytes of the job hash (`,"tm":"0"`) instead of 85,
 * which keeps a small job's hash in Redis' listpack encoding.
 *
 * It is valid JSON on purpose: readers that only know the JSON carrier (bullmq-otel, older QueueOtel)
 * parse it without throwing, find no `traceparent` and start a new trace.
 */
export const UNSAMPLED_METADATA = '0';

/** Whether job metadata (of any type) is the "not sampled" marker. */
export function isUnsampledMetadata(metadata: unknown): boolean {
  return metadata === UNSAMPLED_METADATA;
}

/**
 * A remote parent that is not sampled, with fresh ids: what a worker that propagates full context
 * (`unsampledJobs: 'propagate'`) or an observer hangs a marker job's spans on, so that a parent-based
 * sampler keeps the producer's decision and the handler's own spans follow it too.
 */
export function unsampledRemoteContext(): Context {
  const ids = randomBytes(24).toString('hex');
  return trace.setSpanContext(LIGHT_ROOT, {
    traceId: ids.slice(0, 32),
    spanId: ids.slice(32),
    traceFlags: TraceFlags.NONE,
    isRemote: true,
  });
}
