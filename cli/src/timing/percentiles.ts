/** Percentiles of a sample, nearest-rank: every value shown is one that was measured. */

/** Count, percentiles and maximum of a sample; the percentiles are undefined for an empty sample. */
export interface Distribution {
  count: number;
  p50?: number;
  p95?: number;
  p99?: number;
  max?: number;
}

/** The `p`-th percentile (0 < p ≤ 100) of ascending `sorted` values by nearest rank; undefined when empty. */
export function percentile(sorted: readonly number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((Math.min(100, Math.max(0, p)) / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** The distribution of `values`; values that are not finite numbers are left out. */
export function distribution(values: readonly (number | undefined)[]): Distribution {
  const sorted = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  const result: Distribution = { count: sorted.length };
  const p50 = percentile(sorted, 50);
  if (p50 === undefined) return result;
  result.p50 = p50;
  result.p95 = percentile(sorted, 95) ?? p50;
  result.p99 = percentile(sorted, 99) ?? p50;
  result.max = sorted[sorted.length - 1] ?? p50;
  return result;
}
