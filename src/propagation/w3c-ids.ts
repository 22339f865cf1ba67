/** W3C trace-context ids and the version-00 `traceparent` header, for the paths that build one from ids. */

const HEX_ID = /^[0-9a-f]+$/;
/** The all-zero ids, which W3C trace context forbids. */
export const ZERO_TRACE = '0'.repeat(32);
export const ZERO_SPAN = '0'.repeat(16);

/** Whether the ids are valid W3C ids: 32 and 16 lower-case hex digits, not all zero. Cheap checks first. */
export function areValidW3cIds(traceId: string, spanId: string): boolean {
  if (traceId.length !== 32 || spanId.length !== 16 || traceId === ZERO_TRACE || spanId === ZERO_SPAN) return false;
  return HEX_ID.test(traceId) && HEX_ID.test(spanId);
}

/** The two hex digits of a `traceparent`'s flags (only the low byte counts). */
export function traceFlagsHex(traceFlags: number): string {
  return (traceFlags & 0xff).toString(16).padStart(2, '0');
}

/** The version-00 `traceparent` of ids the caller knows to be valid (see {@link areValidW3cIds}). */
export function formatTraceparent(traceId: string, spanId: string, traceFlags: number): string {
  return `00-${traceId}-${spanId}-${traceFlagsHex(traceFlags)}`;
}
