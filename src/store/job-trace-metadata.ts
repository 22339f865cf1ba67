/**
 * Reads the trace id out of what BullMQ stores with a job: `opts.telemetry.metadata`, kept in the job
 * hash's `opts` JSON under `tm` as a JSON carrier such as `{"traceparent":"00-<32 hex>-<16 hex>-01"}`.
 * Producers of other versions and languages write into the same queues, so every step tolerates bad data.
 */
import { decodeMetadata, isUnsampledMetadata, validateTraceparent } from '../propagation';

/** The trace id of a W3C `traceparent` header, or undefined when it is not a valid one. */
export function traceIdFromTraceparent(traceparent: unknown): string | undefined {
  if (typeof traceparent !== 'string') return undefined;
  const normalised = traceparent.trim().toLowerCase();
  return validateTraceparent(normalised) === undefined ? normalised.slice(3, 35) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * The trace id in a `tm` value: a metadata string in any format QueueOtel reads (the JSON carrier, or
 * the compact one), or an already parsed carrier object.
 */
export function traceIdFromTelemetryMetadata(metadata: unknown): string | undefined {
  if (typeof metadata === 'string') {
    const decoded = decodeMetadata(metadata);
    return decoded.ok ? traceIdFromTraceparent(decoded.carrier.traceparent) : undefined;
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return undefined;
  return traceIdFromTraceparent((metadata as { traceparent?: unknown }).traceparent);
}

/**
 * Whether the producer sampled the job, from a `tm` value: the `traceparent`'s sampled flag, `false` for the
 * `0` a `lean` producer writes, undefined when the metadata says nothing usable.
 */
export function sampledFromTelemetryMetadata(metadata: unknown): boolean | undefined {
  if (typeof metadata !== 'string') return undefined;
  if (isUnsampledMetadata(metadata)) return false;
  const decoded = decodeMetadata(metadata);
  if (!decoded.ok) return undefined;
  // `00-<trace id>-<span id>-<flags>`: the flags are the two hex digits after the third dash.
  const flags = Number.parseInt(decoded.carrier.traceparent.slice(53, 55), 16);
  return Number.isNaN(flags) ? undefined : (flags & 1) === 1;
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
