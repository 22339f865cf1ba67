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

/** What a job's `tm` value says about its trace. */
export interface JobTrace {
  /** The trace id, when the metadata carries a valid `traceparent`. */
  traceId?: string;
  /**
   * The producer's decision: the `traceparent`'s sampled flag, or `false` for the `0` a `lean` producer
   * writes. Undefined when the metadata says nothing usable.
   */
  sampled?: boolean;
}

function traceOfTraceparent(traceparent: unknown): JobTrace {
  const traceId = traceIdFromTraceparent(traceparent);
  if (traceId === undefined) return {};
  // `<version>-<trace id>-<span id>-<flags>`: the flags are the two hex digits after the third dash.
  const flags = Number.parseInt(String(traceparent).trim().slice(53, 55), 16);
  return { traceId, sampled: (flags & 1) === 1 };
}

/**
 * What a `tm` value says about the job's trace: a metadata string in any format QueueOtel reads (the JSON
 * carrier, the compact one, or `0`), or an already parsed carrier object. Never throws.
 */
export function jobTraceOf(metadata: unknown): JobTrace {
  if (typeof metadata === 'string') {
    if (isUnsampledMetadata(metadata)) return { sampled: false };
    const decoded = decodeMetadata(metadata);
    return decoded.ok ? traceOfTraceparent(decoded.carrier.traceparent) : {};
  }
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) return {};
  return traceOfTraceparent((metadata as { traceparent?: unknown }).traceparent);
}

/** The trace id in a `tm` value (see {@link jobTraceOf}). */
export function traceIdFromTelemetryMetadata(metadata: unknown): string | undefined {
  return jobTraceOf(metadata).traceId;
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
