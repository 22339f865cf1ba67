import { context, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import type { ContextManager, Meter, Telemetry, Tracer } from 'bullmq';
import { PropagationFailureReporter, resolvePropagator } from '../propagation';
import type { JobLifecycleObserver } from './attempt-report';
import { installBullmqHooks, HOOK_STATE } from './bullmq-hooks';
import type { HookState } from './bullmq-hooks';
import { hookErrorReporter } from './hook-errors';
import { OtelBullmqContextManager } from './context-manager';
import type { DeferredSpan } from './deferred-span';
import { OtelBullmqTracer } from './bullmq-tracer';
import { propagationLookup, sdkDisabledByEnv } from './options';
import type { QueueOtelOptions } from './options';
import { TracerCore } from './tracer-core';
import { PACKAGE_VERSION } from '../version';
import { QueueMetrics } from '../exemplars/queue-metrics';
import { activeSampledSpanIds, metricsObserver } from '../exemplars/lifecycle-observer';
import { TracingHealthMetrics } from '../health';
import type { QueueEvents } from 'bullmq';
import { QueueEventsObserver } from '../observer/queue-events-observer';
import type { ObserverHost } from '../observer/queue-events-observer';
import type { ObserverOptions } from '../observer/options';
import { installProcessedMarker, MARK_PROCESSED } from '../observer/processed-marker';
import { attributePolicy } from './attribute-policy';
import { MessagingAttributes } from '../vocabulary';

/**
 * OpenTelemetry tracing for BullMQ, passed as the `telemetry` option of `Queue`, `Worker` and
 * `FlowProducer` (job schedulers use their queue's).
 *
 * @example
 * const telemetry = new QueueOtel({ propagation: { '*': 'child', reports: 'link' } });
 * const queue = new Queue('emails', { connection, telemetry });
 * const worker = new Worker('emails', sendEmail, { connection, telemetry });
 */
export class QueueOtel implements Telemetry<Context> {
  /** BullMQ's tracer interface, backed by the configured OpenTelemetry tracer provider. */
  readonly tracer: Tracer<Context>;
  /** BullMQ's context manager interface, backed by OpenTelemetry's context API and propagator. */
  readonly contextManager: ContextManager<Context>;
  /** BullMQ's meter interface; set when metrics are configured. */
  meter?: Meter;
  /** Counts of unusable or unwritable trace metadata since start, keyed `direction/reason`. */
  readonly propagationFailures: PropagationFailureReporter;
  /** The Prometheus metrics, when the `metrics` option is set. */
  readonly metrics: QueueMetrics | undefined;
  /** Health metrics of the tracing itself, when metrics or `healthMetrics` are set. */
  readonly healthMetrics: TracingHealthMetrics | undefined;

  private readonly core: TracerCore;
  private readonly observers: JobLifecycleObserver[] = [];
  private enabledFlag: boolean;
  private readonly [HOOK_STATE]: HookState;
  private readonly [MARK_PROCESSED]: boolean;
  private readonly observerHost: ObserverHost;

  constructor(options: QueueOtelOptions = {}) {
    const log = options.logger ?? ((message: string) => console.warn(message));
    this.enabledFlag = options.enabled ?? !sdkDisabledByEnv();
    const enabled = (): boolean => this.enabledFlag;
    this.metrics = resolveMetrics(options.metrics);
    this.healthMetrics = options.healthMetrics ?? (this.metrics ? new TracingHealthMetrics({ registry: this.metrics.registry }) : undefined);
    const health = this.healthMetrics;
    if (this.metrics) {
      this.meter = this.metrics.meter;
      this.observers.push(metricsObserver(this.metrics));
    }
    if (health && options.sampler) options.sampler.onRateChange((queue, rate) => health.setSamplingRatio(queue, rate));
    // QueueOtel's own failures inside BullMQ's calls: reported at most once a minute, never thrown.
    const hookFailed = hookErrorReporter(log);
    this.propagationFailures = new PropagationFailureReporter(log, 60_000, (direction, reason) => {
      health?.propagationFailure(direction, reason);
      options.onPropagationFailure?.(direction, reason);
    });
    // One policy for every span QueueOtel starts: the tracer core's and the QueueEvents observers'.
    const policy = attributePolicy(options.sanitize);
    this.core = new TracerCore({
      tracerProvider: options.tracerProvider ? () => options.tracerProvider! : () => trace.getTracerProvider(),
      tracerName: options.tracerName ?? 'queue-otel',
      tracerVersion: PACKAGE_VERSION,
      propagationFor: propagationLookup(options.propagation),
      queueWaitSpan: options.queueWaitSpan ?? true,
      policy,
      observers: this.observers,
      ...(health ? { onSpanStart: (component: string, operation: string) => health.spanCreated(component, operation) } : {}),
      ...(health && options.sampler
        ? { onQueueSeen: (queue: string) => health.setSamplingRatio(queue, options.sampler!.rateFor({ [MessagingAttributes.destinationName]: queue })) }
        : {}),
      hookFailed,
    });
    const unsampledJobs = options.unsampledJobs ?? 'propagate';
    if (unsampledJobs !== 'propagate' && unsampledJobs !== 'lean') {
      throw new TypeError(`queue-otel: unsampledJobs must be 'propagate' or 'lean', got ${JSON.stringify(unsampledJobs)}`);
    }
    const reportsOutcomes = (): boolean => this.observers.length > 0;
    this.tracer = new OtelBullmqTracer(this.core, options.internalSpans ?? false, enabled, unsampledJobs, reportsOutcomes);
    this.contextManager = new OtelBullmqContextManager(
      resolvePropagator(options.propagator), this.propagationFailures, enabled, options.metadataFormat ?? 'json', unsampledJobs, hookFailed,
    );
    const core = this.core;
    const contextManager = this.contextManager;
    const failures = this.propagationFailures;
    this[HOOK_STATE] = {
      owns: (span: DeferredSpan) => span.core === core,
      tenantPath: options.tenantPath ? options.tenantPath.split('.') : undefined,
      metadataOf: () => contextManager.getMetadata(context.active()),
      tracing: enabled,
      needsStartingJob: unsampledJobs === 'lean',
      badMetadata: () => failures.report('extract', 'not_a_string'),
      hookFailed,
    };
    installBullmqHooks(log);
    this[MARK_PROCESSED] = options.markProcessedJobs ?? false;
    if (this[MARK_PROCESSED]) installProcessedMarker();
    const propagator = resolvePropagator(options.propagator);
    this.observerHost = {
      tracer: () => core.otelTracer(), propagator, propagationFor: propagationLookup(options.propagation),
      queueWaitSpan: options.queueWaitSpan ?? true, metrics: this.metrics, log, enabled, policy,
    };
  }

  /**
   * Records what a queue's events reveal beyond in-process tracing: stalled jobs, and jobs processed by
   * workers without QueueOtel (see docs/observer.md). Close the returned observer before the QueueEvents.
   * @example const observer = otel.observe(new QueueEvents('emails', { connection }));
   */
  observe(queueEvents: QueueEvents, options?: ObserverOptions): QueueEventsObserver {
    return new QueueEventsObserver(queueEvents, this.observerHost, options);
  }

  /** Whether spans are being created. */
  get enabled(): boolean {
    return this.enabledFlag;
  }

  /** Turns tracing on or off at run time, without restarting queues or workers. */
  setEnabled(enabled: boolean): void {
    this.enabledFlag = enabled;
  }

  /**
   * Starts refreshing the `bullmq_queue_jobs` gauge for a queue (no-op without metrics); returns a
   * function that stops it.
   */
  trackQueue(queue: { name: string; getJobCounts(): Promise<Record<string, number>> }): () => void {
    return this.metrics ? this.metrics.trackQueue(queue) : () => undefined;
  }

  /** Stops metric timers. Spans are flushed by the tracer provider, not here. */
  async close(): Promise<void> {
    await this.metrics?.close();
  }

  /** Registers an observer of job lifecycle reports (used by the metrics module). */
  addObserver(observer: JobLifecycleObserver): void {
    this.observers.push(observer);
  }
}

function resolveMetrics(option: QueueOtelOptions['metrics']): QueueMetrics | undefined {
  if (!option) return undefined;
  if (option instanceof QueueMetrics) return option;
  return new QueueMetrics({ activeSpanIds: activeSampledSpanIds, ...(option === true ? {} : option) });
}
