import { SpanKind, trace, TraceFlags } from '../otel-api';
import { UNTRACED_CONTEXT } from './context-keys';
import { LIGHT_ROOT } from '../context';
import type { Attributes, Context, Exception, Link, Span, TimeInput, Tracer, TracerProvider } from '@opentelemetry/api';
import type { AttributePolicy } from './attribute-policy';
import { BullmqAttributes, BullmqNativeAttributes } from '../vocabulary';
import type { PropagationMode } from '../vocabulary';
import type { DeferredSpan } from './deferred-span';
import type { ExceptionLog } from './exception-logs';
import { isSchedulerJobId, waitMsOf } from './job-facts';
import type { JobFacts } from './job-facts';
import { attemptReport, operationReport, sendReports } from './lifecycle-reports';
import { operationTypeOf, spanKindOf } from './operations';
import { startFilteredSpan, startPolicySpan } from './policy-span';
import { now } from './clock';
import type { PolicySpanRequest } from './policy-span';
import type { SpanCore } from './span-core';
import type { SpanComponent } from './telemetry-observer';
import { IGNORE_HOOK_ERRORS } from '../hooks';
import type { HookErrorReporter } from '../hooks';
import type { ObserverSet } from './observer-set';
import { unsampledRoot, unsampledRootUnseen, ZeroRateSends } from './zero-rate-sends';
import { exceptionAttributes } from '../light-span';
import type { LightSpanHost } from '../light-span';
import { jobNameOf, jobSamplingAttributes, samplingAttributes } from './span-attributes';
import { ObjectSink, SpanSink, writeEndAttributes } from './end-attributes';
import { fixedStartAttributes, StartTemplates } from './start-templates';
import type { SpanStart } from './start-templates';
import { recordWaitSpan, waitSpanTemplates } from './wait-span';
import { LightSpan } from '../light-span';

/** Span kinds BullMQ uses, by its numbers (the same as OpenTelemetry's); a Map, so that any other value finds nothing. */
const KIND_BY_NUMBER = new Map<unknown, SpanKind>([
  [0, SpanKind.INTERNAL],
  [1, SpanKind.SERVER],
  [2, SpanKind.CLIENT],
  [3, SpanKind.PRODUCER],
  [4, SpanKind.CONSUMER],
]);

/** Settings the core reads on every span. */
export interface TracerCoreSettings {
  tracerProvider: () => TracerProvider;
  tracerName: string;
  tracerVersion: string;
  propagationFor: (queue: string) => PropagationMode;
  queueWaitSpan: boolean;
  /** The `sanitize` option: every span this core starts goes through it (see startPolicySpan). */
  policy: AttributePolicy;
  /** Told of spans started, queues seen (the first 1000), sends and attempts that ended. */
  observers: ObserverSet;
  /** Told when QueueOtel's own work fails inside a BullMQ call (see src/hooks/hook-errors.ts). */
  hookFailed?: HookErrorReporter;
  /** Whether failures are recorded as exception events (`OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`). @default true */
  exceptionEvents?: boolean;
  /** Where failures go as log records (`OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN`); none when undefined. */
  exceptionLog?: ExceptionLog | undefined;
}

const MAX_SEEN_QUEUES = 1000;
/** The span of an untraced job or send: records nothing, and is never handed to the SDK's sampler. */
const UNTRACED_SPAN = trace.wrapSpanContext(UNTRACED_CONTEXT);

/**
 * Turns BullMQ's sparse span requests into spans that follow the messaging conventions: names
 * `{operation} {queue}`, `messaging.*` attributes present at start, producer/consumer relation per
 * queue, and job facts on process spans.
 */
export class TracerCore implements SpanCore<DeferredSpan> {
  private tracer: Tracer | undefined;
  private provider: TracerProvider | undefined;
  private readonly seenQueues = new Set<string>();
  private readonly zeroRateSends: ZeroRateSends;
  /** Fixed start attributes and names of messaging spans, and of wait spans, per queue (see start-templates.ts). */
  private readonly templates: StartTemplates;
  private readonly waitTemplates: StartTemplates;
  readonly exceptionEvents: boolean;

