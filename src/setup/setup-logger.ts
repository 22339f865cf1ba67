import { diag } from '../otel-api';
import type { SetupWarningLogger } from './options';

/**
 * The `logger` option of setupTracing, made safe to call: a logger that throws must never break setup (every warning
 * is written while setupTracing runs), so its message goes to OpenTelemetry's `diag.warn` instead, with a note that
 * the logger failed. Default: `console.warn`.
 * @throws TypeError when `logger` is given and is not a function.
 */
export function guardedLogger(logger: unknown): SetupWarningLogger {
  if (logger !== undefined && typeof logger !== 'function') {
    throw new TypeError(`queue-otel: logger must be a function taking a message, got ${logger === null ? 'null' : `a ${typeof logger}`}`);
  }
  const log = (logger as SetupWarningLogger | undefined) ?? ((message: string) => console.warn(message));
  return (message) => {
    try {
      log(message);
    } catch (error) {
      diag.warn(message);
      diag.warn(`queue-otel/setup: the logger option threw ${error instanceof Error ? error.name : typeof error} on the warning above`);
    }
  };
}
