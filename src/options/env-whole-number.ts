/**
 * The one reader of whole-number environment variables: setupTracing's `OTEL_BSP_*` (src/setup/batch-settings.ts)
 * and `spanLimitsFrom`'s `OTEL_*_LIMIT` (src/export/span-limits.ts). Both once had a parser of their own, which
 * accepted different text and worded an unusable value differently. A leaf, importing nothing: src/setup imports
 * src/export, so a parser in either folder would make the other import back up.
 */

/**
 * A whole number written in decimal digits only (no sign, fraction, exponent or hex: `1e3` and `0x10` are
 * slips more often than intent), a safe integer and at least `min`; else undefined.
 */
export function parseWholeNumber(raw: string, min: number): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value >= min ? value : undefined;
}

/**
 * The first usable variable of `names` (in that order: a specific variable before its general one, as the
 * OpenTelemetry specification orders them), else `fallback`. A variable that is unset or empty after trimming is
 * skipped silently, as the specification says; one that is set but unusable is reported through `warn`, naming it,
 * its value, the bound and what is used instead, e.g. `OTEL_BSP_MAX_QUEUE_SIZE="0" is not a whole number >= 1;
 * using the default 2048` or `OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT="lots" is not a whole number >= 0; using 64 from
 * OTEL_ATTRIBUTE_COUNT_LIMIT`. Never throws: a typo in a deployment must not stop a worker from starting.
 * @param names one variable, or a specific one and its general fallbacks.
 * @param min the smallest value accepted (0 where 0 means something, such as "no attributes" or "no delay").
 * @param fallback the default, used when no variable is usable.
 */
export function envWholeNumber(
  env: NodeJS.ProcessEnv,
  names: string | readonly string[],
  min: number,
  fallback: number,
  warn: (message: string) => void,
): number {
  const unusable: string[] = [];
  let found: { name: string; value: number } | undefined;
  for (const name of typeof names === 'string' ? [names] : names) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    const value = parseWholeNumber(raw, min);
    if (value !== undefined) {
      found = { name, value };
      break;
    }
    unusable.push(`${name}=${JSON.stringify(raw)}`);
  }
  const used = found === undefined ? `the default ${fallback}` : `${found.value} from ${found.name}`;
  for (const variable of unusable) warn(`${variable} is not a whole number >= ${min}; using ${used}`);
  return found === undefined ? fallback : found.value;
}