  constructor(private readonly settings: TracerCoreSettings) {
    this.exceptionEvents = settings.exceptionEvents ?? true;
    this.zeroRateSends = new ZeroRateSends(settings.policy);
    this.templates = new StartTemplates(settings.policy, fixedStartAttributes);
    this.waitTemplates = waitSpanTemplates(settings.policy);
  }

  /** The OpenTelemetry tracer; re-resolved if the global provider changed since the last span. */
  otelTracer(): Tracer {
    const provider = this.settings.tracerProvider();
    if (!this.tracer || provider !== this.provider) {
      this.provider = provider;
      this.tracer = provider.getTracer(this.settings.tracerName, this.settings.tracerVersion);
    }
    return this.tracer;
  }

  /**
   * The SDK's tracer internals when a send may be started before BullMQ set anything on it (see zero-rate-sends.ts),
   * else undefined. Not when an observer listens for sends' ends: their reports are built from a deferred span.
   */
  zeroRateHost(): LightSpanHost | undefined {
    const observers = this.settings.observers;
    if (observers.hears('onSent') || observers.hears('onOperationEnd')) return undefined;
    return this.zeroRateSends.hostFor(this.otelTracer());
  }

  /**
   * The SDK's non-recording span for a send a QueueSampler samples at 0, or undefined when the full path must decide.
   * Observers hear of its start as of any other. `idsUnseen`: the job will carry the unsampled mark, not the span's
   * trace context (see unsampledRootUnseen).
   */
  startZeroRateSend(host: LightSpanHost, operation: string, queue: string, jobName: string | undefined, parent: Context, idsUnseen: boolean): Span | undefined {
    if (!this.zeroRateSends.decide(host, parent, queue, jobName)) return undefined;
    const observers = this.settings.observers;
    this.noteQueue(queue);
    if (observers.hears('onSpanStart')) observers.spanStart('producer', operation);
    return idsUnseen ? unsampledRootUnseen(host) : unsampledRoot(host);
  }

  private noteQueue(queue: string): void {
    const observers = this.settings.observers;
    if (observers.hears('onQueueSeen') && !this.seenQueues.has(queue) && this.seenQueues.size < MAX_SEEN_QUEUES) {
      this.seenQueues.add(queue);
      observers.queueSeen(queue);
    }
  }

  start(span: DeferredSpan): Span {
    const queue = span.queue;
    const observers = this.settings.observers;
    this.noteQueue(queue);
    // The producer already decided (or this is a Worker's add of a scheduler's next iteration): no span is created (or
    // counted), and the sampler is not asked.
    if (span.untraced) return UNTRACED_SPAN;
    const operation = span.operation;
    // The conventions give each operation type its kind (settle spans are CLIENT, though BullMQ asks for INTERNAL);
    // a send whose jobs have create spans of their own is not their creation context, and so is CLIENT.
    const bullmqKind = KIND_BY_NUMBER.get(span.bullmqKind) ?? SpanKind.INTERNAL;
    const kind = span.creationLinks ? SpanKind.CLIENT : spanKindOf(operationTypeOf(operation), bullmqKind);
    if (observers.hears('onSpanStart')) observers.spanStart(componentOf(kind, span), operation);
    // A send that a QueueSampler samples at 0: the SDK's answer is known (see zero-rate-sends.ts).
    const host = span.isWriteOnly && !span.creationLinks ? this.zeroRateSends.hostFor(this.otelTracer()) : undefined;
    if (host && this.zeroRateSends.decide(host, span.parent ?? LIGHT_ROOT, queue, jobNameOf(span, queue))) return unsampledRoot(host);
    // Only what a sampler may look at goes in at start, already through the attribute policy: a job or
    // queue name is user data, and samplers and span processors see start attributes. Everything else
    // (BullMQ's own keys, job facts) is built and filtered only if the span records, when it ends: an
    // unsampled job costs the policy its few start attributes and nothing more.
    const { parent, links } = this.parentFor(span, queue);
    // The fixed part (name, system, operation, destination, server) comes from the queue's template once learnt: only
    // the job's own values are filtered for each span.
    const own = jobSamplingAttributes(span, queue, {});
    const request = this.templates.request(operation, queue, span.server, own, kind, span.startTime, links);
    span.started = { attributes: own, fixed: request.fixed, job: span.job, queue };
    return startFilteredSpan(this.otelTracer(), this.settings.policy, request, parent);
  }

