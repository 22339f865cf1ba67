import { checkQueueOtelOptions } from './check-options';
import { context, trace } from '../otel-api';
import type { Context } from '@opentelemetry/api';
import type { ContextManager, Meter, Telemetry, Tracer } from 'bullmq';
import { hookErrorReporter } from '../hooks';
import { contextFromMetadata, PropagationFailureReporter, resolvePropagator } from '../propagation';
import { QUEUE_OTEL_SCOPE_NAME } from '../vocabulary';
import { PACKAGE_VERSION } from '../version';
import { attributePolicy } from './attribute-policy';
import { OtelBullmqTracer } from './bullmq-tracer';
import { OtelBullmqContextManager } from './context-manager';
import type { DeferredSpan } from './deferred-span';
import { HOOK_STATE } from './hook-state';
import type { HookState } from './hook-state';
import { OBSERVATION_HOST } from './observation-host';
import type { ObservationHost } from './observation-host';
import { ObserverSet } from './observer-set';
import { createMessageSpans } from './create-spans';
import { exceptionLog, UNSANITIZED_EXCEPTION_LOGS } from './exception-logs';
import { exceptionEventsFromEnv, exceptionLogsFromEnv, propagationLookup, sdkDisabledByEnv } from './options';
import type { QueueOtelOptions } from './options';
import { startPolicySpan } from './policy-span';
import type { TelemetryObserver } from './telemetry-observer';
import { TracerCore } from './tracer-core';
import { listenToBullmq } from './worker-listener';

/**
 * OpenTelemetry tracing for BullMQ, passed as the `telemetry` option of `Queue`, `Worker` and
 * `FlowProducer` (job schedulers use their queue's). It depends on `@opentelemetry/api` only: spans go to the
 * application's tracer provider, and add-ons (metrics, the QueueEvents observer) attach to it from their own
 * entry points.
 *
 * @example
 * const metrics = new QueueMetrics({ sampler });            // queue-otel/metrics, optional
 * const telemetry = new QueueOtel({ metrics, propagation: { '*': 'child', reports: 'link' } });
 * const queue = new Queue('emails', { connection, telemetry });
 * const worker = new Worker('emails', sendEmail, { connection, telemetry });
 */
export class QueueOtel implements Telemetry<Context> {
  /** BullMQ's tracer interface, backed by the configured OpenTelemetry tracer provider. */
  readonly tracer: Tracer<Context>;
  /** BullMQ's context manager interface, backed by OpenTelemetry's context API and propagator. */
  readonly contextManager: ContextManager<Context>;
  /** BullMQ's meter interface: the `meter` of the `metrics` option, if it has one. */
  readonly meter?: Meter;
  /** Counts of unusable or unwritable trace metadata since start, keyed `direction/reason`. */
  readonly propagationFailures: PropagationFailureReporter;

  private enabledFlag: boolean;
  private readonly observers: ObserverSet;
  private readonly [HOOK_STATE]: HookState;
  private readonly [OBSERVATION_HOST]: ObservationHost;

