/** Timestamp conversion to the span model's microseconds. */

const DIGITS = /^\d+$/;

/**
 * Converts Unix nanoseconds (a decimal string, as protobuf JSON writes 64-bit integers, or a number) to
 * microseconds. Strings go through BigInt because nanosecond epochs exceed 2^53 and a Number would lose digits;
 * numbers have already lost them, so they are rounded to the nearest microsecond rather than truncated.
 */
export function nanosToMicros(raw: unknown): number | undefined {
  if (typeof raw === 'string' && DIGITS.test(raw)) return Number(BigInt(raw) / 1000n);
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return Math.round(raw / 1000);
  return undefined;
}

/** Reads a microsecond value written as a number or a numeric string (Jaeger and Zipkin use numbers). */
export function readMicros(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return Math.floor(raw);
  if (typeof raw === 'string' && DIGITS.test(raw)) return Number(raw);
  return undefined;
}
