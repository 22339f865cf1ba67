import { syncSlot } from './sync-slot';

/**
 * The BullMQ instance (Queue, Worker, JobScheduler, FlowProducer) whose span BullMQ is creating, while its `trace`
 * (or `FlowProducer.addNode`) runs synchronously.
 *
 * BullMQ's tracer interface hands over a span name and kind, never the instance; what only the instance knows (the
 * Redis server it talks to) is read from here, once per instance (see src/telemetry/server-address.ts).
 */
const traced = syncSlot<object>();

/** Parks `instance` and returns what was parked before, to be put back once the synchronous part is over. */
export function swapTracedInstance(instance: object | undefined): object | undefined {
  return traced.swap(instance);
}

/** The instance whose span is being created right now, if any; untrusted, like everything BullMQ hands over. */
export function tracedInstance(): object | undefined {
  return traced.current();
}

/**
 * What a listener of `Queue.addBulk` left for the batch's span (the creation contexts of per-message create spans),
 * for the synchronous part of the call, in which BullMQ creates that span.
 */
const bulk = syncSlot<unknown>();

/** Parks `note` for the synchronous part of an `addBulk`; returns the note parked before. */
export function swapBulkNote(note: unknown): unknown {
  return bulk.swap(note);
}

/** The note of the `addBulk` running right now, if any. */
export function bulkNote(): unknown {
  return bulk.current();
}
