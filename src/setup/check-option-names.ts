/**
 * Refuses an option name setupTracing does not know, in its options and in the option bags nested in them. Without
 * it a slip did nothing: `service_name: 'mailer'` (the configuration file's spelling) exported as
 * `unknown_service:node`, `limits: { spansPerTace: 50 }` kept the limit at 1000. Like every other mistake in options
 * given in code (a bad `protocol`, a `logger` that is no function), it throws before anything is built; only the
 * `OTEL_*` variables, which the code does not control, are reported and ignored.
 */
import { RESILIENT_OPTIONS } from '../export';
import { checkOptionNames } from '../options';
import { QueueSampler, RATE_OPTIONS } from '../sampling';
import type { SetupTracingOptions, TraceLimits } from './options';

/** Typed so that a new option must be added here. */
const TOP_LEVEL: Readonly<Record<keyof SetupTracingOptions, true>> = {
  serviceName: true, protocol: true, endpoint: true, headers: true, resourceAttributes: true, sampling: true, sanitize: true,
  exporter: true, fallback: true, resilience: true, limits: true, healthMetrics: true, spanProcessors: true, instrumentations: true,
  enabled: true, logger: true, env: true,
};

const LIMITS: Readonly<Record<keyof TraceLimits, true>> = { spansPerTrace: true, attributeValueLength: true, eventsPerSpan: true };

/** What `resilience` takes: the ResilientSpanExporter's options but the two setupTracing has options of its own for. */
const RESILIENCE: Readonly<Record<keyof NonNullable<SetupTracingOptions['resilience']>, true>> = (() => {
  const { fallback: _fallback, health: _health, ...rest } = RESILIENT_OPTIONS;
  return Object.freeze(rest);
})();

function check(given: unknown, known: Readonly<Record<string, true>>, owner: string): void {
  // A bag of the wrong type is left to the checks of its values; only the names of a plain object are read here.
  if (typeof given !== 'object' || given === null || Array.isArray(given)) return;
  checkOptionNames(given, known, owner);
}

/**
 * Throws a TypeError for the first name of `options`, `limits`, `resilience` or `sampling` (as rates, not a
 * QueueSampler) that is no option, naming the nearest option. `sanitize` is checked by the Sanitizer it builds;
 * `headers` and `resourceAttributes` are maps of any names.
 */
export function checkSetupOptionNames(options: SetupTracingOptions): void {
  check(options, TOP_LEVEL, 'setupTracing');
  check(options.limits, LIMITS, 'setupTracing limits');
  check(options.resilience, RESILIENCE, 'setupTracing resilience');
  if (!(options.sampling instanceof QueueSampler)) check(options.sampling, RATE_OPTIONS, 'setupTracing sampling');
}
