/**
 * queue-otel: the BullMQ instrumentation alone (QueueOtel, propagation, sampling, sanitizing). Add-ons live
 * behind subpaths: `queue-otel/setup`, `/export`, `/metrics`, `/store`, `/observer`, `/config`, `/traces`
 * (docs/migration.md lists what moved where).
 */

// Tracing adapter (docs/spans.md)
export {
  QueueOtel,
  categorizeFailure,
  BullmqAttributes,
  BullmqNativeSafeAttributes,
  BullmqPayloadAttributes,
  ErrorAttributes,
  MessagingAttributes,
  QUEUE_OTEL_ATTRIBUTE_KEYS,
} from './telemetry';
export type {
  AttemptOutcome,
  AttemptReport,
  FailureCategory,
  JobLifecycleObserver,
  MetadataFormat,
  PropagationMode,
  QueueOtelOptions,
  SendReport,
  UnsampledJobs,
} from './telemetry';

// Propagation through job metadata
export {
  decodeMetadata,
  encodeMetadata,
  validateTraceparent,
  MAX_METADATA_LENGTH,
  jobContext,
  runInJobContext,
  UNSAMPLED_METADATA,
} from './propagation';
export type { JobWithMetadata, PropagationDirection, PropagationFailureReason } from './propagation';

// Sampling (docs/sampling.md)
export { QueueSampler, rateFromEnv } from './sampling';
export type { RateListener, SamplingRates } from './sampling';

// Attribute policy and PII redaction (docs/security.md)
export { Sanitizer, SanitizingSpanExporter, SanitizingSpanProcessor, parseSanitizeConfig, DETECTOR_NAMES } from './sanitize';
export type { AttributeRedactor, CustomDetector, DetectorName, SanitizeOptions, SanitizerStats } from './sanitize';

export { PACKAGE_VERSION } from './version';
