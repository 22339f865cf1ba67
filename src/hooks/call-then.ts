/**
 * Calls `call` and runs `after` once what it returned settles (or at once if it threw or returned a plain
 * value). What `call` returns or throws is passed on unchanged: the promise handed back is the callee's own.
 */
export function callThen(call: () => unknown, after: () => void): unknown {
  let result: unknown;
  try {
    result = call();
  } catch (error) {
    after();
    throw error;
  }
  return thenRun(result, after);
}

/**
 * Runs `after` once `result` settles when it is a promise (or at once otherwise), and hands `result` back unchanged.
 * For callers that made the call themselves (a wrapper forwarding its `arguments` without a closure).
 */
export function thenRun(result: unknown, after: () => void): unknown {
  try {
    const then = (result as { then?: unknown } | null | undefined)?.then;
    if (typeof then === 'function') {
      then.call(result, after, after);
      return result;
    }
  } catch {
    // not a usable promise: undo at once
  }
  after();
  return result;
}
