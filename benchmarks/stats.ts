/** Median of a non-empty list (mean of the middle two for even lengths). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median, min and max of a list. */
export interface Spread {
  median: number;
  min: number;
  max: number;
}

/** The {@link Spread} of `values`. */
export function spread(values: readonly number[]): Spread {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * Ratios of paired rounds: round i of `mode` divided by round i of the baseline. Pairing cancels
 * slow drifts in machine load (this machine is shared), which a ratio of overall means would not.
 */
export function pairedRatios(mode: readonly number[], baseline: readonly number[]): Spread {
  const ratios = mode.map((value, i) => value / baseline[i]!);
  return spread(ratios);
}

/** The mode order of round `round`: rotated so every mode runs in every position once per N rounds. */
export function roundOrder<T>(modes: readonly T[], round: number): T[] {
  const shift = round % modes.length;
  return [...modes.slice(shift), ...modes.slice(0, shift)];
}