  /**
   * The rest of a recording span's attributes (BullMQ's own keys, their convention twins, the job
   * facts, the attempt's `ending` ones) are set when it ends, each key once, through the attribute policy
   * (`real` applies it): a light span takes them one by one, any other span as one object. While a job runs its
   * span holds only the sampling attributes, which keeps in-flight jobs small, and attributes BullMQ sets several
   * times are filtered once.
   */
  decorate(span: DeferredSpan, real: Span, ending?: Attributes): void {
    const started = span.started;
    const unchanged = started !== undefined && samplingInputsUnchanged(span, started);
    if (unchanged && real instanceof LightSpan) {
      // Each value goes from where it is straight into the span, which applies the policy: no object in between.
      const sink = new SpanSink(real, started.attributes, started.fixed);
      writeEndAttributes(span, sink);
      if (ending) for (const key in ending) sink.derived(key, ending[key]!);
      return;
    }
    // The sampling attributes are built again if what they came from changed: the job (name, attempt, scheduler)
    // may have been attached after the span started. Else they are the start attributes, which are left out below.
    const attributes = unchanged ? {} : samplingAttributes(span, span.queue);
    writeEndAttributes(span, new ObjectSink(attributes));
    if (ending) for (const key in ending) attributes[key] = ending[key];
    // What the span already holds from its start is not filtered (and counted) a second time: such keys are set to
    // `undefined`, which the policy and spans skip without a word. Neither copied (an object per span) nor
    // `delete`d (that turns the object into a slow dictionary for everything that reads it next).
    if (started) blankUnchanged(attributes, started.attributes, started.fixed);
    real.setAttributes(attributes);
  }

  /** Starts one of QueueOtel's own spans (a create span) through the policy, counted like BullMQ's. */
  startOwnSpan(request: PolicySpanRequest, parent: Context): Span {
    const observers = this.settings.observers;
    if (observers.hears('onSpanStart')) observers.spanStart('producer', request.operation);
    return startPolicySpan(this.otelTracer(), this.settings.policy, request, parent);
  }

  /** The propagation mode of a queue. */
  propagationFor(queue: string): PropagationMode {
    return this.settings.propagationFor(queue);
  }

  /** The span's parent and its links; undefined links for none (the span then starts without a `links` option). */
  private parentFor(span: DeferredSpan, queue: string): { parent: Context; links: Link[] | undefined } {
    if (!span.isProcess) {
      const creations = span.creationLinks;
      return { parent: span.parent ?? LIGHT_ROOT, links: creations ? creations.map((context) => ({ context })) : undefined };
    }
    const remote = span.parent ? trace.getSpanContext(span.parent) : undefined;
    if (!span.parent || !remote) return { parent: LIGHT_ROOT, links: undefined };
    const jobId = span.job?.id ?? span.pendingAttributes[BullmqNativeAttributes.jobId];
    const isSchedulerIteration = isSchedulerJobId(jobId);
    // Each iteration of a scheduled job gets its own trace: parenting them all under the scheduler's
    // span would make one trace that grows for as long as the schedule lives.
    const mode = isSchedulerIteration ? 'link' : this.settings.propagationFor(queue);
    // As a child, the span also links to the creation context, as the conventions recommend: tools that follow
    // links find the producer either way.
    if (mode === 'child') return { parent: span.parent, links: [{ context: remote }] };
    // A new root, but the rest of the extracted context (baggage) is kept. An iteration is sampled on its
    // own: a link to an upsert that was not sampled would point at a span no backend has.
    const dangling = isSchedulerIteration && (remote.traceFlags & TraceFlags.SAMPLED) === 0;
    const links = mode === 'link' && !dangling ? [{ context: remote }] : undefined;
    return { parent: trace.deleteSpan(span.parent), links };
  }

