/**
 * queue-otel: the BullMQ instrumentation alone (QueueOtel, propagation, sampling, sanitizing, the shared
 * vocabulary). It loads `@opentelemetry/api`, `@opentelemetry/core` and bullmq's own modules, nothing else. Add-ons
 * live behind subpaths: `queue-otel/setup`, `/export`, `/metrics`, `/store`, `/observer`, `/config`, `/traces`
 * (docs/migration.md lists what moved where).
 */

// Tracing adapter (docs/spans.md)
export { QueueOtel } from './telemetry';
export type { MetadataFormat, QueueOtelOptions, UnsampledJobs } from './telemetry';
export { SUPPORTED_BULLMQ_RANGE } from './hooks';

// What add-ons attach through: observers of what QueueOtel sees, and the host a QueueEvents observer records with
export { observationHostOf } from './telemetry';
export type {
  AttemptReport,
  AttributePolicy,
  MetricsObserver,
  ObservationHost,
  PolicySpanRequest,
  OperationReport,
  SendReport,
  SpanComponent,
  TelemetryObserver,
} from './telemetry';

// The shared vocabulary: attribute keys, outcomes, failure categories, propagation modes
export {
  ATTEMPT_OUTCOMES,
  AttributeNamespaces,
  BullmqAttributes,
  BullmqNativeAttributes,
  BullmqNativeSafeAttributes,
  BullmqPayloadAttributes,
  categorizeFailure,
  ErrorAttributes,
  FAILURE_CATEGORIES,
  isRecordedOutcome,
  MESSAGING_SYSTEM,
  MessagingAttributes,
  PROPAGATION_DIRECTIONS,
  PROPAGATION_FAILURE_REASONS,
  PROPAGATION_MODES,
  QUEUE_OTEL_ATTRIBUTE_KEYS,
  QUEUE_OTEL_SCOPE_NAME,
  RECORDED_OUTCOMES,
  ServerAttributes,
} from './vocabulary';
export type {
  AttemptOutcome,
  FailureCategory,
  PropagationDirection,
  PropagationFailureReason,
  PropagationMode,
  RecordedOutcome,
} from './vocabulary';

// Propagation through job metadata
export {
  PropagationFailureReporter,
  decodeMetadata,
  encodeMetadata,
  validateTraceparent,
  MAX_METADATA_LENGTH,
  jobContext,
  runInJobContext,
  UNSAMPLED_METADATA,
} from './propagation';
export type { JobWithMetadata, PropagationFailureListener, WarningLogger } from './propagation';

// Sampling (docs/sampling.md)
export { QueueSampler, rateFromEnv } from './sampling';
export type { RateListener, SamplingRates } from './sampling';

// Attribute policy and PII redaction (docs/security.md)
export {
  defaultSanitizer,
  Sanitizer,
  SanitizingSpanExporter,
  SanitizingSpanProcessor,
  parseSanitizeConfig,
  DETECTOR_NAMES,
  DEFAULT_ALLOWED_ATTRIBUTES,
  DEFAULT_BLOCKED_ATTRIBUTES,
} from './sanitize';
export type { AttributeRedactor, CustomDetector, DetectorName, SanitizeOptions, SanitizerStats } from './sanitize';

export { PACKAGE_VERSION } from './version';
