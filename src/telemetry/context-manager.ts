import { context, defaultTextMapGetter, defaultTextMapSetter, propagation, ROOT_CONTEXT, trace } from '../otel-api';
import { LIGHT_ROOT } from '../context';
import type { Context, SpanContext, TextMapPropagator } from '@opentelemetry/api';
import type { ContextManager as BullmqContextManager } from 'bullmq';
import {
  decodeCompactMetadata, decodeMetadata, encodeCompactMetadata, isCompactMetadata, isUnsampledMetadata,
  UNSAMPLED_METADATA, unsampledRemoteContext,
} from '../propagation';
import type { PropagationFailureReporter } from '../propagation';
import { isTracingSuppressed } from '../propagation/otel-core';
import { metadataOfCarrier } from '../propagation/injected-metadata';
import { fastCanonicalMetadata, fastExtract, speaksOnlyW3c } from '../propagation/w3c-fast-path';
import type { MetadataFormat, UnsampledJobs } from './options';
import { ORIGINAL_METADATA_KEY, SETTLE_CONTEXT_KEY, UNSAMPLED_JOB_CONTEXT, UNTRACED_CONTEXT } from './context-keys';
import { DeferredSpan } from './deferred-span';
import { IGNORE_HOOK_ERRORS, takeOwnAddMetadata } from '../hooks';
import type { HookErrorReporter } from '../hooks';
import { runUntraced } from './untraced-run';
import { UnsampledSend } from './unsampled-send';

/** How `with` runs a callback: as it is, inside the context, or as an untraced job's (its span). */
type Entry = 'run' | 'enter' | DeferredSpan;

/**
 * BullMQ's `ContextManager` over OpenTelemetry's context API: runs code in a context, serialises a
 * context into job metadata and restores it on the worker side.
 */
export class OtelBullmqContextManager implements BullmqContextManager<Context> {
  constructor(
    private readonly propagator: () => TextMapPropagator,
    private readonly failures: PropagationFailureReporter,
    private readonly enabled: () => boolean,
    private readonly format: MetadataFormat = 'json',
    private readonly unsampledJobs: UnsampledJobs = 'lean',
    /** Told when QueueOtel's own work fails inside a BullMQ call; BullMQ then goes on without it. */
    private readonly hookFailed: HookErrorReporter = IGNORE_HOOK_ERRORS,
  ) {}

  /**
   * Runs `fn` in `ctx`, unless entering it would change nothing anyone can observe. With
   * AsyncLocalStorage entering a context is not free, and on Node 20 the first time switches on promise
   * hooks that every promise of the process pays for from then on. It is skipped for:
   * - the context that is already active;
   * - a settle operation's context, which differs from the active one only by a mark that is read from
   *   the context BullMQ passes to `getMetadata`, never from the active one;
   * - an unsampled `add`/`addBulk` (see `DeferredSpan.contextOptional` and unsampled-send.ts);
   * - an unsampled job in a `lean` worker (its shared context, or its span), whose handler runs outside
   *   any trace context.
   *
   * `fn` runs exactly once: if deciding fails, it runs in the active context.
   */
  with<A extends (...args: unknown[]) => unknown>(ctx: Context, fn: A): ReturnType<A> {
    const run = fn as () => ReturnType<A>;
    let entry: Entry;
    try {
      entry = this.entryFor(ctx);
    } catch (error) {
      this.hookFailed('ContextManager.with', error);
      entry = 'run';
    }
    if (entry === 'run') return run();
    if (entry === 'enter') return context.with(ctx, run);
    return runUntraced(entry, run);
  }

  private entryFor(ctx: Context): Entry {
    // An untraced job's context first: it needs no look at the active one (the API's lookup is not free).
    if (ctx === UNSAMPLED_JOB_CONTEXT) return 'run';
    const active = context.active();
    if (ctx === active) return 'run';
    // Two empty contexts (QueueOtel's light one, the API's) are the same context.
    if (ctx === LIGHT_ROOT && active === ROOT_CONTEXT) return 'run';
    const span = trace.getSpan(ctx);
    if (span instanceof DeferredSpan) {
      // An untraced send (a Worker's add of a scheduler's next iteration) only writes its job: nothing to enter.
      if (span.untraced) return span.isProcess ? span : 'run';
      if (span.contextOptional) return 'run';
    } else if (span instanceof UnsampledSend) {
      return 'run';
    }
    if (ctx.getValue(SETTLE_CONTEXT_KEY) === true && span === trace.getSpan(active)) return 'run';
    return 'enter';
  }

  active(): Context {
    return context.active();
  }

  /** An empty context: BullMQ runs its background loops in it so they never join a caller's trace. */
  root(): Context {
    return LIGHT_ROOT;
  }

  /**
   * Serialises `ctx` for `job.opts.telemetry.metadata`. Returns an empty string (BullMQ then stores
   * nothing) when tracing is off, there is no span to continue, or writing it fails.
   */
  getMetadata(ctx: Context): string {
    try {
      return this.metadataOf(ctx);
    } catch (error) {
      this.hookFailed('ContextManager.getMetadata', error);
      return '';
    }
  }

