/**
 * Turns whatever an exporter reported into an `Error`, keeping the original when it looks like one.
 * Duck-typed on purpose: errors raised by Node's own modules can come from another realm (a vm context, a
 * test runner's sandbox), where `instanceof Error` is false although `code` and `message` are there.
 *
 * @example
 * toError('boom', 'export failed').message; // 'boom'
 */
export function toError(value: unknown, fallbackMessage = 'unknown error'): Error {
  if (typeof value === 'object' && value !== null && typeof (value as { message?: unknown }).message === 'string') {
    return value as Error;
  }
  return new Error(value === undefined ? fallbackMessage : String(value));
}
