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
  PropagationMode,
  QueueOtelOptions,
  SendReport,
} from './telemetry';
export { decodeMetadata, encodeMetadata, validateTraceparent, MAX_METADATA_LENGTH, jobContext, runInJobContext } from './propagation';
export type { PropagationFailureReason, PropagationDirection, JobWithMetadata } from './propagation';
export { PACKAGE_VERSION } from './version';
