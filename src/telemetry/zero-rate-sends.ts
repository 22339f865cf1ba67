import { diag, INVALID_SPAN_CONTEXT, trace, TraceFlags } from '../otel-api';
import type { Attributes, Context, Span, SpanContext, Tracer } from '@opentelemetry/api';
import { isValidSpanContext } from '../context';
import { lightSpanHost, NOT_RECORDING_DEBUG } from '../light-span';
import { isTracingSuppressed } from '../propagation/otel-core';
import type { LightSpanHost } from '../light-span';
import { isExactQueueSampler } from '../sampling';
import { BullmqAttributes, MessagingAttributes } from '../vocabulary';
import type { AttributePolicy } from './attribute-policy';

/** Queues, and job names per queue, kept once checked; past this that memory starts again (job names are user data). */
export const MAX_CHECKED_NAMES = 1000;

/** Marks "no job name" in a cache key: no job name is made of this character. */
const NO_JOB_NAME = '\u0001';

/**
 * Sends (`add`, `addBulk`) outside any trace, to a queue and job name that a `QueueSampler` samples at 0.
 *
 * The SDK answers such a span, whatever its trace id, with a non-recording span: its sampler says NOT_RECORD for
 * any trace id at rate 0, and no processor hears of it. Building the sampling attributes, filtering them and
 * handing them to the sampler is then work whose answer is known: about a quarter of what an unsampled job costs
 * end to end (docs/performance.md). When everything that answer rests on is true, the span is made directly, as
 * the SDK makes it: the same ids drawn in the same order (a span id, then a trace id), the same debug line.
 *
 * It rests on: a detected SDK tracer (src/light-span; `QUEUE_OTEL_SDK_FAST_PATH=off` switches this off with it)
 * whose sampler is a QueueSampler itself (not a subclass, which may decide otherwise) and whose span metrics record
 * nothing (they would count the decision); tracing not suppressed; no valid parent span; and the queue and job name
 * passing the attribute policy unchanged, so that the rate looked up is the one the sampler would find in the
 * filtered attributes. Names the policy changes (a redacted queue name) take the full path every time, so their
 * redactions are counted as before. The rate itself is read at every send: `setRate` takes effect at once.
 */
export class ZeroRateSends {
  /** Per queue and job name: the names as the sampler would see them, or null when the policy changes them. */
  private readonly checked = new Map<string, Map<string, Attributes | null>>();

  constructor(private readonly policy: AttributePolicy) {}

  /**
   * The SDK's tracer internals when some send may be decided here (a plain QueueSampler with a rate at 0, span
   * metrics off), else undefined. A few field reads: sends ask it first, before anything about the send is read.
   */
  hostFor(tracer: Tracer): LightSpanHost | undefined {
    const host = lightSpanHost(tracer);
    if (host === undefined || host.metrics !== undefined || !isExactQueueSampler(host.sampler) || !host.sampler.hasZeroRate()) return undefined;
    return host;
  }

  /**
   * Whether the answer of `host`'s sampler to this send is certain to be "not recorded". Anything unexpected leaves
   * the decision to the full path.
   */
  decide(host: LightSpanHost, parent: Context, queue: string, jobName: string | undefined): boolean {
    if (queue === '' || !isExactQueueSampler(host.sampler)) return false;
    const parentSpanContext = trace.getSpan(parent)?.spanContext();
    if (parentSpanContext !== undefined && isValidSpanContext(parentSpanContext)) return false;
    if (isTracingSuppressed(parent)) return false;
    const names = this.namesFor(queue, jobName);
    return names !== null && host.sampler.rateFor(names) <= 0;
  }

  private namesFor(queue: string, jobName: string | undefined): Attributes | null {
    // Nested maps rather than one key built per send: the queue name is the same string every time.
    let byJobName = this.checked.get(queue);
    if (byJobName === undefined) {
      if (this.checked.size >= MAX_CHECKED_NAMES) this.checked.clear();
      byJobName = new Map();
      this.checked.set(queue, byJobName);
    }
    const key = jobName ?? NO_JOB_NAME;
    let names = byJobName.get(key);
    if (names === undefined) {
      names = this.filteredUnchanged(queue, jobName);
      if (byJobName.size >= MAX_CHECKED_NAMES) byJobName.clear();
      byJobName.set(key, names);
    }
    return names;
  }

  /** The two names through the policy; null when it drops or changes either (the full path then counts it). */
  private filteredUnchanged(queue: string, jobName: string | undefined): Attributes | null {
    const raw: Attributes = { [MessagingAttributes.destinationName]: queue };
    if (jobName !== undefined) raw[BullmqAttributes.jobName] = jobName;
    const filtered = this.policy.filterAttributes(raw);
    if (filtered[MessagingAttributes.destinationName] !== queue) return null;
    if (filtered[BullmqAttributes.jobName] !== jobName) return null;
    return filtered;
  }
}

/** What the SDK's tracer returns for a NOT_RECORD root: ids drawn span first, flags none, no trace state. */
export function unsampledRoot(host: LightSpanHost): Span {
  const spanId = host.idGenerator.generateSpanId();
  const traceId = host.idGenerator.generateTraceId();
  diag.debug(NOT_RECORDING_DEBUG);
  // `traceState` is present even when undefined, as in the SDK's span context (which the optional type does not allow).
  return trace.wrapSpanContext({ traceId, spanId, traceFlags: TraceFlags.NONE, traceState: undefined } as unknown as SpanContext);
}

/**
 * The non-recording root of a send whose ids nobody can see (see {@link unsampledRootUnseen}): one for all, as no
 * ids are drawn for it.
 */
export const UNSEEN_UNSAMPLED_ROOT: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * The span for a sampled-out send whose ids nobody can see: its job carries the unsampled mark, not its trace
 * context (`unsampledJobs: 'lean'`), its context is never entered, and no observer hears of its end. Drawing
 * ids for it then changes nothing but the state of the id generator: with the SDK's own random generator none are
 * drawn (the SDK's debug line is still written); any other generator (a deterministic one in tests, one whose ids
 * carry time) sees the draws the SDK would make.
 */
export function unsampledRootUnseen(host: LightSpanHost): Span {
  if (!isSdkRandomIds(host.idGenerator)) return unsampledRoot(host);
  diag.debug(NOT_RECORDING_DEBUG);
  return UNSEEN_UNSAMPLED_ROOT;
}

/**
 * The last generator {@link isSdkRandomIds} examined, with the two functions it had then, and the answer: a send
 * compares three references instead of reading prototypes and function names (runtime calls) every time.
 */
let examined: { ids: object; traceIds: unknown; spanIds: unknown; answer: boolean } | undefined;

/** The SDK's RandomIdGenerator, as it comes: its class, its own `generateId` functions (not replaced). */
function isSdkRandomIds(ids: LightSpanHost['idGenerator']): boolean {
  const traceIds = ids.generateTraceId;
  const spanIds = ids.generateSpanId;
  if (examined !== undefined && examined.ids === ids && examined.traceIds === traceIds && examined.spanIds === spanIds) return examined.answer;
  const answer = examineIds(ids);
  examined = { ids, traceIds, spanIds, answer };
  return answer;
}

function examineIds(ids: LightSpanHost['idGenerator']): boolean {
  const proto: unknown = Object.getPrototypeOf(ids);
  if (proto === null || typeof proto !== 'object' || Object.getPrototypeOf(proto) !== Object.prototype) return false;
  if ((proto as { constructor?: { name?: unknown } }).constructor?.name !== 'RandomIdGenerator') return false;
  return ids.generateTraceId.name === 'generateId' && ids.generateSpanId.name === 'generateId';
}
