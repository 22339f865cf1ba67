import { within } from './within';

/**
 * Resolves `true` when `promise` settles (resolves or rejects) within `ms` milliseconds, `false` otherwise; never
 * rejects. Built on {@link within}, so its timer is `unref()`ed and cleared once the promise settles: a read that
 * never settles keeps neither the process alive nor a timer per call.
 * @example
 * if (!(await settlesWithin(read, 10_000))) countTimeout();
 */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const settled = promise.then(
    () => true,
    () => true,
  );
  return (await within(settled, ms)) === true;
}
