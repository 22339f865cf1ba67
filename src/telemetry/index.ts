export { QueueOtel } from './queue-otel';
export type { MetadataFormat, QueueOtelOptions, UnsampledJobs } from './options';
export type { AttemptReport, JobLifecycleObserver, SendReport } from './attempt-report';
