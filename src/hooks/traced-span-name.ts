/**
 * The operation and destination BullMQ's `QueueBase.trace(kind, operation, destination, ...)` was called with, parked
 * by its wrapper for the synchronous part of the call, in which BullMQ builds the span's name from them
 * (`{operation} {destination}`) and starts the span. The tracer takes them instead of splitting that name: a fresh
 * string each time, which would be flattened and hashed for every span.
 *
 * Taken once: BullMQ starts its span first thing in the call, so the first span started after the wrapper parked the
 * two is BullMQ's own, and any later one in the same stretch (a span of another instance started from the callback)
 * finds nothing. The wrapper clears them when the call returns.
 */
let operation: unknown;
let destination: unknown;

/** Parks what `trace` was called with; `undefined` twice clears it. */
export function parkTracedSpanName(parkedOperation: unknown, parkedDestination: unknown): void {
  operation = parkedOperation;
  destination = parkedDestination;
}

/**
 * `join(operation, destination)` of the parked parts when they are what BullMQ built `name` from (its length is
 * theirs, and both are text), else undefined; either way nothing is parked afterwards.
 */
export function takeTracedSpanName<T>(name: string, join: (operation: string, destination: string) => T): T | undefined {
  const op = operation;
  const dest = destination;
  operation = undefined;
  destination = undefined;
  if (typeof op !== 'string' || typeof dest !== 'string') return undefined;
  // BullMQ: `destination ? \`${operation} ${destination}\` : operation`. Lengths are read without flattening the name.
  const length = dest === '' ? op.length : op.length + 1 + dest.length;
  return name.length === length ? join(op, dest) : undefined;
}
