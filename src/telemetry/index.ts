export { QueueOtel } from './queue-otel';
export type { MetadataFormat, PropagationMode, QueueOtelOptions, UnsampledJobs } from './options';
export type { AttemptReport, JobLifecycleObserver, SendReport } from './attempt-report';
export type { AttemptOutcome } from './operations';
export type { FailureCategory } from './failure-category';
export { categorizeFailure } from './failure-category';
export {
  BullmqAttributes,
  BullmqNativeSafeAttributes,
  BullmqPayloadAttributes,
  ErrorAttributes,
  MessagingAttributes,
  QUEUE_OTEL_ATTRIBUTE_KEYS,
} from './attributes';