  onJobAttached(span: DeferredSpan, facts: JobFacts): void {
    if (facts.stalledAttempts > 0) {
      // The stalled attempt's own span died with its worker; say on this one that it happened.
      span.addEvent('previous attempt stalled', { [BullmqAttributes.stalled]: facts.stalledAttempts });
    }
    const waitMs = waitMsOf(facts);
    if (!this.settings.queueWaitSpan || waitMs === undefined || facts.readyAt === undefined) return;
    const real = span.spanContext();
    if (!(real.traceFlags & TraceFlags.SAMPLED)) return;
    // The wait span sits beside the process span under the same parent, so the waterfall shows the queueing gap and
    // the processing as two bars. When the process span is the root of its trace (link, none, scheduler iterations,
    // no metadata) it is the wait span's parent, though the wait starts first: a root of its own would make the wait a
    // second trace per job (docs/spans.md).
    const parent = span.parent && trace.getSpanContext(span.parent)?.traceId === real.traceId ? span.parent : trace.setSpan(LIGHT_ROOT, span);
    recordWaitSpan(this.otelTracer(), this.settings.policy, this.waitTemplates, { queue: span.queue, facts, readyAt: facts.readyAt, waitMs }, parent);
  }

  onEnd(span: DeferredSpan, real: Span): void {
    const observers = this.settings.observers;
    if (span.isProcess) {
      if (observers.hears('onAttemptEnd')) observers.attemptEnd(attemptReport(span, real));
      return;
    }
    if (observers.hears('onSent')) for (const report of sendReports(span, real)) observers.sent(report);
    if (observers.hears('onOperationEnd')) {
      const report = operationReport(span, real, now());
      if (report) observers.operationEnd(report);
    }
  }

  recordFailure(span: DeferredSpan, real: Span, exception: Exception, time: TimeInput): void {
    if (this.exceptionEvents) real.recordException(exception, time);
    const log = this.settings.exceptionLog;
    if (log === undefined) return;
    // The attributes the span's exception event has: the same policy, the same `exception.type` redaction.
    const attributes = exceptionAttributes(this.settings.policy.filterException(exception));
    if (attributes) log.emit(operationTypeOf(span.operation), real, attributes, time);
  }

  hookFailed(where: string, error: unknown): void {
    (this.settings.hookFailed ?? IGNORE_HOOK_ERRORS)(where, error);
  }
}

/**
 * Whether the span's sampling attributes, built again now, would be the ones it started with. With the same job and
 * queue only the job name can differ, and only when BullMQ's attribute is where it comes from: a send's job name comes
 * from its destination, and BullMQ sets the attribute after the start.
 */
function samplingInputsUnchanged(span: DeferredSpan, started: SpanStart): boolean {
  return started.job === span.job && started.queue === span.queue && jobNameOf(span, started.queue) === started.attributes[BullmqAttributes.jobName];
}

/**
 * Sets to `undefined` the entries of `attributes` whose value is the one the span started with: in `own` or in
 * `fixed`, its own and its fixed start attributes before the policy (the two never share a key).
 */
function blankUnchanged(attributes: Attributes, own: Attributes, fixed: Attributes): void {
  for (const key in attributes) {
    const value = attributes[key];
    if (value === own[key] || value === fixed[key]) attributes[key] = undefined;
  }
}

/** Which side a span is counted for in the health metrics: a CLIENT send (its jobs have create spans) is a producer's. */
function componentOf(kind: SpanKind, span: DeferredSpan): SpanComponent {
  if (kind === SpanKind.CONSUMER) return 'worker';
  return kind === SpanKind.PRODUCER || span.creationLinks !== undefined ? 'producer' : 'internal';
}
