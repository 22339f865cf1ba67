/**
 * Compiles attribute-key patterns once. Exact keys go into a Set; globs (`*` = any run of characters, dots
 * included) are matched segment by segment without regular expressions: a regex such as `^.*a.*b.*$`
 * backtracks polynomially on a long key full of `a`s, while the greedy segment search below is linear in
 * the key for every glob.
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

/** A glob split at its stars: the key starts with `head`, ends with `tail`, and holds `middle` in order. */
interface Glob {
  readonly head: string;
  readonly middle: readonly string[];
  readonly tail: string;
  /** `head.length + tail.length + every middle part`: shorter keys cannot match. */
  readonly minLength: number;
}

function compileGlob(glob: string): Glob {
  const parts = glob.split('*');
  const head = parts[0] ?? '';
  const tail = parts.length > 1 ? (parts[parts.length - 1] ?? '') : '';
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  return { head, middle, tail, minLength: middle.reduce((n, p) => n + p.length, head.length + tail.length) };
}

/**
 * Leftmost placement of each middle part is optimal for `*`-only globs: if any placement matches, the
 * greedy one does, so no backtracking is needed.
 */
function globMatches(g: Glob, key: string): boolean {
  if (key.length < g.minLength || !key.startsWith(g.head) || !key.endsWith(g.tail)) return false;
  let from = g.head.length;
  const limit = key.length - g.tail.length;
  for (const part of g.middle) {
    const at = key.indexOf(part, from);
    if (at === -1 || at + part.length > limit) return false;
    from = at + part.length;
  }
  return true;
}

/**
 * Compiles exact keys and `*` globs into a {@link KeyMatcher}.
 * @example
 * compileKeyPatterns(['http.*', 'app.order.id']).matches('http.request.method') // true
 */
export function compileKeyPatterns(patterns: readonly string[], options: KeyPatternOptions = {}): KeyMatcher {
  const ignoreCase = options.ignoreCase === true;
  const exact = new Set<string>();
  const globs: Glob[] = [];
  for (const raw of patterns) {
    const pattern = ignoreCase ? raw.toLowerCase() : raw;
    if (pattern.includes('*')) globs.push(compileGlob(pattern));
    else exact.add(pattern);
  }
  return {
    matches(key: string): boolean {
      const probe = ignoreCase ? key.toLowerCase() : key;
      return exact.has(probe) || globs.some((g) => globMatches(g, probe));
    },
  };
}