  constructor(options: QueueOtelOptions = {}) {
    checkQueueOtelOptions(options);
    const log = options.logger ?? ((message: string) => console.warn(message));
    this.enabledFlag = options.enabled ?? !sdkDisabledByEnv();
    const enabled = (): boolean => this.enabledFlag;
    // QueueOtel's own failures inside BullMQ's calls (and its observers'): reported at most once a minute, never thrown.
    const hookFailed = hookErrorReporter(log);
    // One policy for every span QueueOtel starts: the tracer core's and the QueueEvents observers'. Its sanitizer
    // also goes to every observer, so metric labels hide what span names hide.
    const policy = attributePolicy(options.sanitize);
    const observers = new ObserverSet(hookFailed, policy.sanitizer);
    this.observers = observers;
    if (options.metrics !== undefined) {
      // `metrics: true` and metrics options were the API before add-ons moved out: say so rather than record nothing.
      if (options.metrics === null || typeof options.metrics !== 'object') {
        throw new TypeError('queue-otel: metrics takes a QueueMetrics (queue-otel/metrics) or another TelemetryObserver; `metrics: true` is gone (docs/migration.md)');
      }
      observers.add(options.metrics);
      if (options.metrics.meter) this.meter = options.metrics.meter;
    }
    const failures = new PropagationFailureReporter(log, 60_000, (direction, reason) => observers.propagationFailure(direction, reason));
    this.propagationFailures = failures;
    const propagationFor = propagationLookup(options.propagation);
    const queueWaitSpan = options.queueWaitSpan ?? true;
    // Read once: the variable describes the deployment, not one job. The Logs API is loaded only when it asks for logs.
    const scopeName = options.tracerName ?? QUEUE_OTEL_SCOPE_NAME;
    const exceptions = exceptionLogsFromEnv() ? exceptionLog(scopeName, PACKAGE_VERSION, log, hookFailed) : undefined;
    // SanitizingSpanProcessor/-Exporter clean the spans of a QueueOtel that does not sanitize, but log records pass no
    // span processor: the records' exception messages and stacks would leave raw without anyone being told.
    if (exceptions !== undefined && !policy.sanitizes) log(UNSANITIZED_EXCEPTION_LOGS);
    // Without the Logs API the span events stay, so that no exception is lost.
    const exceptionEvents = exceptionEventsFromEnv() || exceptions === undefined;
    const core = new TracerCore({
      tracerProvider: options.tracerProvider ? () => options.tracerProvider! : () => trace.getTracerProvider(),
      tracerName: scopeName,
      tracerVersion: PACKAGE_VERSION,
      propagationFor,
      queueWaitSpan,
      policy,
      observers,
      hookFailed,
      exceptionEvents,
      exceptionLog: exceptions,
    });
    const unsampledJobs = options.unsampledJobs ?? 'lean';
    this.tracer = new OtelBullmqTracer(core, options.internalSpans ?? false, enabled, unsampledJobs, () => observers.hears('onAttemptEnd'));
    const propagator = resolvePropagator(options.propagator);
    const contextManager = new OtelBullmqContextManager(propagator, failures, enabled, options.metadataFormat ?? 'json', unsampledJobs, hookFailed);
    this.contextManager = contextManager;
    const markProcessedJobs = options.markProcessedJobs ?? false;
    this[HOOK_STATE] = {
      owns: (span: DeferredSpan) => span.core === core,
      tenantPath: options.tenantPath ? options.tenantPath.split('.') : undefined,
      metadataOf: () => contextManager.getMetadata(context.active()),
      tracing: enabled,
      needsStartingJob: unsampledJobs === 'lean',
      markProcessedJobs,
      messageBodySize: options.messageBodySize ?? false,
      createSpans: options.createSpans
        ? (queue, jobs) =>
            createMessageSpans(
              { core, startSpan: (request, parent) => core.startOwnSpan(request, parent), metadataOf: (ctx) => contextManager.getMetadata(ctx) },
              queue,
              jobs,
            )
        : undefined,
      badMetadata: () => failures.report('extract', 'not_a_string'),
      hookFailed,
    };
    this[OBSERVATION_HOST] = {
      startSpan: (request, parent, own) => startPolicySpan(core.otelTracer(), own ?? policy, request, parent),
      extract: (metadata) => contextFromMetadata(metadata, propagator()),
      propagationFor,
      queueWaitSpan,
      enabled,
      logger: log,
      reportAttempt: (report) => observers.attemptEnd(report),
      markProcessedJobs,
      exceptionEvents,
      logException: exceptions
        ? (type, span, attributes, own, time) => exceptions.emit(type, span, (own ?? policy).filterAttributes(attributes), time)
        : undefined,
    };
    listenToBullmq(log);
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
   * Adds an observer of what QueueOtel sees (spans started, jobs sent, attempts ended, propagation failures, queues
   * seen), beside the `metrics` option's; e.g. a `TracingHealthMetrics` of its own. Adding one twice changes nothing.
   */
  addObserver(observer: TelemetryObserver): void {
    this.observers.add(observer);
  }

  /**
   * Removes an observer added with {@link addObserver} or the `metrics` option; returns whether it was there. A
   * QueueOtel shared by a whole service keeps what it was given: remove an observer that is done (closed metrics).
   */
  removeObserver(observer: TelemetryObserver): boolean {
    return this.observers.remove(observer);
  }
}
