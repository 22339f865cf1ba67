/**
 * Timestamp conversion to the span model's microseconds. Backend values are untrusted: anything a Number cannot
 * hold exactly as microseconds (beyond 2^53 - 1, the year 2255 as a Unix time) is treated as absent, so no
 * Infinity, NaN or digit-losing number reaches the waterfall.
 */

/** Up to 20 digits: an unsigned 64-bit integer, OTLP's fixed64. Also keeps a hostile huge string away from BigInt. */
const DIGITS = /^\d{1,20}$/;
const MAX_MICROS = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Converts Unix nanoseconds (a decimal string, as protobuf JSON writes 64-bit integers, or a number) to
 * microseconds. Strings go through BigInt because nanosecond epochs exceed 2^53 and a Number would lose digits;
 * numbers have already lost them, so they are rounded to the nearest microsecond rather than truncated.
 */
export function nanosToMicros(raw: unknown): number | undefined {
  if (typeof raw === 'string') {
    if (!DIGITS.test(raw)) return undefined;
    const micros = BigInt(raw) / 1000n;
    return micros <= MAX_MICROS ? Number(micros) : undefined;
  }
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) {
    const micros = Math.round(raw / 1000);
    return micros <= Number.MAX_SAFE_INTEGER ? micros : undefined;
  }
  return undefined;
}

/** Reads a microsecond value written as a number or a numeric string (Jaeger and Zipkin use numbers). */
export function readMicros(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) {
    const micros = Math.floor(raw);
    return micros <= Number.MAX_SAFE_INTEGER ? micros : undefined;
  }
  if (typeof raw === 'string' && DIGITS.test(raw)) {
    const micros = Number(raw);
    return micros <= Number.MAX_SAFE_INTEGER ? micros : undefined;
  }
  return undefined;
}
