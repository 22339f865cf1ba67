/**
 * Every attribute key QueueOtel writes itself. The sanitizer's default allowlist is built from this list,
 * and docs/spans.md documents each one; a key added here must be added there too (a test checks it).
 */

/** OpenTelemetry messaging semantic-convention keys (status: development). */
export const MessagingAttributes = {
  system: 'messaging.system',
  destinationName: 'messaging.destination.name',
  operationName: 'messaging.operation.name',
  operationType: 'messaging.operation.type',
  messageId: 'messaging.message.id',
  batchMessageCount: 'messaging.batch.message_count',
  messageBodySize: 'messaging.message.body.size',
  clientId: 'messaging.client.id',
  consumerGroupName: 'messaging.consumer.group.name',
} as const;

/** General semantic-convention keys used on failures. */
export const ErrorAttributes = {
  errorType: 'error.type',
  exceptionType: 'exception.type',
  exceptionMessage: 'exception.message',
  exceptionStacktrace: 'exception.stacktrace',
} as const;

/** QueueOtel's own keys, in BullMQ's `bullmq.*` namespace. */
export const BullmqAttributes = {
  jobName: 'bullmq.job.name',
  jobId: 'bullmq.job.id',
  attempt: 'bullmq.job.attempt',
  priority: 'bullmq.job.priority',
  delayMs: 'bullmq.job.delay_ms',
  payloadSize: 'bullmq.job.payload_size',
  deduplicationId: 'bullmq.job.deduplication_id',
  tenant: 'bullmq.job.tenant',
  waitMs: 'bullmq.job.wait_ms',
  outcome: 'bullmq.job.outcome',
  failureCategory: 'bullmq.job.failure_category',
  jobSchedulerId: 'bullmq.job.scheduler_id',
  parentJobId: 'bullmq.job.parent_id',
  observed: 'bullmq.observed',
  stalled: 'bullmq.job.stalled',
} as const;

/**
 * Keys BullMQ itself sets (bullmq `TelemetryAttributes`) that carry no payload. Payload-bearing ones
 * (`bullmq.job.result`, `bullmq.job.progress`, `bullmq.job.data`, `bullmq.queue.options` ...) are not
 * listed: the sanitizer replaces them by their size unless the user allows them.
 */
export const BullmqNativeSafeAttributes = [
  'bullmq.queue.name',
  'bullmq.queue.operation',
  'bullmq.job.bulk.count',
  'bullmq.job.bulk.names',
  'bullmq.job.name',
  'bullmq.job.id',
  'bullmq.job.key',
  'bullmq.job.ids',
  'bullmq.job.attempts.made',
  'bullmq.job.deduplication.key',
  'bullmq.queue.drain.delay',
  'bullmq.queue.grace',
  'bullmq.queue.clean.limit',
  'bullmq.queue.clean.count',
  'bullmq.queue.rate.limit',
  'bullmq.job.type',
  'bullmq.queue.event.max.length',
  'bullmq.queue.jobs.state',
  'bullmq.worker.name',
  'bullmq.worker.id',
  'bullmq.worker.rate.limit',
  'bullmq.worker.do.not.wait.active',
  'bullmq.worker.force.close',
  'bullmq.worker.stalled.jobs',
  'bullmq.worker.failed.jobs',
  'bullmq.worker.jobs.to.extend.locks',
  'bullmq.job.attempt_finished_timestamp',
  'bullmq.job.processed.timestamp',
  'bullmq.job.failed.reason',
  'bullmq.flow.name',
  'bullmq.job.scheduler.id',
  'bullmq.job.state',
  'bullmq.queue.jobs',
] as const;

/** Keys that carry job payloads, results or progress: never exported verbatim by default. */
export const BullmqPayloadAttributes = [
  'bullmq.job.result',
  'bullmq.job.progress',
  'bullmq.job.options',
  'bullmq.queue.options',
  'bullmq.worker.options',
] as const;

/** Every key QueueOtel itself may write on a span or event. */
export const QUEUE_OTEL_ATTRIBUTE_KEYS: readonly string[] = [
  ...Object.values(MessagingAttributes),
  ...Object.values(ErrorAttributes),
  ...Object.values(BullmqAttributes),
];
