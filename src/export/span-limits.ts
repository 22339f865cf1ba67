import type { SpanLimits } from '@opentelemetry/sdk-trace-base';
import { envWholeNumber } from '../options';
import { diag } from '../otel-api';
import type { WarningLogger } from '../propagation/failure-reporter';

/** Options of {@link spanLimitsFrom}; each falls back to its standard `OTEL_*` variable, then to the default. */
export interface SpanLimitOptions {
  /** Longest string attribute value (also each string of an array); longer ones are cut. @default 1000 */
  attributeValueLengthLimit?: number;
  /** Attributes per span; further new keys are dropped and counted by the SDK. @default 128 */
  attributeCountLimit?: number;
  /** Events per span; further events are dropped and counted by the SDK. @default 128 */
  eventCountLimit?: number;
  /** Links per span. @default 128 */
  linkCountLimit?: number;
  /** Attributes per event. @default 128 */
  attributePerEventCountLimit?: number;
  /** Attributes per link. @default 128 */
  attributePerLinkCountLimit?: number;
}

/**
 * Defaults of {@link spanLimitsFrom}. The SDK's own default value length is unlimited; 1000 characters keeps
 * an accidental payload or stack trace from making a span megabytes large.
 */
export const SpanLimitDefaults: Readonly<Required<SpanLimitOptions>> = {
  attributeValueLengthLimit: 1000,
  attributeCountLimit: 128,
  eventCountLimit: 128,
  linkCountLimit: 128,
  attributePerEventCountLimit: 128,
  attributePerLinkCountLimit: 128,
};

// Span-specific variable first, then the general one, as the OpenTelemetry specification orders them.
const ENV: Record<keyof SpanLimitOptions, readonly string[]> = {
  attributeValueLengthLimit: ['OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT', 'OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT'],
  attributeCountLimit: ['OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT', 'OTEL_ATTRIBUTE_COUNT_LIMIT'],
  eventCountLimit: ['OTEL_SPAN_EVENT_COUNT_LIMIT'],
  linkCountLimit: ['OTEL_SPAN_LINK_COUNT_LIMIT'],
  attributePerEventCountLimit: ['OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT', 'OTEL_EVENT_ATTRIBUTE_COUNT_LIMIT'],
  attributePerLinkCountLimit: ['OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT', 'OTEL_LINK_ATTRIBUTE_COUNT_LIMIT'],
};

/**
 * The SDK `SpanLimits` for the tracer provider config (`new NodeTracerProvider({ spanLimits })`). Each
 * limit is the option, else its `OTEL_SPAN_*` / `OTEL_*` variable, else {@link SpanLimitDefaults}. Passing
 * the result to the SDK makes it authoritative (the SDK reads the variables only for limits left unset).
 * What the SDK trims is counted by {@link TraceLimitSpanProcessor}. A variable that is not a whole number >= 0
 * (decimal digits only) is reported through `warn` (by default OpenTelemetry's `diag.warn`), naming what is used
 * instead, and skipped: the next variable, else the default.
 *
 * @throws RangeError when an option is not a non-negative integer (the message names it).
 * @example
 * const provider = new NodeTracerProvider({
 *   spanLimits: spanLimitsFrom({ attributeValueLengthLimit: 2000 }),
 *   spanProcessors: [new TraceLimitSpanProcessor(new BatchSpanProcessor(exporter))],
 * });
 */
export function spanLimitsFrom(
  options: SpanLimitOptions = {},
  env: NodeJS.ProcessEnv = process.env,
  warn: WarningLogger = (message) => diag.warn(message),
): Required<SpanLimits> {
  const pick = (key: keyof SpanLimitOptions): number => {
    const value = options[key];
    if (value !== undefined) {
      if (!Number.isInteger(value) || value < 0) throw new RangeError(`queue-otel: ${key} must be a non-negative integer, got ${String(value)}`);
      return value;
    }
    // 0 is accepted, as it always was: the SDK cuts no value at a length limit of 0 and keeps no items at a count of 0.
    return envWholeNumber(env, ENV[key], 0, SpanLimitDefaults[key], warn);
  };
  return {
    attributeValueLengthLimit: pick('attributeValueLengthLimit'),
    attributeCountLimit: pick('attributeCountLimit'),
    eventCountLimit: pick('eventCountLimit'),
    linkCountLimit: pick('linkCountLimit'),
    attributePerEventCountLimit: pick('attributePerEventCountLimit'),
    attributePerLinkCountLimit: pick('attributePerLinkCountLimit'),
  };
}
