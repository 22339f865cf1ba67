import { context, ROOT_CONTEXT, trace, TraceFlags } from '../otel-api';
import { isValidSpanContext, LIGHT_ROOT } from '../context';
import type { Context, SpanContext } from '@opentelemetry/api';
import type { Span as BullmqSpan, SpanOptions as BullmqSpanOptions, Tracer as BullmqTracer } from 'bullmq';
import { now } from './clock';
import { SETTLE_CONTEXT_KEY, UNSAMPLED_JOB_CONTEXT, UNSAMPLED_JOB_KEY } from './context-keys';
import { DeferredSpan } from './deferred-span';
import { countFlowJob, isFlowSend } from './flow-jobs';
import { CreationContexts } from './create-spans';
import { FLOW_NODE_OPERATION, isJobScoped, jobNameInDestination, parseSpanName, settleOutcome, spanNameOf } from './operations';
import type { SpanName } from './operations';
import { serverAddressOf } from './server-address';
import type { UnsampledJobs } from './options';
import { isSchedulerIteration } from './job-facts';
import { bulkNote, startingJob, takeTracedSpanName, tracedInstance, tracingNextIteration } from '../hooks';
import type { TracerCore } from './tracer-core';
import { UNSEEN_UNSAMPLED_SEND, UnsampledSend } from './unsampled-send';
import { UNSEEN_UNSAMPLED_ROOT } from './zero-rate-sends';

const INTERNAL = 0;
const PRODUCER = 3;
const CONSUMER = 4;

/** A flow send's creation links: none at its start (see noteBatchSend), yet it is a CLIENT span. */
const NO_CREATION_LINKS: readonly SpanContext[] = Object.freeze([]);

/**
 * A span that records nothing and only shapes the context BullMQ runs the operation in. Used for
 * INTERNAL operations when those spans are off, and for everything when tracing is disabled.
 */
class ContextOnlySpan implements BullmqSpan<Context> {
  constructor(private readonly shape: (ctx: Context) => Context) {}
  setSpanOnContext(ctx: Context): Context {
    return this.shape(ctx);
  }
  setAttribute(): void {}
  setAttributes(): void {}
  addEvent(): void {}
  recordException(): void {}
  end(): void {}
}

const identity = (ctx: Context): Context => ctx;
const detached = (): Context => LIGHT_ROOT;
/** The settle mark on an empty context, made once: an untraced job settles outside any trace, once per attempt. */
const SETTLED_ROOT = LIGHT_ROOT.setValue(SETTLE_CONTEXT_KEY, true);
const settle = (ctx: Context): Context => (ctx === ROOT_CONTEXT || ctx === LIGHT_ROOT ? SETTLED_ROOT : ctx.setValue(SETTLE_CONTEXT_KEY, true));

/**
 * Shared span that leaves the context as it is: for everything when tracing is disabled (creating nothing
 * per call is the point), and for job-scoped INTERNAL operations when those spans are off.
 */
export const PASS_THROUGH_SPAN: BullmqSpan<Context> = new ContextOnlySpan(identity);
const DETACHED_SPAN = new ContextOnlySpan(detached);
const SETTLE_SPAN = new ContextOnlySpan(settle);
/** An untraced job's process span when nothing consumes attempt outcomes: nothing to record or report. */
const UNTRACED_JOB_SPAN = new ContextOnlySpan(() => UNSAMPLED_JOB_CONTEXT);


/** BullMQ's `Tracer`, backed by OpenTelemetry through {@link TracerCore}. */
export class OtelBullmqTracer implements BullmqTracer<Context> {
  constructor(
    private readonly core: TracerCore,
    private readonly internalSpans: boolean,
    private readonly enabled: () => boolean,
    private readonly unsampledJobs: UnsampledJobs = 'lean',
    /** Whether anything (metrics, observers) consumes attempt outcomes, which untraced jobs still report. */
    private readonly reportsOutcomes: () => boolean = () => true,
  ) {}

