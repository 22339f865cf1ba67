import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { selectDetectors, urlDetectors } from './builtin-detectors';
import { checkSanitizeOptions } from './check-sanitize-options';
import { CleanValueCache } from './clean-cache';
import { KeyPolicy } from './key-policy';
import { SANITIZE_DEFAULTS } from './options';
import type { SanitizeOptions } from './options';
import { summarizePayload } from './payload-summary';
import { redactRedisScriptArgs } from './redis-script-args';
import { stripSqlLiteralsTracking } from './sql-literals';
import { StatsCounter } from './stats';
import type { SanitizerStats } from './stats';
import { TextScanner } from './text-scanner';

/**
 * How far past `maxValueLength` a long value is still read. Only `maxValueLength + SCAN_MARGIN` characters of
 * a value are ever scanned, so the cost of a value is bounded by the option, not by the value; a secret that
 * starts before the cut and ends within this margin is still recognised whole, so no half of it survives the
 * cut.
 */
const SCAN_MARGIN = 512;
/**
 * How much of an SQL value is stripped of literals (or `maxValueLength + SCAN_MARGIN`, if larger): about a
 * millisecond of work at most, whatever the statement's length.
 */
const SQL_STRIP_LIMIT = 65_536;
/** Integers this large may be card numbers; smaller ones (counts, ids, ms timestamps' cousins) are skipped. */
const NUMERIC_PII_MIN = 1e12;

type Element = string | number | boolean | null | undefined;

/** A scanner with the cache of values it found clean: a value clean for one scanner may not be for another. */
interface ScanPath {
  readonly scanner: TextScanner;
  readonly clean: CleanValueCache;
}

/** The detector that does not apply to server addresses (see `KeyDecision.scan`). */
const IP_DETECTOR = 'ip';

/**
 * Applies a {@link SanitizeOptions} policy to attributes and free text. Instances are immutable apart from
 * their counters; build one at start-up and share it (patterns are compiled once, key decisions cached).
 * @example
 * const sanitizer = new Sanitizer({ extraAllowedAttributes: ['app.*'] });
 * sanitizer.sanitizeAttributes({ 'app.note': 'mail bob@example.com' }); // { 'app.note': 'mail [REDACTED:email]' }
 */
export class Sanitizer {
  private readonly policy: KeyPolicy;
  private readonly maxLength: number;
  private readonly hashKey: string | undefined;
  /** `stripSqlLiterals`: query values (see `KeyDecision.query`) have their literals replaced. */
  private readonly stripSql: boolean;
  /** `redactRedisScriptArgs`: a Redis script call in a query value keeps only its command and digest. */
  private readonly redactScripts: boolean;
  private readonly counter = new StatsCounter();
  /** Every value but server addresses. */
  private readonly general: ScanPath;
  /** Values under server-address keys: every detector but `ip`. */
  private readonly serverAddresses: ScanPath;
  /** Values under URL keys: every detector, and e-mail addresses percent-encoded too. */
  private readonly urls: ScanPath;

  /**
   * @throws TypeError naming the option and the value when an option has the wrong shape (see
   * check-sanitize-options.ts): an unknown option or detector, a string where a list belongs, a redactor that is
   * not a function, a `maxValueLength` that is not a positive integer, an invalid custom detector.
   */
  constructor(options: SanitizeOptions = {}) {
    checkSanitizeOptions(options);
    this.maxLength = options.maxValueLength ?? SANITIZE_DEFAULTS.maxValueLength;
    this.hashKey = options.payloadHashKey;
    this.stripSql = options.stripSqlLiterals ?? SANITIZE_DEFAULTS.stripSqlLiterals;
    this.redactScripts = options.redactRedisScriptArgs ?? SANITIZE_DEFAULTS.redactRedisScriptArgs;
    const detectors = selectDetectors(options.detectors, options.customDetectors);
    this.general = { scanner: new TextScanner(detectors), clean: new CleanValueCache() };
    this.serverAddresses = { scanner: new TextScanner(detectors.filter((d) => d.name !== IP_DETECTOR)), clean: new CleanValueCache() };
    this.urls = { scanner: new TextScanner(urlDetectors(detectors)), clean: new CleanValueCache() };
    this.policy = new KeyPolicy(options, this.general.scanner);
  }

