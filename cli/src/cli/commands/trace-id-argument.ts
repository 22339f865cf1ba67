/** A trace id given on the command line, checked before anything connects. */
import { requireTraceId } from 'queue-otel/traces';
import { UsageError } from '../usage-error';

/** The id in its normal form (32 lower-case hex digits); anything else is a usage error naming where it came from. */
export function traceIdArgument(raw: string, where: string): string {
  try {
    return requireTraceId(raw);
  } catch {
    throw new UsageError(`${where}: not a trace id: "${raw}" (32 or 16 hex digits)`);
  }
}
