import { createContextKey, INVALID_SPAN_CONTEXT } from '../otel-api';
import type { SpanContext } from '@opentelemetry/api';
import { LIGHT_ROOT } from '../context';
import { UNSAMPLED_METADATA } from '../propagation/unsampled-metadata';

/**
 * The metadata string a job arrived with. Retries keep writing it back into the job instead of the
 * failed attempt's context, so every attempt of a job hangs off the producer rather than off the
 * previous attempt (no ever-deepening chains).
 */
export const ORIGINAL_METADATA_KEY = createContextKey('queue-otel.original-metadata');

/** Marks a context created for an attempt-settling operation (retry, delay, fail, complete). */
export const SETTLE_CONTEXT_KEY = createContextKey('queue-otel.settle');

/**
 * Marks the context restored from a job whose producer did not sample it (`"0"` metadata) in a worker
 * with `unsampledJobs: 'lean'`: the job is processed without a trace context.
 */
export const UNSAMPLED_JOB_KEY = createContextKey('queue-otel.unsampled-job');

/**
 * What a `lean` worker runs an unsampled job in: no span, only the mark (and the metadata, so that
 * retries keep it). One shared context: creating nothing per job is the point.
 */
export const UNSAMPLED_JOB_CONTEXT = LIGHT_ROOT.setValue(UNSAMPLED_JOB_KEY, true).setValue(ORIGINAL_METADATA_KEY, UNSAMPLED_METADATA);

/**
 * The span context of the spans QueueOtel starts that never record (`untraced`, see tracer-core.ts): invalid ids like
 * the API's `INVALID_SPAN_CONTEXT`, but an object of its own, so that writing metadata tells it (nothing to write, on
 * purpose) from an invalid context some other code put into the context (an inject failure, counted).
 */
export const UNTRACED_CONTEXT: SpanContext = Object.freeze({ ...INVALID_SPAN_CONTEXT });
