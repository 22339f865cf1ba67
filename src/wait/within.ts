/**
 * Races `work` against `millis`; resolves `undefined` on timeout. The work is abandoned, not cancelled, and
 * its rejection is swallowed into `undefined` too: callers use this to bound waits, never to get errors.
 * The timer is unref'ed so it never keeps the process alive.
 *
 * @example
 * await within(exporter.forceFlush(), 5_000); // returns after at most 5 s
 */
export function within<T>(work: Promise<T>, millis: number): Promise<T | undefined> {
  const guarded = work.catch(() => undefined);
  if (millis <= 0) return Promise.resolve(undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), millis);
    timer.unref();
  });
  return Promise.race([guarded, timeout]).finally(() => clearTimeout(timer));
}
