import { context, trace } from '@opentelemetry/api';
import type { Attributes, Context, Exception } from '@opentelemetry/api';
import type { ContextManager, Meter, Telemetry, Tracer } from 'bullmq';
import { PropagationFailureReporter, resolvePropagator } from '../propagation';
import type { JobLifecycleObserver } from './attempt-report';
import { BullmqPayloadAttributes } from './attributes';
import { installBullmqHooks, HOOK_STATE } from './bullmq-hooks';
import type { HookState } from './bullmq-hooks';
import { OtelBullmqContextManager } from './context-manager';
import type { DeferredSpan } from './deferred-span';
import { OtelBullmqTracer } from './bullmq-tracer';
import { propagationLookup, sdkDisabledByEnv } from './options';
import type { QueueOtelOptions } from './options';
import { TracerCore } from './tracer-core';
import { PACKAGE_VERSION } from '../version';

const PAYLOAD_KEYS = new Set<string>(BullmqPayloadAttributes);

/** Until a sanitizer is configured: payload-bearing attributes become their size, nothing else changes. */
function dropPayloads(attributes: Attributes): Attributes {
  let out: Attributes | undefined;
  for (const key in attributes) {
    if (!PAYLOAD_KEYS.has(key)) continue;
    out ??= { ...attributes };
    const value = attributes[key];
    delete out[key];
    out[`${key}.size`] = typeof value === 'string' ? Buffer.byteLength(value) : 0;
  }
  return out ?? attributes;
}

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

  private readonly core: TracerCore;
  private readonly observers: JobLifecycleObserver[] = [];
  private enabledFlag: boolean;
  private readonly [HOOK_STATE]: HookState;

  constructor(options: QueueOtelOptions = {}) {
    const log = options.logger ?? ((message: string) => console.warn(message));
    this.enabledFlag = options.enabled ?? !sdkDisabledByEnv();
    const enabled = (): boolean => this.enabledFlag;
    this.propagationFailures = new PropagationFailureReporter(log, 60_000, options.onPropagationFailure);
    this.core = new TracerCore({
      tracerProvider: options.tracerProvider ? () => options.tracerProvider! : () => trace.getTracerProvider(),
      tracerName: options.tracerName ?? 'queue-otel',
      tracerVersion: PACKAGE_VERSION,
      propagationFor: propagationLookup(options.propagation),
      queueWaitSpan: options.queueWaitSpan ?? true,
      filterAttributes: dropPayloads,
      filterException: (exception: Exception) => exception,
      filterText: (text: string) => text,
      observers: this.observers,
    });
    this.tracer = new OtelBullmqTracer(this.core, options.internalSpans ?? false, enabled);
    this.contextManager = new OtelBullmqContextManager(resolvePropagator(options.propagator), this.propagationFailures, enabled);
    const core = this.core;
    const contextManager = this.contextManager;
    this[HOOK_STATE] = {
      owns: (span: DeferredSpan) => span.core === core,
      tenantPath: options.tenantPath ? options.tenantPath.split('.') : undefined,
      metadataOf: () => contextManager.getMetadata(context.active()),
    };
    installBullmqHooks(log);
  }

  /** Whether spans are being created. */
  get enabled(): boolean {
    return this.enabledFlag;
  }

  /** Turns tracing on or off at run time, without restarting queues or workers. */
  setEnabled(enabled: boolean): void {
    this.enabledFlag = enabled;
  }

  /** Registers an observer of job lifecycle reports (used by the metrics module). */
  addObserver(observer: JobLifecycleObserver): void {
    this.observers.push(observer);
  }
}
