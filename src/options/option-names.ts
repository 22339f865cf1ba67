/**
 * Telling a misspelt option name from a real one, for every option bag queue-otel checks when it is built
 * (QueueOtel, setupTracing, the span store, the configuration file ...). One implementation, so that every place
 * suggests the same way. A leaf: it imports nothing, and runs only at construction, never per job.
 */

/** The largest edit distance still suggested: beyond it a name is more likely another thing than a slip. */
const MAX_SUGGESTED_DISTANCE = 2;

/** Levenshtein distance of two short names. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** Case and `-`/`_` do not count: `queue_wait_span`, `Queue-Wait-Span` and `queueWaitSpan` are one name. */
function plain(name: string): string {
  return name.toLowerCase().replace(/[-_]/g, '');
}

/**
 * The names of `known` that `name` most likely meant, ties kept in `known`'s order; empty when none is within
 * two edits. A snake_case spelling of a camelCase option (the configuration file's) is a distance of 0.
 */
export function nearestNames(name: string, known: readonly string[]): string[] {
  const wanted = plain(name);
  const costs = known.map((option) => ({ option, cost: editDistance(plain(option), wanted) }));
  const best = Math.min(...costs.map((c) => c.cost));
  return best <= MAX_SUGGESTED_DISTANCE ? costs.filter((c) => c.cost === best).map((c) => c.option) : [];
}

/**
 * The first name of `given` that is not a key of `known`, or undefined. A name given as undefined is let through,
 * as conditional spreads and optional fields produce.
 */
export function firstUnknownName(given: object, known: Readonly<Record<string, unknown>>): string | undefined {
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(known, name) && (given as Record<string, unknown>)[name] !== undefined) return name;
  }
  return undefined;
}

/**
 * `"name" is not an option of owner (did you mean x or y?)`, or, with nothing near, the list of the options.
 * @param owner what the options belong to, as the user wrote it: `QueueOtel`, `setupTracing`, `setupTracing's limits`.
 */
export function unknownNameMessage(name: string, owner: string, known: readonly string[]): string {
  const near = nearestNames(name, known);
  return `${JSON.stringify(name)} is not an option of ${owner}${near.length > 0 ? ` (did you mean ${near.join(' or ')}?)` : `; the options are ${known.join(', ')}`}`;
}

/**
 * Throws `TypeError('queue-otel: "name" is not an option of owner (did you mean …?)')` for the first name of
 * `given` that is not a key of `known` (undefined values let through); for a constructor to call once, when built.
 * @param known every option, typed by the caller as `Record<keyof Options, true>` so that a new option must be added.
 */
export function checkOptionNames(given: object, known: Readonly<Record<string, true>>, owner: string): void {
  const unknown = firstUnknownName(given, known);
  if (unknown !== undefined) throw new TypeError(`queue-otel: ${unknownNameMessage(unknown, owner, Object.keys(known))}`);
}
