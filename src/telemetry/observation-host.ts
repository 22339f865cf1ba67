import type { Attributes, Context, Span, TimeInput } from '@opentelemetry/api';
import type { WarningLogger } from '../propagation';
import type { PropagationMode } from '../vocabulary';
import type { AttributePolicy } from './attribute-policy';
import type { PolicySpanRequest } from './policy-span';
import type { AttemptReport } from './telemetry-observer';

/** Property under which a QueueOtel exposes its {@link ObservationHost}. */
export const OBSERVATION_HOST = Symbol.for('queue-otel.observation-host');

/**
 * What a QueueOtel lends to code that records spans beside it from outside BullMQ's path (the QueueEvents observer
 * of `queue-otel/observer`): exactly this, never its fields. Spans started here go through QueueOtel's tracer
 * provider and its one attribute policy; attempts reported here reach QueueOtel's observers (its metrics), as
 * attempts of its own workers do.
 */
export interface ObservationHost {
  /**
   * Starts a span through QueueOtel's tracer, its name, attributes and links through `policy` (default: QueueOtel's
   * `sanitize` policy); a recording span applies the policy to whatever is set on it later.
   */
  startSpan(request: PolicySpanRequest, parent: Context, policy?: AttributePolicy): Span;
  /** The producer's context from a job's trace metadata (any format QueueOtel reads), through QueueOtel's propagator. */
  extract(metadata: string): Context | undefined;
  /** The propagation mode of a queue (the `propagation` option). */
  propagationFor(queue: string): PropagationMode;
  /** Whether QueueOtel records `wait {queue}` spans (`queueWaitSpan`). */
  readonly queueWaitSpan: boolean;
  /** Whether QueueOtel is on (`enabled`, `setEnabled()`). */
  enabled(): boolean;
  /** Where QueueOtel's occasional warnings go (`logger`). */
  readonly logger: WarningLogger;
  /** Hands an attempt to QueueOtel's observers (`onAttemptEnd`), as its own workers' attempts are. */
  reportAttempt(report: AttemptReport): void;
  /** Whether its workers write the processed marker into job hashes (`markProcessedJobs`). */
  readonly markProcessedJobs: boolean;
  /** Whether failures are recorded as exception events (`OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`). */
  readonly exceptionEvents: boolean;
  /**
   * Emits a failed processing's `exception.*` `attributes` as a `messaging.process.exception` log record in the
   * context of `span`, through `policy` (default: QueueOtel's), stamped `time` (the observed job's end), as
   * `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN` asks.
   * Undefined when it asks for no logs, when `@opentelemetry/api-logs` is missing, and on a QueueOtel of a copy of
   * queue-otel older than this member.
   */
  readonly logException?: ((type: 'process', span: Span, attributes: Attributes, policy?: AttributePolicy, time?: TimeInput) => void) | undefined;
}

/** The observation host of a QueueOtel (of any copy of queue-otel), or undefined for anything else. */
export function observationHostOf(telemetry: unknown): ObservationHost | undefined {
  if (telemetry === null || typeof telemetry !== 'object') return undefined;
  const host: unknown = (telemetry as { [OBSERVATION_HOST]?: unknown })[OBSERVATION_HOST];
  return host === undefined ? undefined : (host as ObservationHost);
}
