import { context, trace } from '@opentelemetry/api';
import { DeferredSpan } from './deferred-span';
import { readJobFacts } from './job-facts';
import { payloadBytesOf, rememberStoredPayload } from './stored-payload';
import { BullmqAttributes, MessagingAttributes } from '../vocabulary';
import type { HookErrorReporter } from './hook-errors';
import { callThen, sendMetadataToChild } from './sandbox-metadata';
import { untracedProcessSpan } from './untraced-run';
import { runStartingJob } from './starting-job';
import { isRecord } from './untrusted-values';

/**
 * Small, guarded wrappers around BullMQ methods, for what its telemetry interface cannot give:
 *
 * - `Worker.prototype.callProcessJob` runs the processor inside the process span's context. Wrapping
 *   it gives the span the job (attempt, priority, wait time ...). For sandboxed processors it hands the
 *   child process the process span's context instead of the producer's, in what is sent to the child
 *   only (sandbox-metadata.ts): the job object stays BullMQ's own.
 * - `Worker.prototype.createJob` notes the size of the data string BullMQ read from Redis, so that the
 *   payload size of a traced job costs no second serialisation of its data.
 * - `Worker.prototype.handleFailed` gives the span the error object the processor threw, which BullMQ
 *   reduces to a message before telemetry sees it.
 * - `Worker.prototype.processJob` parks the job while BullMQ creates its process span, so that a `lean`
 *   worker can tell a job scheduler's iteration (sampled on its own) from other unsampled jobs. It also
 *   counts non-string metadata that BullMQ never hands to the context manager (`null`, `false`, `0`).
 * - `FlowProducer.prototype.addNode` gives flow nodes declared without `opts` an empty `opts`, because
 *   BullMQ only writes trace metadata into nodes that have one.
 *
 * They act only for instances whose telemetry is a QueueOtel; everything else passes through. If a
 * future BullMQ renames a method, the wrapper is skipped with one warning and tracing degrades to
 * what the interface provides.
 *
 * Every argument is untrusted (a job hash may hold anything), and a wrapper never throws into BullMQ:
 * if QueueOtel's own work fails, it is reported (rate-limited) and the original method runs exactly once
 * with its original arguments.
 */

/** Property under which a QueueOtel exposes what the hooks need. */
export const HOOK_STATE = Symbol.for('queue-otel.hook-state');

/** What a QueueOtel instance shares with the hooks. */
export interface HookState {
  owns(span: DeferredSpan): boolean;
  tenantPath: readonly string[] | undefined;
  metadataOf(): string;
  /** Whether tracing is on (`enabled`); off, the hooks only pass calls through. */
  tracing(): boolean;
  /** Whether the tracer needs the job while it creates the process span (`lean` workers only). */
  needsStartingJob: boolean;
  /** Counts a job whose trace metadata is not a string and that BullMQ does not hand to the context manager. */
  badMetadata(): void;
  /** Told when a hook's own work fails (rate-limited). */
  hookFailed: HookErrorReporter;
}

interface Hookable {
  opts?: { telemetry?: unknown };
  telemetry?: unknown;
  childPool?: unknown;
}

const PATCHED = Symbol.for('queue-otel.patched');

function stateOf(telemetry: unknown): HookState | undefined {
  return (telemetry as { [HOOK_STATE]?: HookState } | undefined)?.[HOOK_STATE];
}

/** Reports a hook's failure to its QueueOtel, if it is known; never throws. */
function hookFailed(state: HookState | undefined, where: string, error: unknown): void {
  try {
    state?.hookFailed(where, error);
  } catch {
    // nothing left to tell
  }
}

/** `job.opts.telemetry.metadata`, read the way BullMQ reads it, without trusting any level's type. */
function metadataOf(job: unknown): unknown {
  const opts: unknown = isRecord(job) ? job.opts : undefined;
  const telemetry: unknown = isRecord(opts) ? opts.telemetry : undefined;
  return isRecord(telemetry) ? telemetry.metadata : undefined;
}

function activeProcessSpan(state: HookState): DeferredSpan | undefined {
  // An untraced job's span is not in the context; it is parked for the synchronous call instead.
  const untraced = untracedProcessSpan();
  if (untraced && state.owns(untraced)) return untraced;
  const span = trace.getSpan(context.active());
  return span instanceof DeferredSpan && span.isProcess && state.owns(span) ? span : undefined;
}

type ProcessFn = (this: Hookable, job: unknown, ...rest: unknown[]) => unknown;

function wrapCallProcessJob(original: ProcessFn): ProcessFn {
  return function callProcessJob(this: Hookable, job: unknown, ...rest: unknown[]): unknown {
    let state: HookState | undefined;
    let undo: (() => void) | undefined;
    try {
      state = stateOf(this.opts?.telemetry);
      const span = state && activeProcessSpan(state);
      if (state && span) {
        describeJob(span, job, state);
        const reporter = state;
        if (this.childPool) undo = sendMetadataToChild(job, state.metadataOf(), (e) => hookFailed(reporter, 'sandbox metadata', e));
      }
    } catch (error) {
      hookFailed(state, 'Worker.callProcessJob', error);
    }
    return undo ? callThen(() => original.call(this, job, ...rest), undo) : original.call(this, job, ...rest);
  };
}

/** Gives the process span the job's facts and, when it records, the payload size. */
function describeJob(span: DeferredSpan, job: unknown, state: HookState): void {
  span.attachJob(readJobFacts(job, state.tenantPath), isRecord(job) ? job : undefined);
  if (span.isRecording()) {
    const size = payloadBytesOf(job);
    if (size !== undefined) span.setAttributes({ [BullmqAttributes.payloadSize]: size, [MessagingAttributes.messageBodySize]: size });
  }
}