  /**
   * Returns a new attributes object: dropped keys are absent, kept values are redacted and truncated, arrays
   * element by element. The input is never modified. `undefined`/`null` values are skipped.
   */
  sanitizeAttributes(attributes: Attributes | undefined): Attributes {
    const out: Attributes = {};
    if (attributes === undefined) return out;
    for (const key in attributes) {
      if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
      const clean = this.sanitizeValue(key, attributes[key]);
      if (clean !== undefined) out[key] = clean;
    }
    return out;
  }

  /**
   * One attribute of {@link sanitizeAttributes}, for callers that write each kept value straight into their own
   * object (a span) instead of into a new one: the value to keep under `key`, redacted and truncated, or
   * `undefined` when the key is dropped. `undefined` and `null` values are skipped and not counted.
   */
  sanitizeValue(key: string, value: AttributeValue | undefined | null): AttributeValue | undefined {
    if (value === undefined || value === null) return undefined;
    this.counter.addAttributes(1);
    const decision = this.policy.decide(key);
    if (decision.kind === 'drop') {
      this.counter.add(decision.reason);
      return undefined;
    }
    if (decision.kind === 'payload') {
      this.counter.add('payloadsSummarized');
      return summarizePayload(value, this.hashKey);
    }
    if (decision.trustedNumbers === true && typeof value === 'number') return value;
    const scan = decision.scan;
    const path = scan === undefined ? this.general : scan === 'url' ? this.urls : this.serverAddresses;
    if (decision.redactor === undefined) return this.cleanValue(value, decision.query, path);
    const redacted = this.runRedactor(decision.redactor, value, key);
    if (redacted !== undefined) return this.cleanValue(redacted, decision.query, path);
    this.counter.add('droppedByRedactor');
    return undefined;
  }

  /**
   * Redacts what the detectors find in free text (exception messages, stacks, span names, status messages)
   * and applies `maxValueLength`.
   * @example
   * sanitizer.sanitizeText('card 4111 1111 1111 1111 declined') // 'card [REDACTED:paymentCard] declined'
   */
  sanitizeText(text: string): string {
    this.counter.addText();
    return this.cleanString(text);
  }

  /** A frozen snapshot of the counters since construction or the last {@link resetStats}. */
  stats(): SanitizerStats {
    return this.counter.snapshot();
  }

  /** Sets every counter back to zero. */
  resetStats(): void {
    this.counter.reset();
  }

  /** The longest string value kept (the `maxValueLength` option): longer ones are cut by {@link sanitizeText}. */
  get maxValueLength(): number {
    return this.maxLength;
  }

  /** Whether per-key redactors are configured: user code, which may return another value for the same input. */
  get hasRedactors(): boolean {
    return this.policy.hasRedactors;
  }

  /**
   * Counts `count` attributes as examined that a caller took from an earlier result of {@link sanitizeValue} for the
   * same key and value instead of asking again (only values kept unchanged, and only without redactors): the
   * `attributes` counter then still counts every attribute that reached a span.
   */
  countExamined(count: number): void {
    this.counter.addAttributes(count);
  }

  /** Counts a span that could not be sanitized and was withheld from export. */
  countDroppedSpan(): void {
    this.counter.add('spansDropped');
  }

  private runRedactor(
    redactor: (value: AttributeValue, key: string) => AttributeValue | undefined,
    value: AttributeValue,
    key: string,
  ): AttributeValue | undefined {
    this.counter.add('redactorCalls');
    try {
      return redactor(value, key) ?? undefined;
    } catch {
      // A failing redactor must not let the raw value through: drop it.
      return undefined;
    }
  }

  private cleanValue(value: AttributeValue, query: boolean, path: ScanPath): AttributeValue {
    if (typeof value === 'string') return query ? this.cleanQuery(value) : this.cleanString(value, path);
    if (typeof value === 'number') return this.cleanNumber(value);
    if (typeof value === 'boolean') return value;
    if (Array.isArray(value)) return this.cleanArray(value as readonly Element[], query, path);
    // Not a valid attribute value (plain JS callers can pass objects): its JSON is scanned like any text.
    return this.cleanString(JSON.stringify(value) ?? String(value), path);
  }

