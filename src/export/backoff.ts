/** Options of {@link backoffDelay}. */
export interface BackoffOptions {
  /** Delay ceiling after the first failure, in ms; doubles per further failure. */
  baseMillis: number;
  /** Largest ceiling, in ms. */
  maxMillis: number;
  /**
   * Source of randomness in [0, 1); injectable so tests get exact values.
   * @default Math.random
   */
  random?: () => number;
}

/**
 * Delay before the next attempt after `failures` consecutive failures: exponential with "equal jitter".
 * The ceiling is `min(maxMillis, baseMillis * 2^(failures-1))`; the delay is half the ceiling plus a random
 * share of the other half. Half is fixed so a retry never comes immediately; half is random so many
 * workers that lost the same backend do not retry in lockstep.
 *
 * @returns 0 when `failures <= 0`, otherwise a whole number of ms in [ceiling/2, ceiling].
 * @example
 * backoffDelay(1, { baseMillis: 100, maxMillis: 1000 }); // 50..100
 * backoffDelay(5, { baseMillis: 100, maxMillis: 1000 }); // 500..1000 (capped)
 */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  if (!(failures > 0)) return 0;
  // The exponent is capped so a long outage cannot overflow to Infinity before the min() applies.
  const ceiling = Math.min(options.maxMillis, options.baseMillis * 2 ** Math.min(failures - 1, 40));
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
