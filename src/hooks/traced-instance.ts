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
 * The operation and destination of the `trace` call whose span BullMQ is about to create: the parts it joins into the
 * span's name (`"{operation} {destination}"`), so that the tracer need not split that fresh string again (hashing or
 * scanning it costs a copy of it, twice per job). Parked with the instance, taken by the first span started after.
 */
let parkedOperation: string | undefined;
let parkedDestination = '';

/**
 * Parks the operation and destination of a `trace` call (undefined: none, as for a FlowProducer's spans) and returns
 * the operation parked before; `restoreSpanName` puts the previous pair back once the synchronous part is over.
 */
export function parkSpanName(operation: string | undefined, destination: string): string | undefined {
  const previous = parkedOperation;
  parkedOperation = operation;
  parkedDestination = destination;
  return previous;
}

/** Puts back what {@link parkSpanName} replaced. */
export function restoreSpanName(operation: string | undefined, destination: string): void {
  parkedOperation = operation;
  parkedDestination = destination;
}

/** The destination parked with the operation {@link takeSpanOperation} returned last. */
export function parkedSpanDestination(): string {
  return parkedDestination;
}

/**
 * The parked operation if `name` is the name BullMQ built from it and the parked destination (its length is checked:
 * reading a length copies nothing), else undefined. Taken once: a later span of the same synchronous stretch (one
 * BullMQ starts without a wrapped `trace`) splits its own name.
 */
export function takeSpanOperation(name: string): string | undefined {
  const operation = parkedOperation;
  if (operation === undefined) return undefined;
  parkedOperation = undefined;
  const destination = parkedDestination;
  const expected = destination === '' ? operation.length : operation.length + 1 + destination.length;
  return name.length === expected ? operation : undefined;
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
