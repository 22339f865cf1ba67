/**
 * Turning free-form names (queue names, job names, states, reasons) into Prometheus label values whose
 * number is bounded. Every label value this package writes goes through here: a time series is created per
 * distinct label set, so one unbounded value (a job id, a trace id, a user-chosen name) would grow the
 * registry and the Prometheus head block without limit.
 */
import type { LabelRedactor } from './label-redaction';

/**
 * The label value that every name beyond a limit folds into.
 * @example
 * limiter.value('email.send.user-123') // '__other__' once the limit is reached
 */
export const OTHER_LABEL_VALUE = '__other__';

/** Used when a name is missing or empty after sanitizing, so a series is never labelled `""`. */
export const UNKNOWN_LABEL_VALUE = 'unknown';

/**
 * Longest label value kept, in characters. Longer values are cut: a name that long is almost certainly
 * generated (ids, JSON), and long values also eat into Prometheus' per-series memory.
 * @default 128
 */
export const MAX_LABEL_VALUE_LENGTH = 128;

/**
 * Longest stretch of a value read at all, in UTF-16 units: a job name can be megabytes, and cleaning it whole per job
 * would cost time for nothing, as only {@link MAX_LABEL_VALUE_LENGTH} units are kept. Control characters and blanks
 * within it are removed before the final cut.
 */
const SANITIZE_WINDOW = 4 * MAX_LABEL_VALUE_LENGTH;

/** Printable ASCII, not starting or ending with a space: the usual name, returned as it is. */
const PLAIN_VALUE = /^[!-~](?:[ -~]*[!-~])?$/;

/** C0 controls, DEL and C1 controls (U+0080 to U+009F: NEL, CSI ... read by terminals). */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** `String.prototype.toWellFormed` (Node 20+; the ES2022 lib the package compiles against does not declare it). */
type WellFormable = string & { toWellFormed(): string };

/**
 * Cleans one label value: reads at most the first 512 UTF-16 units, replaces lone surrogates by U+FFFD (two different
 * lone surrogates would otherwise print as the same label set), removes control characters (C0, DEL and C1: they
 * break log lines and some scrapers), trims, cuts to {@link MAX_LABEL_VALUE_LENGTH} without splitting a surrogate
 * pair and replaces an empty or non-string result by `unknown`. Quotes and backslashes are kept: prom-client escapes
 * them in the exposition. A short printable-ASCII value is checked with one regular expression and returned as is.
 * @example
 * sanitizeLabelValue(' emails\n') // 'emails'
 * sanitizeLabelValue(undefined)   // 'unknown'
 */
export function sanitizeLabelValue(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return UNKNOWN_LABEL_VALUE;
  }
  const text = String(value);
  if (text.length <= MAX_LABEL_VALUE_LENGTH && PLAIN_VALUE.test(text)) return text;
  return cutLabelValue(cleanLabelText(text));
}

/**
 * The first 512 UTF-16 units of `text`, well-formed, without control characters, trimmed, not yet cut to
 * {@link MAX_LABEL_VALUE_LENGTH}: what a redactor reads, so that a control character cannot split an e-mail address
 * the detectors would otherwise find, and a secret across the 128-unit cut is still seen whole.
 */
function cleanLabelText(text: string): string {
  return (cutAtCodePoint(text, SANITIZE_WINDOW) as WellFormable).toWellFormed().replace(CONTROL_CHARACTERS, '').trim();
}

/** A cleaned value cut to {@link MAX_LABEL_VALUE_LENGTH}, or `unknown` when nothing is left. */
function cutLabelValue(cleaned: string): string {
  if (cleaned.length === 0) return UNKNOWN_LABEL_VALUE;
  return cleaned.length > MAX_LABEL_VALUE_LENGTH ? cutAtCodePoint(cleaned, MAX_LABEL_VALUE_LENGTH).trimEnd() : cleaned;
}

/**
 * {@link sanitizeLabelValue} with `redactor`'s redaction between cleaning and the final cut: control characters
 * go first (they could hide an address from the detectors), the 128-unit cut last (a card number across it is
 * still redacted whole). The redactor's output is cleaned again, so it stays a valid label whatever its rules.
 */
export function redactedLabelValue(value: unknown, redactor: LabelRedactor): string {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return UNKNOWN_LABEL_VALUE;
  }
  const cleaned = cleanLabelText(String(value));
  if (cleaned.length === 0) return UNKNOWN_LABEL_VALUE;
  return sanitizeLabelValue(redactor.redact(cleaned));
}

/** The first `length` UTF-16 units of `text`, one fewer when the last would be the high half of a surrogate pair. */
function cutAtCodePoint(text: string, length: number): string {
  if (text.length <= length) return text;
  const last = text.charCodeAt(length - 1);
  return text.slice(0, last >= 0xd800 && last <= 0xdbff ? length - 1 : length);
}

/**
 * Most raw values whose label a {@link BoundedLabelValues} remembers (beyond its limit: many raw names can fold into
 * one label), and the longest raw value remembered; the memory is cleared when full, like the sanitizer's own cache.
 */
const LABEL_CACHE_MIN_CAPACITY = 256;
const LABEL_CACHE_MAX_KEY_LENGTH = 1024;

