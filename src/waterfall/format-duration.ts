/** Human duration labels for the ruler and the duration column. */

/** Up to two decimals, without trailing zeros. */
function trim(value: number): string {
  return String(Number(value.toFixed(2)));
}

/** Formats microseconds as `850µs`, `1.5ms`, `12s` or `2m5s`. */
export function formatDuration(us: number): string {
  const abs = Math.abs(us);
  if (abs < 1_000) return `${trim(us)}µs`;
  if (abs < 1_000_000) return `${trim(us / 1_000)}ms`;
  if (abs < 60_000_000) return `${trim(us / 1_000_000)}s`;
  const totalSeconds = Math.round(us / 1_000_000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return seconds === 0 ? `${minutes}m` : `${minutes}m${seconds}s`;
}
