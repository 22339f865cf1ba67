import { Sanitizer } from './sanitizer';

let shared: Sanitizer | undefined;

/**
 * The process-wide Sanitizer with the safe defaults, created on first use. QueueOtel uses it when its `sanitize`
 * option is not given, and so do `SanitizingSpanProcessor` and `SanitizingSpanExporter` without a sanitizer of
 * their own (and setupTracing's processor): one set of rules and one set of statistics for the whole process.
 * @example
 * defaultSanitizer().stats().redacted // what was redacted, by detector, across QueueOtel and the processor
 */
export function defaultSanitizer(): Sanitizer {
  return (shared ??= new Sanitizer());
}
