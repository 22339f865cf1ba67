import { defaultSanitizer, Sanitizer } from '../sanitize';
import type { SanitizeOptions } from '../sanitize';

/**
 * The `sanitize` option of the metrics (QueueMetrics, createBullmqMeter, TracingHealthMetrics), taken as QueueOtel
 * takes its own: a {@link Sanitizer} (to share rules and counters), options to build one, or `false` for label values
 * without redaction. Left out, labels are redacted by the QueueOtel that feeds the metrics (its `sanitize`), or, until
 * one does, by the process-wide `defaultSanitizer()`.
 */
export type LabelSanitizeOption = SanitizeOptions | Sanitizer | false;

/** Options taking {@link LabelSanitizeOption}. */
export interface LabelSanitizeOptions {
  /**
   * How label values that can carry user text (queue and job names, error types, operations) are redacted before
   * they reach the registry: the detectors and the length limit QueueOtel applies to span names. A Sanitizer, options
   * to build one, or `false` for none.
   * @default the `sanitize` of the QueueOtel the metrics are given to, else `defaultSanitizer()`
   */
  sanitize?: LabelSanitizeOption;
}

/**
 * Redacts label values with a Sanitizer, the one the span names of the same jobs go through. Shared by every bounded
 * label set of one QueueMetrics (its limiter, its BullMQ meter, its health metrics), so all of them change rules
 * together. Each set caches its results per raw value (see BoundedLabelValues), so a job costs a Map lookup, not a
 * scan; {@link version} tells those caches when the rules changed.
 */
export class LabelRedactor {
  #sanitizer: Sanitizer | undefined;
  /** Whether the rules were chosen (an explicit option, or adopted from a QueueOtel) and are no longer replaced. */
  #settled: boolean;
  #version = 0;

  /** @param option as {@link LabelSanitizeOptions.sanitize}; `undefined` redacts with `defaultSanitizer()` until a QueueOtel hands its own. */
  constructor(option?: LabelSanitizeOption) {
    this.#settled = option !== undefined;
    this.#sanitizer = option === false ? undefined : option instanceof Sanitizer ? option : option === undefined ? defaultSanitizer() : new Sanitizer(option);
  }

  /** Bumped whenever the rules change: a cache of redacted labels is stale once its version differs. */
  get version(): number {
    return this.#version;
  }

  /** `text` with what the detectors find redacted and the sanitizer's length limit applied; as it is without a sanitizer. */
  redact(text: string): string {
    return this.#sanitizer === undefined ? text : this.#sanitizer.sanitizeText(text);
  }

  /**
   * Takes the sanitizer of the QueueOtel that feeds these metrics, unless the rules were given explicitly or a first
   * QueueOtel already handed its own (labels stay stable). A QueueOtel with `sanitize: false` hands none, so labels
   * stay redacted by default: turning span sanitizing off does not turn it off for metrics.
   */
  adopt(sanitizer: Sanitizer): void {
    if (this.#settled) return;
    this.#settled = true;
    if (sanitizer === this.#sanitizer) return;
    this.#sanitizer = sanitizer;
    this.#version++;
  }
}