type CreateJobFn = (this: Hookable, raw: unknown, ...rest: unknown[]) => unknown;

/** Keeps the byte length of the data string each job is created from (see stored-payload.ts). */
function wrapCreateJob(original: CreateJobFn): CreateJobFn {
  return function createJob(this: Hookable, raw: unknown, ...rest: unknown[]): unknown {
    const job = original.call(this, raw, ...rest);
    let state: HookState | undefined;
    try {
      state = stateOf(this.opts?.telemetry);
      if (isRecord(job) && state?.tracing()) rememberStoredPayload(job, isRecord(raw) ? raw.data : undefined);
    } catch (error) {
      hookFailed(state, 'Worker.createJob', error);
    }
    return job;
  };
}

type FailedFn = (this: Hookable, error: unknown, ...rest: unknown[]) => unknown;

/**
 * Hands the process span what the handler threw (or the error BullMQ fails the attempt with). BullMQ
 * passes the span as the fifth argument; catching the error here costs nothing on the success path,
 * where a `.catch()` on the handler's promise cost one more promise per job.
 */
function wrapHandleFailed(original: FailedFn): FailedFn {
  return function handleFailed(this: Hookable, error: unknown, ...rest: unknown[]): unknown {
    let state: HookState | undefined;
    try {
      state = stateOf(this.opts?.telemetry);
      const span = rest[HANDLE_FAILED_SPAN_INDEX];
      if (span instanceof DeferredSpan && span.isProcess && state?.owns(span)) span.captureError(error);
    } catch (failure) {
      hookFailed(state, 'Worker.handleFailed', failure);
    }
    return original.call(this, error, ...rest);
  };
}

/** `handleFailed(err, job, token, fetchNextCallback, span)`: the span's index after `err`. */
const HANDLE_FAILED_SPAN_INDEX = 3;

type StartFn = (this: Hookable, job: unknown, ...rest: unknown[]) => unknown;

/**
 * Counts metadata BullMQ never hands to the context manager, and parks the job while BullMQ creates its
 * process span (see starting-job.ts).
 */
function wrapProcessJob(original: StartFn): StartFn {
  return function processJob(this: Hookable, job: unknown, ...rest: unknown[]): unknown {
    let state: HookState | undefined;
    let park = false;
    try {
      state = stateOf(this.opts?.telemetry);
      if (state) {
        // BullMQ passes only truthy metadata on: `null`, `false` and `0` would start new traces uncounted.
        const metadata = metadataOf(job);
        if (metadata !== undefined && typeof metadata !== 'string' && !metadata && state.tracing()) state.badMetadata();
        park = state.needsStartingJob && Boolean(job);
      }
    } catch (error) {
      hookFailed(state, 'Worker.processJob', error);
    }
    return park ? runStartingJob(job, () => original.call(this, job, ...rest)) : original.call(this, job, ...rest);
  };
}

type AddNodeFn = (this: Hookable, args: unknown, ...rest: unknown[]) => unknown;

function wrapAddNode(original: AddNodeFn): AddNodeFn {
  return function addNode(this: Hookable, args: unknown, ...rest: unknown[]): unknown {
    let state: HookState | undefined;
    let actual = args;
    try {
      state = stateOf(this.telemetry);
      if (state && isRecord(args) && isRecord(args.node) && args.node.opts === undefined) {
        actual = { ...args, node: { ...args.node, opts: {} } };
      }
    } catch (error) {
      actual = args;
      hookFailed(state, 'FlowProducer.addNode', error);
    }
    return original.call(this, actual, ...rest);
  };
}

const MISSING_DETAILS = 'job details will be missing from spans';

function patchMethod(
  proto: Record<string | symbol, unknown> | undefined, method: string, wrap: (fn: never) => unknown, warn: (m: string) => void, consequence: string,
): void {
  if (!proto) return;
  const original = proto[method];
  if (typeof original !== 'function') {
    warn(`queue-otel: bullmq has no ${method}(); ${consequence}`);
    return;
  }
  if ((original as { [PATCHED]?: boolean })[PATCHED]) return;
  const wrapped = wrap(original as never) as { [PATCHED]?: boolean };
  wrapped[PATCHED] = true;
  proto[method] = wrapped;
}

/** Installs the wrappers on one loaded copy of bullmq (CommonJS and ESM builds are separate copies). */
export function installHooks(bullmq: unknown, warn: (m: string) => void): void {
  const mod = bullmq as { Worker?: { prototype: Record<string, unknown> }; FlowProducer?: { prototype: Record<string, unknown> } };
  patchMethod(mod.Worker?.prototype, 'callProcessJob', wrapCallProcessJob as never, warn, MISSING_DETAILS);
  patchMethod(mod.Worker?.prototype, 'createJob', wrapCreateJob as never, warn, 'payload sizes will be measured by serialising the job data again');
  patchMethod(mod.Worker?.prototype, 'handleFailed', wrapHandleFailed as never, warn, 'error classes and failure categories will be missing from spans');
  patchMethod(mod.Worker?.prototype, 'processJob', wrapProcessJob as never, warn, "job-scheduler iterations in 'lean' workers follow the upsert's sampling decision");
  patchMethod(mod.FlowProducer?.prototype, 'addNode', wrapAddNode as never, warn, 'flow nodes declared without opts will start their own traces');
}

let installed = false;

/** Installs the wrappers on every copy of bullmq this process can load. Idempotent. */
export function installBullmqHooks(warn: (m: string) => void): void {
  if (installed) return;
  installed = true;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    installHooks(require('bullmq'), warn);
  } catch {
    warn('queue-otel: could not load bullmq to install its hooks');
  }
  // An application that imports bullmq as ESM gets the ESM build, a different copy of its classes.
  import('bullmq').then((esm) => installHooks(esm, warn), () => undefined);
}
