import type { WarningLogger } from '../propagation';
import { errorTypeOf } from '../vocabulary';
import { RateLimitedLog } from './rate-limited-log';

/**
 * Receives a failure of QueueOtel's own work inside a BullMQ call (a hook, a span or context-manager
 * method). The caller has already made BullMQ go on without that work; this only tells someone.
 */
export type HookErrorReporter = (where: string, error: unknown) => void;

/** A reporter that drops everything: the default where no logger is wired in. */
export const IGNORE_HOOK_ERRORS: HookErrorReporter = () => undefined;

/**
 * A reporter that warns at most once per interval, with the number of failures since the last warning: a
 * queue full of hostile jobs must not turn into one log line per job. Only the error's class is logged,
 * never its message: messages of parse errors quote the input, which is job data.
 */
export function hookErrorReporter(log: WarningLogger, intervalMs = 60_000): HookErrorReporter {
  const limited = new RateLimitedLog(log, intervalMs);
  let unreported = 0;
  return (where, error) => {
    unreported += 1;
    const count = unreported;
    const logged = limited.warn('hooks', () => {
      let type = 'unknown';
      try {
        type = errorTypeOf(error);
      } catch {
        // a value whose class cannot even be read is reported as unknown
      }
      const more = count > 1 ? ` (${count} failures since the last warning)` : '';
      return `queue-otel: ${where} failed with ${type}${more}; BullMQ went on without tracing for it.`;
    });
    if (logged) unreported = 0;
  };
}