  private metadataOf(ctx: Context): string {
    // A Queue.add given metadata of the application's own keeps it, as it does without a telemetry (own-metadata.ts).
    // Taken first, also when tracing is off ('' lets BullMQ keep it), so that no add nested in this one finds it.
    const own = takeOwnAddMetadata();
    if (!this.enabled()) return '';
    if (own !== undefined) return own;
    // When an attempt is settled for a retry, BullMQ stores this context as the job's new metadata;
    // writing back what the job came with keeps every attempt a child of the producer.
    if (ctx.getValue(SETTLE_CONTEXT_KEY) === true) {
      const original = ctx.getValue(ORIGINAL_METADATA_KEY);
      if (typeof original === 'string') return original;
    }
    if (this.unsampledJobs === 'lean') {
      const span = trace.getSpan(ctx);
      // Only QueueOtel's own spans: a user's span in the context is propagated as it is.
      if (span instanceof DeferredSpan && !span.isRecording()) return span.untraced && !span.isProcess ? '' : UNSAMPLED_METADATA;
      if (span instanceof UnsampledSend) return UNSAMPLED_METADATA;
    }
    const spanContext = trace.getSpanContext(ctx);
    // An untraced send (a Worker's add of a scheduler's next iteration) writes no context: BullMQ then keeps the
    // job's own metadata, and a job without any gets none, rather than a context no backend has.
    if (!spanContext || spanContext === UNTRACED_CONTEXT) return '';
    if (this.format === 'compact' && this.fitsCompact(ctx, spanContext)) {
      // Written from the span context itself.
      const compact = encodeCompactMetadata(spanContext.traceId, spanContext.spanId, spanContext.traceFlags);
      if (compact !== undefined) return compact;
      this.failures.report('inject', 'invalid_traceparent');
      return '';
    }
    const propagator = this.propagator();
    const direct = fastCanonicalMetadata(propagator, ctx, spanContext);
    if (direct !== undefined) return direct;
    // Tracing suppressed on purpose (`suppressTracing`): propagators write nothing then, and that is no failure.
    if (isTracingSuppressed(ctx)) return '';
    const carrier: Record<string, string> = {};
    try {
      propagator.inject(ctx, carrier, defaultTextMapSetter);
    } catch {
      this.failures.report('inject', 'invalid_traceparent');
      return '';
    }
    const written = metadataOfCarrier(carrier, spanContext);
    if (written.failure !== undefined) this.failures.report('inject', written.failure);
    return written.metadata;
  }

  /**
   * Whether the compact form carries all of `ctx`: it has no room for a tracestate, baggage or the fields
   * of a propagator other than W3C's (B3's flags, Jaeger's baggage); those contexts are written as JSON.
   */
  private fitsCompact(ctx: Context, spanContext: SpanContext): boolean {
    if (spanContext.traceState?.serialize() || propagation.getBaggage(ctx) !== undefined) return false;
    return speaksOnlyW3c(this.propagator());
  }

  /**
   * Restores the context stored in a job. Unusable metadata (of any type: it comes from Redis) is
   * counted and yields an empty context, so the job starts a new trace instead of failing; the worker's
   * ambient context is never used as the parent. Never throws.
   */
  fromMetadata(_activeContext: Context, metadata: unknown): Context {
    if (!this.enabled() || metadata === undefined || metadata === '') return LIGHT_ROOT;
    if (typeof metadata !== 'string') {
      this.failures.report('extract', 'not_a_string');
      return LIGHT_ROOT;
    }
    try {
      return this.restore(metadata);
    } catch (error) {
      // Only a propagator that throws gets here: the metadata itself was validated.
      this.hookFailed('ContextManager.fromMetadata', error);
      return LIGHT_ROOT;
    }
  }

  private restore(metadata: string): Context {
    if (isUnsampledMetadata(metadata)) {
      // A `propagate` worker gives the job an unsampled parent so that its handler follows the decision.
      return this.unsampledJobs === 'lean' ? UNSAMPLED_JOB_CONTEXT : unsampledRemoteContext().setValue(ORIGINAL_METADATA_KEY, metadata);
    }
    if (isCompactMetadata(metadata)) return this.fromCompact(metadata);
    const decoded = decodeMetadata(metadata);
    if (!decoded.ok) {
      this.failures.report('extract', decoded.reason);
      return LIGHT_ROOT;
    }
    // Fields left out of a usable carrier (a baggage over the limit): counted, the trace kept.
    if (decoded.dropped !== undefined) this.failures.report('extract', decoded.dropped);
    const propagator = this.propagator();
    const extracted = fastExtract(propagator, LIGHT_ROOT, decoded.carrier) ?? propagator.extract(LIGHT_ROOT, decoded.carrier, defaultTextMapGetter);
    if (!trace.getSpanContext(extracted)) {
      this.failures.report('extract', 'invalid_traceparent');
      return LIGHT_ROOT;
    }
    return extracted.setValue(ORIGINAL_METADATA_KEY, metadata);
  }

  /** Compact metadata holds a W3C span context: it is restored directly, without a propagator. */
  private fromCompact(metadata: string): Context {
    const decoded = decodeCompactMetadata(metadata);
    if (!decoded.ok) {
      this.failures.report('extract', decoded.reason);
      return LIGHT_ROOT;
    }
    const { traceId, spanId, traceFlags } = decoded;
    return trace.setSpanContext(LIGHT_ROOT, { traceId, spanId, traceFlags, isRemote: true }).setValue(ORIGINAL_METADATA_KEY, metadata);
  }
}
