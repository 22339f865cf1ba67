import type { CustomDetector } from './options';

/** A half-open range `[start, end)` of text to replace by a marker. */
export type TextRange = readonly [start: number, end: number];

/** A compiled detector: a cheap pre-check and a finder of ranges to redact. */
export interface Detector {
  /** Marker and stats name. */
  readonly name: string;
  /** Shortest text this detector can match; shorter texts skip it without any regex. */
  readonly minLength: number;
  /** Cheap test; false means `find` cannot return anything, so the heavy patterns are skipped. */
  mayMatch(text: string): boolean;
  /** Sorted, non-overlapping ranges to redact. */
  find(text: string): TextRange[];
}

/**
 * Decides what part of a regex match to redact. Returning undefined rejects the match; the scan then resumes
 * one character after the match start, so a rejected greedy match cannot hide a valid one inside it. That
 * rescan is why a rule whose matches can be rejected must bound its match length (or find its candidates
 * some other way): otherwise every rejected start rereads the rest of the text.
 */
export type MatchAcceptor = (match: RegExpExecArray, text: string) => TextRange | undefined;

/** Accepts the whole match. */
export const wholeMatch: MatchAcceptor = (m) => [m.index, m.index + m[0].length];

/** Accepts only the named group `secret` (needs the `d` flag); rejects values that are already markers. */
export const secretGroup: MatchAcceptor = (m) => {
  const range = m.indices?.groups?.['secret'];
  if (range === undefined || range[1] <= range[0]) return undefined;
  if (m.groups?.['secret']?.startsWith('[REDACTED:') === true) return undefined;
  return [range[0], range[1]];
};

/** A hand-written finder: sorted ranges, in time linear in the text. */
export type RangeFinder = (text: string) => TextRange[];

/** One pattern of a regex detector and how to read its matches. */
export interface PatternRule {
  readonly pattern: RegExp;
  readonly accept: MatchAcceptor;
}

function ensureGlobal(pattern: RegExp): RegExp {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  return new RegExp(pattern.source, flags);
}

function runRule(rule: PatternRule, text: string, out: TextRange[]): void {
  const re = rule.pattern;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const range = rule.accept(m, text);
    // An empty range hides nothing: a pattern that can match nothing (`x*`, a user's) would put a marker between
    // every two characters.
    if (range === undefined || range[1] <= range[0]) re.lastIndex = m.index + 1;
    else {
      out.push(range);
      // Never stand still, or an empty match would loop forever.
      re.lastIndex = Math.max(range[1], m.index + 1);
    }
  }
}

/** Sorts ranges and merges overlapping ones, so two rules finding parts of the same secret redact it once. */
export function mergeRanges(ranges: TextRange[]): TextRange[] {
  if (ranges.length < 2) return ranges;
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/**
 * Builds a detector from regex rules and, optionally, hand-written finders; overlapping ranges found by
 * different rules are merged. Patterns are copied with the `g` flag, so the caller's RegExp objects are
 * never mutated.
 */
export function regexDetector(
  name: string,
  minLength: number,
  mayMatch: (text: string) => boolean,
  rules: readonly PatternRule[],
  finders: readonly RangeFinder[] = [],
): Detector {
  const compiled = rules.map((r) => ({ pattern: ensureGlobal(r.pattern), accept: r.accept }));
  return {
    name,
    minLength,
    mayMatch,
    find(text) {
      const out: TextRange[] = [];
      for (const rule of compiled) runRule(rule, text, out);
      for (const finder of finders) for (const range of finder(text)) out.push(range);
      return mergeRanges(out);
    },
  };
}

/**
 * Compiles a user's {@link CustomDetector}, whose name and pattern the Sanitizer checked when it was built
 * (check-sanitize-options.ts).
 * @example
 * compileCustomDetector({ name: 'pin', pattern: /pin=(?<secret>\d{4})/ })
 */
export function compileCustomDetector(custom: CustomDetector): Detector {
  const pattern = typeof custom.pattern === 'string' ? new RegExp(custom.pattern) : custom.pattern;
  const hasSecret = pattern.source.includes('(?<secret>');
  const flags = hasSecret && !pattern.flags.includes('d') ? `${pattern.flags}d` : pattern.flags;
  const validate = custom.validate;
  const base = hasSecret ? secretGroup : wholeMatch;
  const accept: MatchAcceptor = validate === undefined ? base : (m, text) => (validate(m[0]) ? base(m, text) : undefined);
  return regexDetector(custom.name, 1, () => true, [{ pattern: new RegExp(pattern.source, flags), accept }]);
}
