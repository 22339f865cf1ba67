/** A BullMQ `Worker` or `FlowProducer` whose method was called; untrusted, like everything BullMQ hands over. */
export type HookedInstance = object;

/**
 * What a part of queue-otel wants to hear from BullMQ's wrapped methods; every member optional. Members run
 * synchronously inside BullMQ's call, before BullMQ's own method (`createJob`: after it), and should be cheap:
 * they run for every job of every worker. A member that throws is caught and reported through `failed`, and
 * BullMQ's method still runs exactly once with its own arguments.
 */
export interface BullmqHookListener {
  /**
   * Before `Worker.callProcessJob(job, token)`, which runs the processor. May return a function to run once the
   * processor's promise has settled.
   */
  callProcessJob?(worker: HookedInstance, job: unknown): (() => void) | undefined;
  /** After `Worker.createJob(raw, jobId)` created `job` from the hash `raw` read from Redis. */
  createJob?(worker: HookedInstance, job: unknown, raw: unknown): void;
  /** Before `Worker.handleFailed(error, job, token, fetchNext, span)`: what the processor threw, and the attempt's span. */
  handleFailed?(worker: HookedInstance, error: unknown, span: unknown): void;
  /**
   * Before `Worker.processJob(job, ...)`. Returning true parks the job (`startingJob()`) for the synchronous part
   * of the call, in which BullMQ creates the job's process span.
   */
  processJob?(worker: HookedInstance, job: unknown): boolean;
  /** Before `FlowProducer.addNode(args)`: returns the arguments to call it with (`args` itself for no change). */
  addNode?(flowProducer: HookedInstance, args: unknown): unknown;
  /**
   * Before `QueueBase.trace(...)` (every span BullMQ creates for a Queue, Worker or JobScheduler). Returning true
   * parks the instance (`tracedInstance()`) for the synchronous part of the call, in which BullMQ creates the span.
   */
  trace?(instance: HookedInstance): boolean;
  /**
   * Before `Queue.addBulk(jobs)`: may return the jobs to add instead (never changing the caller's objects) and a note
   * parked for the batch's span (`bulkNote()`); undefined for no change.
   */
  addBulk?(queue: HookedInstance, jobs: unknown): BulkRewrite | undefined;
  /** Told when one of the members above threw; BullMQ went on without it. */
  failed?(instance: HookedInstance, where: string, error: unknown): void;
}

/** What an `addBulk` listener hands back: the jobs to add, and a note for the batch's span. */
export interface BulkRewrite {
  jobs: unknown;
  note: unknown;
}

/** The wrapped methods, by the listener member that hears them. */
export type HookPoint = 'callProcessJob' | 'createJob' | 'handleFailed' | 'processJob' | 'addNode' | 'trace' | 'addBulk';

const HOOK_POINTS: readonly HookPoint[] = ['callProcessJob', 'createJob', 'handleFailed', 'processJob', 'addNode', 'trace', 'addBulk'];

/** The registered listeners, per hook point only those that implement it. */
type Lists = Record<HookPoint, readonly BullmqHookListener[]>;

const registered: BullmqHookListener[] = [];

function build(): Lists {
  const lists = {} as Record<HookPoint, BullmqHookListener[]>;
  for (const point of HOOK_POINTS) lists[point] = registered.filter((listener) => typeof listener[point] === 'function');
  return lists;
}

/**
 * The lists per hook point. Replaced, never changed in place, when a listener is added or removed: a wrapper
 * iterating a list while a listener registers keeps the list it started with.
 */
let lists: Lists = build();

/**
 * The listeners of `point`, in registration order. A switch rather than `lists[point]`: that one keyed read, shared by
 * every hook point, would be megamorphic (an uncached lookup in every wrapped call); inlined into a wrapper, which
 * passes a literal, the switch folds to a single field read.
 */
export function listenersOf(point: HookPoint): readonly BullmqHookListener[] {
  const current = lists;
  switch (point) {
    case 'callProcessJob':
      return current.callProcessJob;
    case 'createJob':
      return current.createJob;
    case 'handleFailed':
      return current.handleFailed;
    case 'processJob':
      return current.processJob;
    case 'addNode':
      return current.addNode;
    case 'trace':
      return current.trace;
    case 'addBulk':
      return current.addBulk;
  }
}

/**
 * Registers a listener (once: registering it again changes nothing). Returns the function that removes it.
 * Listeners hear every wrapped call of every Worker and FlowProducer, and pick the instances they care about.
 */
export function addBullmqHookListener(listener: BullmqHookListener): () => void {
  if (!registered.includes(listener)) {
    registered.push(listener);
    lists = build();
  }
  return () => {
    const index = registered.indexOf(listener);
    if (index < 0) return;
    registered.splice(index, 1);
    lists = build();
  };
}
