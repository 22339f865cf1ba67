/**
 * Compiles attribute-key patterns once. Exact keys go into a Set; globs (`*` = any run of characters,
 * dots included) become one anchored alternation, so a lookup is a hash probe plus at most one regex test.
 */

/** A compiled set of key patterns. */
export interface KeyMatcher {
  /** True when `key` equals one of the exact keys or matches one of the globs. */
  matches(key: string): boolean;
}

/** Options for {@link compileKeyPatterns}. */
export interface KeyPatternOptions {
  /** Compare case-insensitively (used for the blocklist, so `Authorization` is caught too). */
  readonly ignoreCase?: boolean;
}

const REGEX_SPECIAL = /[.+?^${}()|[\]\\]/g;

/** Turns one glob into a regex source: `*` becomes `.*`, everything else is literal. */
function globToSource(glob: string): string {
  return glob
    .split('*')
    .map((part) => part.replace(REGEX_SPECIAL, '\\$&'))
    .join('.*');
}

/**
 * Compiles exact keys and `*` globs into a {@link KeyMatcher}.
 * @example
 * compileKeyPatterns(['http.*', 'bullmq.job.id']).matches('http.request.method') // true
 */
export function compileKeyPatterns(patterns: readonly string[], options: KeyPatternOptions = {}): KeyMatcher {
  const ignoreCase = options.ignoreCase === true;
  const exact = new Set<string>();
  const globs: string[] = [];
  for (const pattern of patterns) {
    if (pattern.includes('*')) globs.push(globToSource(ignoreCase ? pattern.toLowerCase() : pattern));
    else exact.add(ignoreCase ? pattern.toLowerCase() : pattern);
  }
  const combined = globs.length > 0 ? new RegExp(`^(?:${globs.join('|')})$`, 's') : undefined;
  return {
    matches(key: string): boolean {
      const probe = ignoreCase ? key.toLowerCase() : key;
      return exact.has(probe) || (combined !== undefined && combined.test(probe));
    },
  };
}
