/**
 * Resolves `true` when `promise` settles within `ms` milliseconds, `false` otherwise; never rejects. The timer is
 * `unref()`ed and cleared once the promise settles, so a read that never settles keeps neither the process alive
 * nor a timer per call.
 * @example
 * if (!(await settlesWithin(read, 10_000))) countTimeout();
 */
export function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<boolean>((resolve) => {
    timer = setTimeout(resolve, ms, false);
    timer.unref();
  });
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, expired]).finally(() => clearTimeout(timer));
}
