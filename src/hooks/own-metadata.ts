import { syncSlot } from './sync-slot';

/**
 * The trace metadata an application gave `Queue.add` itself (`opts.telemetry.metadata`), while the add runs
 * synchronously.
 *
 * BullMQ's `Queue.add` replaces a job's own `telemetry.metadata` with the context of its `add` span whenever a
 * telemetry is set (its `addBulk`, `FlowProducer` and job schedulers keep the job's own, as does `Queue.add` without a
 * telemetry). BullMQ asks the context manager for that context synchronously at the start of the add, so the `add`
 * wrapper parks the job's own metadata here for exactly that stretch and the context manager hands it back: the job
 * keeps what the application wrote, as it would without QueueOtel.
 */
const own = syncSlot<string>();

/** The `telemetry.metadata` string of `Queue.add`'s `opts`, if it has a non-empty one. Never throws (`opts` is the caller's). */
export function ownMetadataOf(opts: unknown): string | undefined {
  if (typeof opts !== 'object' || opts === null) return undefined;
  try {
    const telemetry = (opts as { telemetry?: unknown }).telemetry;
    if (typeof telemetry !== 'object' || telemetry === null) return undefined;
    const metadata = (telemetry as { metadata?: unknown }).metadata;
    return typeof metadata === 'string' && metadata !== '' ? metadata : undefined;
  } catch {
    return undefined;
  }
}

/** Parks `metadata` as the running add's own and returns what was parked before, to be put back afterwards. */
export function swapOwnMetadata(metadata: string | undefined): string | undefined {
  return own.swap(metadata);
}

/**
 * The metadata the application gave the `Queue.add` running right now, if any, taken once: BullMQ asks for the
 * add's metadata before it runs the add's callback, so whatever that callback starts (a subclass's `addJob` adding
 * to another queue, an `addBulk`, a flow) finds the slot empty and gets its own span's context, not this job's.
 */
export function takeOwnAddMetadata(): string | undefined {
  const metadata = own.current();
  if (metadata !== undefined) own.swap(undefined);
  return metadata;
}
