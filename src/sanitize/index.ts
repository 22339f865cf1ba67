/**
 * Attribute policy and PII redaction for spans: a {@link Sanitizer} for attributes and text, a span
 * processor and an exporter wrapper that apply it before export, and the configuration-file parser.
 */
export { Sanitizer } from './sanitizer';
export { defaultSanitizer } from './default-sanitizer';
export { isSanitizedAtSource, markSanitizedAtSource } from './source-marks';
export type { SanitizerStats } from './stats';
export { SanitizingSpanProcessor } from './span-processor';
export { SanitizingSpanExporter } from './span-exporter';
export { sanitizeSpan } from './span-view';
export { parseSanitizeConfig, readSanitizeConfig } from './config';
export type { SanitizeConfigIssue } from './config';
export { DETECTOR_NAMES, SANITIZE_DEFAULTS } from './options';
export type { AttributeRedactor, CustomDetector, DetectorName, SanitizeOptions } from './options';
export {
  DEFAULT_ALLOWED_ATTRIBUTES,
  DEFAULT_BLOCKED_ATTRIBUTES,
  PAYLOAD_ATTRIBUTE_KEYS,
  SQL_ATTRIBUTE_KEYS,
} from './default-policy';
export { redactionMarker } from './text-scanner';
export { stripSqlLiterals } from './sql-literals';
export { summarizePayload } from './payload-summary';
export { ibanValid, luhnValid } from './checksums';
