import { context, trace } from '../otel-api';
import { addBullmqHookListener, installBullmqHooks } from '../hooks';
import type { BullmqHookListener, HookedInstance } from '../hooks';
import type { WarningLogger } from '../propagation';
import { MessagingAttributes } from '../vocabulary';
import { DeferredSpan } from './deferred-span';
import { hookStateOf } from './hook-state';
import type { HookState } from './hook-state';
import { readJobFacts } from './job-facts';
import { markProcessed } from './processed-marker';
import { sendMetadataToChild } from './sandbox-metadata';
import { payloadBytesOf, rememberStoredPayload } from './stored-payload';
import { untracedProcessSpan } from './untraced-run';
import { isRecord } from './untrusted-values';

/**
 * What QueueOtel does in BullMQ's wrapped methods (src/hooks), for what its telemetry interface cannot give:
 *
 * - `callProcessJob`: gives the process span the job (attempt, priority, wait time ...); for a sandboxed
 *   processor, hands the child the process span's context in what is sent to the child only
 *   (sandbox-metadata.ts), the job object staying BullMQ's own; writes the processed marker when asked.
 * - `createJob`: notes the size of the data string BullMQ read from Redis, so that the payload size of a traced
 *   job costs no second serialisation of its data.
 * - `handleFailed`: gives the process span the error object the processor threw.
 * - `processJob`: asks for the job to be parked while BullMQ creates its process span, so that a `lean` worker
 *   can tell a job scheduler's iteration (sampled on its own) from other unsampled jobs; counts non-string
 *   metadata that BullMQ never hands to the context manager (`null`, `false`, `0`).
 * - `addNode`: gives flow nodes declared without `opts` an empty `opts`.
 * - `trace`: has the Queue, Worker or JobScheduler parked while BullMQ creates its span (its Redis server).
 * - `addBulk`: gives each job of a batch a create span of its own, when `createSpans` asks for it.
 *
 * It acts only for instances whose telemetry is a QueueOtel. Every argument is untrusted (a job hash may hold
 * anything); a failure is reported to that instance's QueueOtel (rate-limited) and BullMQ goes on without it.
 */

interface Hookable {
  opts?: { telemetry?: unknown };
  telemetry?: unknown;
  childPool?: unknown;
}

function workerState(worker: HookedInstance): HookState | undefined {
  return hookStateOf((worker as Hookable).opts?.telemetry);
}

/** `job.opts.telemetry.metadata`, read the way BullMQ reads it, without trusting any level's type. */
function telemetryOf(job: unknown): Record<string, unknown> | undefined {
  const opts: unknown = isRecord(job) ? job.opts : undefined;
  const telemetry: unknown = isRecord(opts) ? opts.telemetry : undefined;
  return isRecord(telemetry) ? telemetry : undefined;
}

/**
 * Whether a job's falsy, non-string metadata is bad: `null`, `false` or `0` left by another tool would start new traces
 * uncounted (BullMQ passes only truthy metadata on). Not `false` beside a truthy `omitContext` (BullMQ reads it by truthiness), which BullMQ's own
 * `addBulk`, `FlowProducer` and job schedulers write (with any telemetry) for a job whose context the application
 * omitted on purpose. Read only on that unusual path.
 */
function isBadFalsyMetadata(telemetry: Record<string, unknown>): boolean {
  const metadata = telemetry.metadata;
  if (metadata === undefined || typeof metadata === 'string' || metadata) return false;
  return !(metadata === false && Boolean(telemetry.omitContext));
}

function activeProcessSpan(state: HookState): DeferredSpan | undefined {
  // An untraced job's span is not in the context; it is parked for the synchronous call instead.
  const untraced = untracedProcessSpan();
  if (untraced && state.owns(untraced)) return untraced;
  const span = trace.getSpan(context.active());
  return span instanceof DeferredSpan && span.isProcess && state.owns(span) ? span : undefined;
}

/** Gives the process span the job's facts and, when it records and `messageBodySize` asks for it, the body size. */
function describeJob(span: DeferredSpan, job: unknown, state: HookState): void {
  span.attachJob(readJobFacts(job, state.tenantPath), isRecord(job) ? job : undefined);
  if (state.messageBodySize && span.isRecording()) {
    const size = payloadBytesOf(job);
    if (size !== undefined) span.setAttribute(MessagingAttributes.messageBodySize, size);
  }
}

const listener: BullmqHookListener = {
  callProcessJob(worker, job) {
    const state = workerState(worker);
    if (!state) return undefined;
    if (state.markProcessedJobs && state.tracing()) markProcessed(worker, job);
    const span = activeProcessSpan(state);
    if (!span) return undefined;
    describeJob(span, job, state);
    return (worker as Hookable).childPool ? sendMetadataToChild(job, state.metadataOf(), (e) => state.hookFailed('sandbox metadata', e)) : undefined;
  },

  createJob(worker, job, raw) {
    const state = workerState(worker);
    if (state?.messageBodySize && isRecord(job) && state.tracing()) rememberStoredPayload(job, isRecord(raw) ? raw.data : undefined);
  },

  handleFailed(worker, error, span) {
    if (span instanceof DeferredSpan && span.isProcess && workerState(worker)?.owns(span)) span.captureError(error);
  },

  processJob(worker, job) {
    const state = workerState(worker);
    if (!state) return false;
    const telemetry = telemetryOf(job);
    if (telemetry !== undefined && isBadFalsyMetadata(telemetry) && state.tracing()) state.badMetadata();
    return state.needsStartingJob;
  },

  addNode(flowProducer, args) {
    if (!hookStateOf((flowProducer as Hookable).telemetry)) return args;
    if (isRecord(args) && isRecord(args.node) && args.node.opts === undefined) return { ...args, node: { ...args.node, opts: {} } };
    return args;
  },

  trace(instance) {
    const state = workerState(instance);
    return state !== undefined && state.tracing();
  },

  addBulk(queue, jobs) {
    const state = workerState(queue);
    return state?.createSpans && state.tracing() ? state.createSpans(queue, jobs) : undefined;
  },

  failed(instance, where, error) {
    const hookable = instance as Hookable;
    const state = hookStateOf(hookable.opts?.telemetry) ?? hookStateOf(hookable.telemetry);
    // No QueueOtel to tell: rethrown, it goes to the process-wide reporter of the hooks.
    if (!state) throw error;
    state.hookFailed(where, error);
  },
};

/** Wraps BullMQ's methods (once per process) and registers QueueOtel's listener (once). */
export function listenToBullmq(log: WarningLogger): void {
  installBullmqHooks(log);
  addBullmqHookListener(listener);
}
