import { callThen } from './call-then';
import { IGNORE_HOOK_ERRORS } from './hook-errors';
import type { HookErrorReporter } from './hook-errors';
import { listenersOf } from './listeners';
import type { BullmqHookListener } from './listeners';
import { runStartingJob } from './starting-job';

/**
 * The wrappers put on BullMQ's prototypes. Each calls the listeners of its hook point, then BullMQ's method
 * exactly once, with `this` and the arguments it was called with (`addNode`: the arguments its listeners hand
 * back). With no listener a wrapper only forwards the call; with listeners it allocates nothing per call unless
 * a listener asks for it (an undo function, a parked job). A listener that throws is reported, never rethrown.
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
    // eslint-disable-next-line prefer-rest-params -- forwarding `arguments` allocates no array per job
    const args = arguments;
    return after ? callThen(() => original.apply(this, args as unknown as unknown[]), after) : original.apply(this, args as unknown as unknown[]);
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
    // eslint-disable-next-line prefer-rest-params -- forwarding `arguments` allocates no array per job
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

/** `handleFailed(err, job, token, fetchNextCallback, span)`: the span's position. */
const HANDLE_FAILED_SPAN_INDEX = 4;

/** `Worker.handleFailed(...)`: listeners see what the processor threw and the attempt's span. */
export function wrapHandleFailed(original: Method): Method {
  return function handleFailed(this: object, error: unknown): unknown {
    const list = listenersOf('handleFailed');
    // eslint-disable-next-line prefer-rest-params -- forwarding `arguments` allocates no array per job
    const args = arguments;
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        listener.handleFailed!(this, error, args[HANDLE_FAILED_SPAN_INDEX]);
      } catch (failure) {
        listenerFailed(listener, this, 'Worker.handleFailed', failure);
      }
    }
    return original.apply(this, args as unknown as unknown[]);
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
    // eslint-disable-next-line prefer-rest-params -- forwarding `arguments` allocates no array per job
    const args = arguments;
    return park && job ? runStartingJob(job, () => original.apply(this, args as unknown as unknown[])) : original.apply(this, args as unknown as unknown[]);
  };
}

/** `FlowProducer.addNode(args, ...)`: listeners may hand back other arguments (a node given an empty `opts`). */
export function wrapAddNode(original: Method): Method {
  return function addNode(this: object, nodeArgs: unknown, ...rest: unknown[]): unknown {
    const list = listenersOf('addNode');
    let actual = nodeArgs;
    for (let i = 0; i < list.length; i++) {
      const listener = list[i]!;
      try {
        actual = listener.addNode!(this, actual);
      } catch (error) {
        listenerFailed(listener, this, 'FlowProducer.addNode', error);
      }
    }
    return original.call(this, actual, ...rest);
  };
}
