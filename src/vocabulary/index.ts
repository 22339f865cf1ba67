/**
 * The names and values every part of queue-otel shares: attribute keys, attempt outcomes, failure categories,
 * propagation modes and failure reasons, the instrumentation scope name. A leaf: it imports nothing.
 */
export {
  AttributeNamespaces,
  BullmqAttributes,
  BullmqNativeAttributes,
  BullmqNativeSafeAttributes,
  BullmqPayloadAttributes,
  COMPUTED_NUMERIC_ATTRIBUTES,
  ErrorAttributes,
  MESSAGING_SYSTEM,
  MessagingAttributes,
  QUEUE_OTEL_ATTRIBUTE_KEYS,
  ServerAttributes,
} from './attributes';
export { ATTEMPT_OUTCOMES, isFinalOutcome, isRecordedOutcome, RECORDED_OUTCOMES } from './attempt-outcome';
export type { AttemptOutcome, RecordedOutcome } from './attempt-outcome';
export { categorizeFailure, errorMessageOf, errorTypeOf, FAILURE_CATEGORIES } from './failure-category';
export type { FailureCategory } from './failure-category';
export { PROPAGATION_DIRECTIONS, PROPAGATION_FAILURE_REASONS, PROPAGATION_MODES } from './propagation';
export type { PropagationDirection, PropagationFailureReason, PropagationMode } from './propagation';
export { MessagingExceptionEvents } from './events';
export { QUEUE_OTEL_SCOPE_NAME } from './scope';
export { PROCESSED_MARKER_FIELD } from './job-hash';
