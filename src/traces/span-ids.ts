/**
 * Id normalisation: backends write ids as hex (Jaeger, Zipkin, OTLP/JSON per spec) or base64 (protobuf JSON
 * mapping, used by Tempo v1 and early Jaeger api_v3). Everything becomes lower-case hex of a fixed length.
 */

const HEX = /^[0-9a-f]+$/i;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Normalises a trace (16-byte) or span (8-byte) id to lower-case hex, or `undefined` when the value is
 * absent, malformed or all zeros (OTLP's "no parent").
 */
export function normaliseId(raw: unknown, bytes: 8 | 16): string | undefined {
  if (typeof raw !== 'string' || raw === '') return undefined;
  const hexLength = bytes * 2;
  let hex: string | undefined;
  // Hex wins when it fits: Jaeger trims leading zeros and Zipkin writes 64-bit trace ids, so shorter hex is padded.
  if (HEX.test(raw) && raw.length <= hexLength) {
    hex = raw.toLowerCase().padStart(hexLength, '0');
  } else if (BASE64.test(raw)) {
    const decoded = Buffer.from(raw, 'base64');
    if (decoded.length > 0 && decoded.length <= bytes) hex = decoded.toString('hex').padStart(hexLength, '0');
  }
  if (hex === undefined || /^0+$/.test(hex)) return undefined;
  return hex;
}

/** Normalises a trace id; see {@link normaliseId}. */
export function normaliseTraceId(raw: unknown): string | undefined {
  return normaliseId(raw, 16);
}

/** Normalises a span id; see {@link normaliseId}. */
export function normaliseSpanId(raw: unknown): string | undefined {
  return normaliseId(raw, 8);
}

const HEX_TRACE_ID = /^(?:[0-9a-f]{16}|[0-9a-f]{32})$/i;

/**
 * Validates a trace id given by a caller (16 or 32 hex digits) and returns it as 32 lower-case digits.
 * Throws a TypeError otherwise: the id ends up in a URL path, so nothing else may pass.
 */
export function requireTraceId(traceId: string): string {
  if (!HEX_TRACE_ID.test(traceId)) throw new TypeError(`Invalid trace id "${traceId}": expected 32 (or 16) hex digits`);
  return traceId.toLowerCase().padStart(32, '0');
}
