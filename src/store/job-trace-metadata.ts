/**
 * Reads the trace id out of what BullMQ stores with a job: `opts.telemetry.metadata`, kept in the job
 * hash's `opts` JSON under `tm` as a JSON carrier such as `{"traceparent":"00-<32 hex>-<16 hex>-01"}`.
 * Producers of other versions and languages write into the same queues, so every step tolerates bad data.
 */
import { isTraceId } from './keys';

// W3C traceparent: version, trace id, parent id, flags. Version ff is forbidden; later versions may append fields.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/** The trace id of a W3C `traceparent` header, or undefined when it is not a valid one. */
export function traceIdFromTraceparent(traceparent: unknown): string | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const match = TRACEPARENT.exec(traceparent.trim().toLowerCase());
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return undefined;
  const traceId = match[2];
  return traceId !== undefined && isTraceId(traceId) && !/^0+$/.test(match[3] ?? '') ? traceId : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The trace id in a `tm` value: a JSON string carrier, or an already parsed carrier object. */
export function traceIdFromTelemetryMetadata(metadata: unknown): string | undefined {
  const carrier = typeof metadata === 'string' ? parseJson(metadata) : metadata;
  if (typeof carrier !== 'object' || carrier === null || Array.isArray(carrier)) return undefined;
  return traceIdFromTraceparent((carrier as { traceparent?: unknown }).traceparent);
}

/**
 * The trace id in a job hash's raw `opts` field. Undefined for a missing field, bad JSON, no `tm`, or a
 * malformed carrier; never throws.
 *
 * @example traceIdFromJobOpts('{"attempts":1,"tm":"{\\"traceparent\\":\\"00-4bf9…-00f0…-01\\"}"}')
 */
export function traceIdFromJobOpts(opts: string | null | undefined): string | undefined {
  if (typeof opts !== 'string') return undefined;
  const parsed = parseJson(opts);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  return traceIdFromTelemetryMetadata((parsed as { tm?: unknown }).tm);
}
