import { thenRun } from './call-then';
import { IGNORE_HOOK_ERRORS } from './hook-errors';
import type { HookErrorReporter } from './hook-errors';
import { listenersOf } from './listeners';
import type { BullmqHookListener } from './listeners';
import { noteSchedulerUpsert } from './iteration-scheduler';
import { ownMetadataOf, swapOwnMetadata } from './own-metadata';
import { swapStartingJob } from './starting-job';
import { swapBulkNote, swapTracedInstance } from './traced-instance';
import { parkTracedSpanName } from './traced-span-name';

/**
 * The wrappers put on BullMQ's prototypes. Each calls the listeners of its hook point, then BullMQ's method
 * exactly once, with `this` and the arguments it was called with (`addNode`: the arguments its listeners hand
 * back). With no listener a wrapper only forwards the call; with listeners it allocates nothing per call unless
 * a listener asks for it (an undo function). A listener that throws is reported, never rethrown.
 *
 * The per-job wrappers forward `arguments` with `apply` straight from their own body and never let a closure see
 * it: V8 then passes the arguments on without building an arguments object or an array for each job.
 */

type Method = (this: object, ...args: unknown[]) => unknown;

/** Where listeners' failures go when they have no `failed` of their own, or it throws too. */
let fallback: HookErrorReporter = IGNORE_HOOK_ERRORS;

/** Sets the reporter of last resort (the first installer's logger, rate-limited). */
export function setFallbackReporter(reporter: HookErrorReporter): void {
  fallback = reporter;
}

function listenerFailed(listener: BullmqHookListener, instance: object, where: string, error: unknown): void {
  try {
    if (listener.failed) {
      listener.failed(instance, where, error);
      return;
    }
  } catch {
    // its own reporting failed: fall through to the process-wide one
  }
  try {
    fallback(where, error);
  } catch {
    // nothing left to tell
  }
}

/** `Worker.callProcessJob(job, token)`: listeners may ask for a function to run when the processor settles. */
export function wrapCallProcessJob(original: Method): Method {
  return function callProcessJob(this: object, job: unknown): unknown {
    const list = listenersOf('callProcessJob');
    let after: (() => void) | undefined;
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        const undo = listener.callProcessJob!(this, job);
        if (undo) after = after ? chain(after, undo) : undo;
      } catch (error) {
        listenerFailed(listener, this, 'Worker.callProcessJob', error);
      }
    }
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per job
    if (!after) return original.apply(this, arguments as unknown as unknown[]);
    let result: unknown;
    try {
      // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per job
      result = original.apply(this, arguments as unknown as unknown[]);
    } catch (error) {
      after();
      throw error;
    }
    return thenRun(result, after);
  };
}

function chain(first: () => void, second: () => void): () => void {
  return () => {
    try {
      first();
    } finally {
      second();
    }
  };
}

/** `Worker.createJob(raw, jobId)`: listeners see the job BullMQ created and the hash it came from. */
export function wrapCreateJob(original: Method): Method {
  return function createJob(this: object, raw: unknown): unknown {
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per job
    const job = original.apply(this, arguments as unknown as unknown[]);
    const list = listenersOf('createJob');
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        listener.createJob!(this, job, raw);
      } catch (error) {
        listenerFailed(listener, this, 'Worker.createJob', error);
      }
    }
    return job;
  };
}

/** `Worker.handleFailed(err, job, token, fetchNextCallback, span)`: listeners see what the processor threw and the attempt's span. */
export function wrapHandleFailed(original: Method): Method {
  return function handleFailed(this: object, error: unknown, _job: unknown, _token: unknown, _next: unknown, span: unknown): unknown {
    const list = listenersOf('handleFailed');
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        listener.handleFailed!(this, error, span);
      } catch (failure) {
        listenerFailed(listener, this, 'Worker.handleFailed', failure);
      }
    }
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is (also its length): no array per job
    return original.apply(this, arguments as unknown as unknown[]);
  };
}

/** `Worker.processJob(job, ...)`: a listener may ask for the job to be parked while BullMQ starts it. */
export function wrapProcessJob(original: Method): Method {
  return function processJob(this: object, job: unknown): unknown {
    const list = listenersOf('processJob');
    let park = false;
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        if (listener.processJob!(this, job)) park = true;
      } catch (error) {
        listenerFailed(listener, this, 'Worker.processJob', error);
      }
    }
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per job
    if (!park || !job) return original.apply(this, arguments as unknown as unknown[]);
    const previous = swapStartingJob(job);
    try {
      // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per job
      return original.apply(this, arguments as unknown as unknown[]);
    } finally {
      swapStartingJob(previous);
    }
  };
}