  /**
   * Never throws into BullMQ, which calls this outside any error handling of its own: if QueueOtel's work
   * fails, the operation runs with a span that records nothing and leaves its context as it is.
   */
  startSpan(name: string, options?: BullmqSpanOptions, ctx?: Context): BullmqSpan<Context> {
    const text = typeof name === 'string' ? name : '';
    // Taken before anything else, even when disabled: the parked parts belong to this span and to no later one.
    const parked = takeTracedSpanName(text, spanNameOf);
    if (!this.enabled()) return PASS_THROUGH_SPAN;
    try {
      return this.spanFor(parked ?? parseSpanName(text), options, ctx);
    } catch (error) {
      this.core.hookFailed('Tracer.startSpan', error);
      return PASS_THROUGH_SPAN;
    }
  }

  private spanFor(name: SpanName, options: BullmqSpanOptions | undefined, ctx: Context | undefined): BullmqSpan<Context> {
    const kind = options?.kind ?? INTERNAL;
    const { operation, destination } = name;
    if (kind === INTERNAL) return this.internalSpan(operation, destination, ctx);
    // A process span without metadata is a new root: never a child of whatever the worker's
    // ambient context happens to be (its start-up, a lock renewal ...).
    const parent = ctx ?? (kind === CONSUMER ? LIGHT_ROOT : context.active());
    const untraced = kind === CONSUMER && operation === 'process' && this.runsUntraced(parent, destination);
    if (untraced && !this.reportsOutcomes()) return UNTRACED_JOB_SPAN;
    if (kind === PRODUCER) {
      // A Worker adding a job scheduler's next iteration: an internal send, measured (metrics) but never recorded.
      if (tracingNextIteration()) return new DeferredSpan(this.core, operation, destination, kind, parent, now(), true);
      const send = this.zeroRateSend(operation, destination, parent);
      if (send) return send;
    }
    const span = new DeferredSpan(this.core, operation, destination, kind, parent, now(), untraced);
    if (!untraced) span.server = serverAddressOf(tracedInstance());
    // A plain `add` (the common send) needs none of this: one comparison, as before flows were told apart.
    if (kind === PRODUCER && operation !== 'add') this.noteBatchSend(span, operation);
    return span;
  }

  /** What a producer span other than `add` needs: the create spans of its jobs, or its place in a flow. */
  private noteBatchSend(span: DeferredSpan, operation: string): void {
    if (operation === 'addBulk') {
      const note = bulkNote();
      if (note instanceof CreationContexts && note.core === this.core) span.creationLinks = note.contexts;
    } else if (operation === FLOW_NODE_OPERATION) {
      // The active span, not `parent`: a node with metadata of its own has that as its parent, yet runs in the send.
      countFlowJob(span, trace.getSpan(context.active()));
    } else if (isFlowSend(operation)) {
      // Its jobs' creation contexts are its addNode spans, which start after it: nothing to link to at its start.
      span.creationLinks = NO_CREATION_LINKS;
    }
  }

  /**
   * A send sampled out before it began (see zero-rate-sends.ts), or undefined for the full path. The queue is the
   * name of the Queue BullMQ is tracing for (parked by the hooks), the job name the rest of an `add`'s destination:
   * what BullMQ then sets as the span's queue and job name. A batch whose jobs get create spans keeps the full path.
   */
  private zeroRateSend(operation: string, destination: string, parent: Context): UnsampledSend | undefined {
    if (operation !== 'add' && operation !== 'addBulk') return undefined;
    // Whether any send may be decided here at all, before anything about this one is read.
    const host = this.core.zeroRateHost();
    if (host === undefined) return undefined;
    const queue = (tracedInstance() as { name?: unknown } | undefined)?.name;
    if (typeof queue !== 'string' || queue === '') return undefined;
    let jobName: string | undefined;
    if (operation === 'add') {
      jobName = jobNameInDestination(destination, queue);
      if (jobName === undefined) return undefined;
    } else if (destination !== queue || bulkNote() !== undefined) {
      return undefined;
    }
    const lean = this.unsampledJobs === 'lean';
    const real = this.core.startZeroRateSend(host, operation, queue, jobName, parent, lean);
    if (real === undefined) return undefined;
    return real === UNSEEN_UNSAMPLED_ROOT ? UNSEEN_UNSAMPLED_SEND : new UnsampledSend(real);
  }

