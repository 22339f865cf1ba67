import type { TextMapPropagator, TracerProvider } from '@opentelemetry/api';
import type { WarningLogger } from '../propagation';
import type { SanitizeOptions, Sanitizer } from '../sanitize';
import type { PropagationMode } from '../vocabulary';
import type { MetricsObserver } from './telemetry-observer';

/**
 * How trace context is written into `job.opts.telemetry.metadata`.
 * - `json`: the W3C carrier `{"traceparent":"00-…"}` every BullMQ telemetry port reads.
 * - `compact`: 37 characters (`"~<flags><base64url ids>"`), small enough that a small job's hash stays in
 *   Redis' compact listpack encoding. Read by QueueOtel workers of this version and later only; others
 *   (bullmq-otel, older QueueOtel) start a new trace for such jobs. See docs/performance.md.
 */
export type MetadataFormat = 'json' | 'compact';

/**
 * What an unsampled job carries and how a worker runs it.
 * - `propagate`: OpenTelemetry's usual behaviour. The job carries a full `traceparent` (flags `00`) and
 *   its handler runs inside the unsampled context, so spans the handler starts follow the decision.
 * - `lean`: the producer writes only the decision (`"0"`, 1 character) and the worker runs the handler
 *   outside any trace context, so an unsampled job costs almost what an untraced one does. Spans the
 *   handler starts itself begin new traces, decided by the tracer provider's sampler. Sampled jobs are
 *   traced exactly as with `propagate`. See docs/performance.md.
 */
export type UnsampledJobs = 'propagate' | 'lean';

/** Options of {@link QueueOtel}. Every field is optional; the defaults suit production. */
export interface QueueOtelOptions {
  /**
   * Tracer provider to create spans with.
   * @default the globally registered provider (`trace.getTracerProvider()`), looked up lazily
   */
  tracerProvider?: TracerProvider;
  /**
   * Propagator for `job.opts.telemetry.metadata`.
   * @default the global propagator, or W3C trace context when none is registered
   */
  propagator?: TextMapPropagator;
  /**
   * Switches tracing off: no spans are created and jobs get no trace metadata.
   * @default true, unless `OTEL_SDK_DISABLED=true`
   */
  enabled?: boolean;
  /**
   * Relation of process spans to producer spans, for all queues or per queue name (`'*'` is the
   * fallback key in the per-queue form).
   * @default 'child'
   * @example { '*': 'child', reports: 'link' }
   */
  propagation?: PropagationMode | Record<string, PropagationMode>;
  /**
   * Record BullMQ's INTERNAL spans (complete, fail, retry, lock renewal, stalled checks ...).
   * Background ones always start their own traces.
   * @default false
   */
  internalSpans?: boolean;
  /**
   * A dot path into job data whose value becomes `bullmq.job.tenant` (strings and numbers only).
   * @example 'account.id'
   */
  tenantPath?: string;
  /**
   * Add a `wait {queue}` span covering the time a job spent queued, beside the process span.
   * @default true
   */
  queueWaitSpan?: boolean;
  /**
   * Where QueueOtel's occasional warnings go (bad metadata, failed hooks).
   * @default console.warn
   */
  logger?: WarningLogger;
  /**
   * Metrics of what QueueOtel sees, e.g. `new QueueMetrics({ sampler })` from `queue-otel/metrics` (Prometheus, with
   * trace exemplars and the health of the tracing itself). Any {@link MetricsObserver}: it hears every span, send,
   * attempt and propagation failure, and its `meter`, if it has one, becomes BullMQ's `meter`. More observers:
   * `otel.addObserver()`.
   */
  metrics?: MetricsObserver;
  /**
   * The attribute policy applied to everything QueueOtel and BullMQ put on spans, events, exception
   * messages and stacks: allowlist, blocklist, PII detectors, length limit, payloads reduced to size and
   * hash. Pass a {@link Sanitizer} of your own to apply other rules, or `false` to record values unchanged.
   * @default the process-wide `defaultSanitizer()`, with the safe defaults (see docs/security.md)
   */
  sanitize?: SanitizeOptions | Sanitizer | false;
  /**
   * Workers write the attempt number into the job hash (field `qoa`, one HSET per attempt) so that a
   * QueueEvents observer in another process knows QueueOtel traced it and does not record it again.
   * Observers in the same process need no marker. See docs/observer.md.
   * @default false
   */
  markProcessedJobs?: boolean;
  /**
   * Format of the trace metadata written into jobs. Workers always read both formats.
   * @default 'json'
   */
  metadataFormat?: MetadataFormat;
  /**
   * What an unsampled job carries, and whether its handler runs inside its (unsampled) trace context.
   * `'lean'`: only the decision (`"0"`), and the handler runs outside any trace context, so spans it starts
   * itself begin new traces decided by the app's sampler; `'propagate'`: the full unsampled context, which
   * the handler's own spans follow, at a cost on every unsampled job. Workers read `"0"` in either mode.
   * @default 'lean'
   */
  unsampledJobs?: UnsampledJobs;
  /**
   * Record `messaging.message.body.size` (bytes of the job's data as stored in Redis) on sampled process spans. The
   * conventions make it opt-in; measuring a small job's data serialises it again.
   * @default false
   */
  messageBodySize?: boolean;
  /**
   * Give each job of a `Queue.addBulk` a `create {queue}` span of its own, its creation context (the process span's
   * parent), to which the batch's `addBulk` span (then CLIENT) links, as the conventions recommend for batches. Costs
   * a span per job; without it every job of a batch continues the `addBulk` span.
   * @default false
   */
  createSpans?: boolean;
  /** Instrumentation scope name. @default QUEUE_OTEL_SCOPE_NAME ('queue-otel') */
  tracerName?: string;
}

/** Reads the boolean `OTEL_SDK_DISABLED` the way the OpenTelemetry SDKs do. */
export function sdkDisabledByEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return (env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true';
}

/** The values of `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`: a comma-separated list, as the semantic conventions define it. */
function exceptionSignalValues(env: NodeJS.ProcessEnv): string[] {
  return (env.OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN ?? '').split(',').map((value) => value.trim().toLowerCase());
}

/**
 * Whether exceptions are recorded as span events, from `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`: `logs` asks for logs
 * only, so no span events; `logs/dup` for both, so the events stay (and win over `logs`); anything else, or nothing,
 * keeps the events. QueueOtel keeps them under `logs` too when it cannot emit log records (see exception-logs.ts).
 */
export function exceptionEventsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const values = exceptionSignalValues(env);
  return values.includes('logs/dup') || !values.includes('logs');
}

/** Whether exceptions are emitted as log records, from `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`: under `logs` and `logs/dup`. */
export function exceptionLogsFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  const values = exceptionSignalValues(env);
  return values.includes('logs') || values.includes('logs/dup');
}

/** Builds the per-queue propagation lookup. */
export function propagationLookup(option: QueueOtelOptions['propagation']): (queue: string) => PropagationMode {
  if (option === undefined) return () => 'child';
  if (typeof option === 'string') return () => option;
  const fallback = option['*'] ?? 'child';
  // Own keys only: a queue named `constructor` must get the fallback, not a member of Object.prototype.
  return (queue) => (Object.hasOwn(option, queue) ? option[queue] : undefined) ?? fallback;
}
