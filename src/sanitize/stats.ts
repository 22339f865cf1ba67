/**
 * What a sanitizer changed, so nothing is lost silently. Counters only grow until `resetStats()`;
 * export them as metrics or log them on shutdown.
 */
export interface SanitizerStats {
  /** Attributes examined (span, event and link attributes alike). */
  readonly attributes: number;
  /** Texts examined through `sanitizeText` (span names, status messages and direct calls). */
  readonly texts: number;
  /** Attributes dropped because their key is not on the allowlist. */
  readonly droppedNotAllowed: number;
  /** Attributes dropped because their key is on the blocklist. */
  readonly droppedBlocked: number;
  /** Attributes dropped because their key itself contains PII (an e-mail address, a card number …). */
  readonly droppedPiiKey: number;
  /** Attributes dropped because their key is longer than 256 characters (too long to be checked). */
  readonly droppedLongKey: number;
  /** Attributes dropped because their redactor threw or returned `undefined`. */
  readonly droppedByRedactor: number;
  /** Redactions per detector name (one per value or part of a value replaced by a marker). */
  readonly redacted: Readonly<Record<string, number>>;
  /** Values passed through a per-key redactor. */
  readonly redactorCalls: number;
  /** Payload attributes replaced by their size and hash. */
  readonly payloadsSummarized: number;
  /** SQL values whose literals were stripped (counted only when something changed). */
  readonly sqlStripped: number;
  /** Values cut to `maxValueLength`. */
  readonly truncated: number;
  /** Spans that could not be sanitized and were therefore not exported (a bug: please report it). */
  readonly spansDropped: number;
}

type MutableStats = { -readonly [K in keyof SanitizerStats]: K extends 'redacted' ? Record<string, number> : number };

/** Mutable counters behind {@link SanitizerStats}; internal to the sanitizer. */
export class StatsCounter {
  private s: MutableStats = StatsCounter.empty();

  private static empty(): MutableStats {
    return {
      attributes: 0,
      texts: 0,
      droppedNotAllowed: 0,
      droppedBlocked: 0,
      droppedPiiKey: 0,
      droppedLongKey: 0,
      droppedByRedactor: 0,
      redacted: {},
      redactorCalls: 0,
      payloadsSummarized: 0,
      sqlStripped: 0,
      truncated: 0,
      spansDropped: 0,
    };
  }

  /** Adds one to a plain counter. */
  add(key: Exclude<keyof SanitizerStats, 'redacted'>): void {
    this.s[key]++;
  }

  /** Counts `count` examined attributes. */
  addAttributes(count: number): void {
    this.s.attributes += count;
  }

  /**
   * Adds one to `texts`: by name, as {@link addAttributes}, because `add`'s one store site sees every counter's key,
   * and V8 then looks each one up in its megamorphic cache.
   */
  addText(): void {
    this.s.texts++;
  }

  /** Counts one redaction by `detector`. Bound once so the scanner can call it without allocating. */
  readonly redact = (detector: string): void => {
    this.s.redacted[detector] = (this.s.redacted[detector] ?? 0) + 1;
    this.hits++;
  };

  /** Redactions since construction (never reset): lets a caller tell whether one scan found anything. */
  hits = 0;

  /** A frozen copy, safe to hand out. */
  snapshot(): SanitizerStats {
    return Object.freeze({ ...this.s, redacted: Object.freeze({ ...this.s.redacted }) });
  }

  reset(): void {
    this.s = StatsCounter.empty();
  }
}