  /**
   * Whether a `lean` worker processes the job outside any trace context: its producer decided not to
   * sample it (`"0"` metadata, or a valid unsampled parent), the queue continues producers' traces (with
   * propagation `none` the worker decides afresh) and the job is not an iteration of a job scheduler.
   */
  private runsUntraced(parent: Context, queue: string): boolean {
    if (this.unsampledJobs !== 'lean') return false;
    if (parent.getValue(UNSAMPLED_JOB_KEY) !== true) {
      const remote = trace.getSpanContext(parent);
      if (!remote || !isValidSpanContext(remote) || (remote.traceFlags & TraceFlags.SAMPLED) !== 0) return false;
    }
    // Iterations of a job scheduler all carry the upsert's decision, but each is sampled on its own.
    const job = startingJob();
    if (job && isSchedulerIteration(job)) return false;
    return this.core.propagationFor(queue) !== 'none';
  }

  private internalSpan(operation: string, destination: string, ctx: Context | undefined): BullmqSpan<Context> {
    const jobScoped = isJobScoped(operation);
    const outcome = settleOutcome(operation);
    if (outcome) {
      // The settle operation runs inside the process span's context: tell that span how it ended.
      const processSpan = trace.getSpan(context.active());
      if (processSpan instanceof DeferredSpan && processSpan.isProcess && processSpan.core === this.core) {
        processSpan.outcome = outcome;
      }
    }
    if (!this.internalSpans) {
      if (outcome) return SETTLE_SPAN;
      return jobScoped ? PASS_THROUGH_SPAN : DETACHED_SPAN;
    }
    // In a `lean` worker, job work with no span around it belongs to an untraced (unsampled) job, or to
    // no job at all: it is not recorded, rather than starting a trace of its own.
    if (jobScoped && this.unsampledJobs === 'lean' && !trace.getSpan(ctx ?? context.active())) return outcome ? SETTLE_SPAN : PASS_THROUGH_SPAN;
    // Background operations (lock renewal, stalled checks, close ...) start their own traces.
    const parent = jobScoped ? (ctx ?? context.active()) : LIGHT_ROOT;
    const span = new DeferredSpan(this.core, operation, destination, INTERNAL, parent, now());
    // Settle spans are CLIENT calls to the broker: they name it, as producer and consumer spans do.
    if (outcome) span.server = serverAddressOf(tracedInstance());
    if (jobScoped && !outcome) return span;
    return new ShapedSpan(span, (c) => {
      const base = span.setSpanOnContext(jobScoped ? c : LIGHT_ROOT);
      return outcome ? settle(base) : base;
    });
  }
}

/** A recording span whose context is shaped: detached for background work, marked for settling. */
class ShapedSpan implements BullmqSpan<Context> {
  constructor(
    private readonly span: DeferredSpan,
    private readonly shape: (ctx: Context) => Context,
  ) {}
  setSpanOnContext(ctx: Context): Context {
    return this.shape(ctx);
  }
  setAttribute(key: string, value: Parameters<DeferredSpan['setAttribute']>[1]): void {
    this.span.setAttribute(key, value);
  }
  setAttributes(attributes: Parameters<DeferredSpan['setAttributes']>[0]): void {
    this.span.setAttributes(attributes);
  }
  addEvent(name: string, attributes?: Parameters<DeferredSpan['setAttributes']>[0]): void {
    this.span.addEvent(name, attributes);
  }
  recordException(exception: Parameters<DeferredSpan['recordException']>[0]): void {
    this.span.recordException(exception);
  }
  end(): void {
    this.span.end();
  }
}
