/**
 * A value parked for the synchronous stretch of a call, for code deeper in the same stack that BullMQ gives
 * no way to reach otherwise. Not a context: it is gone at the call's first `await`, so it costs nothing
 * like AsyncLocalStorage does, and nested calls restore the outer value.
 */
export interface SyncSlot<T> {
  /** Runs `fn` with `value` parked for its synchronous part. */
  run<R>(value: T, fn: () => R): R;
  /** The value parked by the call running right now, if any. */
  current(): T | undefined;
  /** Parks `value` and returns the value parked before; the caller puts that back in a `finally`. */
  swap(value: T | undefined): T | undefined;
}

/** Creates an empty {@link SyncSlot}. */
export function syncSlot<T>(): SyncSlot<T> {
  let parked: T | undefined;
  return {
    run(value, fn) {
      const previous = parked;
      parked = value;
      try {
        return fn();
      } finally {
        parked = previous;
      }
    },
    current: () => parked,
    swap(value) {
      const previous = parked;
      parked = value;
      return previous;
    },
  };
}