/**
 * A set of at most `limit` distinct label values: the first `limit` values seen are kept as they are,
 * every later new value becomes {@link OTHER_LABEL_VALUE}. Values already admitted stay admitted, so a
 * series never changes its label half-way through a process's life.
 *
 * With a {@link LabelRedactor}, values are redacted (see {@link redactedLabelValue}) before they are counted. The
 * label of each raw value is remembered in a bounded map: the same few names come with every job, and a value's
 * label never changes once given (admitted stays admitted, folded stays folded as the set is full for good), so a
 * job costs one Map lookup, not a scan, until the redactor's rules change.
 * @example
 * const names = new BoundedLabelValues(2);
 * names.value('a'); names.value('b');
 * names.value('c'); // '__other__'
 * names.value('a'); // 'a'
 */
export class BoundedLabelValues {
  readonly #admitted = new Set<string>();
  readonly #limit: number;
  readonly #redactor: LabelRedactor | undefined;
  readonly #labels = new Map<string | number | boolean, string>();
  readonly #capacity: number;
  #version: number;

  /**
   * @param limit how many distinct values to keep; at least 0 (0 folds everything).
   * @param redactor redacts values before they are counted; none keeps them as {@link sanitizeLabelValue} cleans them.
   */
  constructor(limit: number, redactor?: LabelRedactor) {
    this.#limit = Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : 0;
    this.#redactor = redactor;
    this.#version = redactor?.version ?? 0;
    this.#capacity = Math.max(LABEL_CACHE_MIN_CAPACITY, 4 * this.#limit);
  }

  /** The sanitized (and redacted) value, or `__other__` when it is new and the set is full. */
  value(raw: unknown): string {
    const redactor = this.#redactor;
    if (redactor === undefined) return this.#admit(sanitizeLabelValue(raw));
    if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return this.#admit(UNKNOWN_LABEL_VALUE);
    if (redactor.version !== this.#version) {
      this.#labels.clear();
      this.#version = redactor.version;
    }
    const known = this.#labels.get(raw);
    if (known !== undefined) return known;
    const label = this.#admit(redactedLabelValue(raw, redactor));
    if (typeof raw !== 'string' || raw.length <= LABEL_CACHE_MAX_KEY_LENGTH) {
      if (this.#labels.size >= this.#capacity) this.#labels.clear();
      this.#labels.set(raw, label);
    }
    return label;
  }

  #admit(clean: string): string {
    if (this.#admitted.has(clean)) return clean;
    if (this.#admitted.size >= this.#limit) return OTHER_LABEL_VALUE;
    this.#admitted.add(clean);
    return clean;
  }

  /** How many distinct values have been admitted so far. */
  get size(): number {
    return this.#admitted.size;
  }
}

/**
 * Options bounding the queue and job-name labels.
 */
export interface LabelLimits {
  /**
   * Distinct queue names kept as `messaging_destination_name`; later queues fold into `__other__`.
   * @default 50
   */
  maxQueues?: number;
  /**
   * Distinct job names kept per queue as `bullmq_job_name`; later names fold into `__other__`.
   * @default 100
   */
  maxJobNames?: number;
  /**
   * Distinct `error_type` values kept (error classes, across queues); later ones fold into `__other__`.
   * @default 50
   */
  maxErrorTypes?: number;
}

/** Default for {@link LabelLimits.maxErrorTypes}. */
export const DEFAULT_MAX_ERROR_TYPES = 50;

/** Default for {@link LabelLimits.maxQueues}. */
export const DEFAULT_MAX_QUEUES = 50;
/** Default for {@link LabelLimits.maxJobNames}. */
export const DEFAULT_MAX_JOB_NAMES = 100;

/**
 * Bounds the two names that identify a class of jobs: the queue, then the job name within that queue.
 * One instance is shared by {@link QueueMetrics} and its BullMQ meter, so both fold the same names.
 * @example
 * const limiter = new QueueLabelLimiter({ maxJobNames: 100 });
 * const { queue, jobName } = limiter.labels('emails', 'welcome');
 */
export class QueueLabelLimiter {
  readonly #queues: BoundedLabelValues;
  readonly #jobNames = new Map<string, BoundedLabelValues>();
  readonly #maxJobNames: number;
  readonly #errorTypes: BoundedLabelValues;

  readonly #redactor: LabelRedactor | undefined;

  /**
   * @param redactor redacts names before they are counted (see {@link BoundedLabelValues}); QueueMetrics passes its
   * own, so spans and labels of the same job hide the same text.
   */
  constructor(limits: LabelLimits = {}, redactor?: LabelRedactor) {
    this.#redactor = redactor;
    this.#queues = new BoundedLabelValues(limits.maxQueues ?? DEFAULT_MAX_QUEUES, redactor);
    this.#maxJobNames = limits.maxJobNames ?? DEFAULT_MAX_JOB_NAMES;
    this.#errorTypes = new BoundedLabelValues(limits.maxErrorTypes ?? DEFAULT_MAX_ERROR_TYPES, redactor);
  }

  /** The redactor the names go through, if any (BullMQ's meter and the health metrics share it). */
  get redactor(): LabelRedactor | undefined {
    return this.#redactor;
  }

  /** The bounded `error_type` label: error classes come from whatever the application throws. */
  errorType(rawErrorType: unknown): string {
    return this.#errorTypes.value(rawErrorType);
  }

  /** The bounded queue label. */
  queue(rawQueue: unknown): string {
    return this.#queues.value(rawQueue);
  }

  /** The bounded queue and job-name labels; job names are counted per (bounded) queue. */
  labels(rawQueue: unknown, rawJobName: unknown): { queue: string; jobName: string } {
    const queue = this.queue(rawQueue);
    let names = this.#jobNames.get(queue);
    if (!names) {
      names = new BoundedLabelValues(this.#maxJobNames, this.#redactor);
      this.#jobNames.set(queue, names);
    }
    return { queue, jobName: names.value(rawJobName) };
  }
}