  private cleanArray(values: readonly Element[], query: boolean, path: ScanPath): AttributeValue {
    const out: Element[] = new Array<Element>(values.length);
    let numberBecameString = false;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || typeof v === 'boolean') out[i] = v;
      else if (typeof v === 'string') out[i] = query ? this.cleanQuery(v) : this.cleanString(v, path);
      else {
        const cleaned = this.cleanNumber(v);
        if (typeof cleaned === 'string') numberBecameString = true;
        out[i] = cleaned;
      }
    }
    // Attribute arrays must be homogeneous: once one number became a marker, all become strings.
    if (numberBecameString) return out.map((v) => (typeof v === 'number' ? String(v) : v)) as AttributeValue;
    return out as AttributeValue;
  }

  private cleanNumber(value: number): number | string {
    if (!Number.isInteger(value) || Math.abs(value) < NUMERIC_PII_MIN) return value;
    const text = String(value);
    const cleaned = this.general.scanner.scan(text, text.length, this.counter.redact).text;
    return cleaned === text ? value : cleaned;
  }

  /**
   * A value under a query key: a Redis script call loses its keys and arguments (`redactRedisScriptArgs`), other
   * text its literals (`stripSqlLiterals`); each switch works without the other. Then the detectors and the cut.
   */
  private cleanQuery(text: string): string {
    if (this.redactScripts) {
      // A Redis script call in a query key (BullMQ's Lua scripts through instrumentation-ioredis) carries whole payloads.
      const script = redactRedisScriptArgs(text);
      if (script !== undefined) {
        if (script !== text) this.counter.add('sqlStripped');
        return this.cleanString(script);
      }
    }
    return this.stripSql ? this.cleanSql(text) : this.cleanString(text);
  }

  /**
   * Literals are stripped before the cut, so a statement whose length is mostly literals (a bulk insert)
   * keeps its shape, and the limit applies to the stripped statement. Stripping is linear but reads at most
   * {@link SQL_STRIP_LIMIT} characters: of a longer statement, only what precedes the last `SCAN_MARGIN`
   * characters read can be kept, so a literal or a secret across the end of what was read is not cut in half.
   */
  private cleanSql(sql: string): string {
    const limit = Math.max(SQL_STRIP_LIMIT, this.maxLength + SCAN_MARGIN);
    const over = sql.length > limit;
    const head = over ? sql.slice(0, limit) : sql;
    const stripped = stripSqlLiteralsTracking(head, over ? limit - SCAN_MARGIN : head.length);
    if (stripped.text !== head) this.counter.add('sqlStripped');
    if (!over && stripped.text.length <= this.maxLength) return this.cleanString(stripped.text);
    const cut = Math.min(stripped.boundary, this.maxLength);
    return this.cleanLong(stripped.text.slice(0, cut + SCAN_MARGIN), cut, sql.length);
  }

  private cleanString(value: string, path: ScanPath = this.general): string {
    if (value.length > this.maxLength) {
      return this.cleanLong(value.slice(0, this.maxLength + SCAN_MARGIN), this.maxLength, value.length, path.scanner);
    }
    if (path.clean.has(value)) return value;
    const hitsBefore = this.counter.hits;
    const text = path.scanner.scan(value, value.length, this.counter.redact).text;
    if (this.counter.hits === hitsBefore) path.clean.remember(value);
    return text;
  }

  /** Scans the window of a long value and cuts it at `boundary` (an index into the window). */
  private cleanLong(window: string, boundary: number, originalLength: number, scanner: TextScanner = this.general.scanner): string {
    this.counter.add('truncated');
    const result = scanner.scan(window, boundary, this.counter.redact);
    let cut = result.boundary;
    const last = result.text.charCodeAt(cut - 1);
    // Never split a surrogate pair: half a pair is invalid UTF-16 and breaks protobuf encoding.
    if (last >= 0xd800 && last <= 0xdbff) cut--;
    return `${result.text.slice(0, cut)}…[TRUNCATED:${originalLength}]`;
  }
}
