/** Closing what a test opened (queues, workers, providers), newest first, after each test of a file. */

/** Something a test opened and must close. */
export interface Closable {
  close(): Promise<unknown>;
}

/** What {@link closeAfterEach} gives a test file. */
export interface AfterEachClosers {
  /** Closed after each test, last pushed first. */
  closers: Array<() => Promise<unknown>>;
  /** Pushes `thing.close` onto {@link closers} and returns `thing`. */
  track<T extends Closable>(thing: T): T;
}

/**
 * Registers an `afterEach` that closes everything pushed onto `closers` (or passed to `track`), newest first, then
 * calls `reset` (e.g. the in-memory exporter's), so each test starts with no open worker and no spans.
 */
export function closeAfterEach(reset?: () => void): AfterEachClosers {
  const closers: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (closers.length) await closers.pop()!();
    reset?.();
  });
  return {
    closers,
    track: (thing) => {
      closers.push(() => thing.close());
      return thing;
    },
  };
}