/**
 * `FlowProducer.addNode(args, ...)`: listeners may hand back other arguments (a node given an empty `opts`). With
 * listeners, the flow producer is parked as the traced instance while BullMQ creates the node's span (a
 * FlowProducer has no `trace` of its own to wrap).
 */
export function wrapAddNode(original: Method): Method {
  return function addNode(this: object, nodeArgs: unknown, ...rest: unknown[]): unknown {
    const list = listenersOf('addNode');
    if (list.length === 0) return original.call(this, nodeArgs, ...rest);
    let actual = nodeArgs;
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        actual = listener.addNode!(this, actual);
      } catch (error) {
        listenerFailed(listener, this, 'FlowProducer.addNode', error);
      }
    }
    const previous = swapTracedInstance(this);
    try {
      return original.call(this, actual, ...rest);
    } finally {
      swapTracedInstance(previous);
    }
  };
}

/**
 * `QueueBase.trace(...)`: a listener may ask for the instance to be parked while BullMQ creates the span; the span's
 * operation and destination are parked with it (see traced-span-name.ts).
 */
export function wrapTrace(original: Method): Method {
  return function trace(this: object): unknown {
    const list = listenersOf('trace');
    let park = false;
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        if (listener.trace!(this)) park = true;
      } catch (error) {
        listenerFailed(listener, this, 'QueueBase.trace', error);
      }
    }
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per span
    if (!park) return original.apply(this, arguments as unknown as unknown[]);
    const previous = swapTracedInstance(this);
    // BullMQ's arguments: (kind, operation, destination, callback, metadata).
    // eslint-disable-next-line prefer-rest-params -- read by index, no array per span
    parkTracedSpanName(arguments[1], arguments[2]);
    try {
      // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per span
      return original.apply(this, arguments as unknown as unknown[]);
    } finally {
      swapTracedInstance(previous);
      parkTracedSpanName(undefined, undefined);
    }
  };
}

/**
 * `Queue.add(name, data, opts)`: a job given its own `opts.telemetry.metadata` has it parked while BullMQ creates the
 * add's span (see own-metadata.ts). Any other add is only forwarded, after a look at `opts`.
 */
export function wrapAdd(original: Method): Method {
  return function add(this: object, _name: unknown, _data: unknown, opts: unknown): unknown {
    const metadata = ownMetadataOf(opts);
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is: no array per job
    if (metadata === undefined) return original.apply(this, arguments as unknown as unknown[]);
    const previous = swapOwnMetadata(metadata);
    try {
      // eslint-disable-next-line prefer-rest-params -- forwarded as it is
      return original.apply(this, arguments as unknown as unknown[]);
    } finally {
      swapOwnMetadata(previous);
    }
  };
}

/**
 * `Queue.addBulk(jobs)`: a listener may hand back other jobs (copies carrying their own creation contexts) and a note
 * parked for the batch's span while BullMQ creates it. The first listener that rewrites wins.
 */
export function wrapAddBulk(original: Method): Method {
  return function addBulk(this: object, jobs: unknown, ...rest: unknown[]): unknown {
    const list = listenersOf('addBulk');
    let rewrite: { jobs: unknown; note: unknown } | undefined;
    for (let i = 0; i < list.length && !rewrite; i++) {
      const listener = list[i]!;
      try {
        rewrite = listener.addBulk!(this, jobs);
      } catch (error) {
        listenerFailed(listener, this, 'Queue.addBulk', error);
      }
    }
    if (!rewrite) return original.call(this, jobs, ...rest);
    const previous = swapBulkNote(rewrite.note);
    try {
      return original.call(this, rewrite.jobs, ...rest);
    } finally {
      swapBulkNote(previous);
    }
  };
}

/**
 * `JobScheduler.upsertJobScheduler(id, repeat, name, data, opts, { override, producerId })`: notes the JobSchedulers a
 * Worker adds next iterations with (see iteration-scheduler.ts). Runs once per scheduler upsert, never per other job.
 */
export function wrapUpsertJobScheduler(original: Method): Method {
  return function upsertJobScheduler(this: object): unknown {
    // eslint-disable-next-line prefer-rest-params -- read by index, no array per call
    noteSchedulerUpsert(this, arguments[5]);
    // eslint-disable-next-line prefer-rest-params -- forwarded as it is
    return original.apply(this, arguments as unknown as unknown[]);
  };
}
