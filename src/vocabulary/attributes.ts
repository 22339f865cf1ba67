/**
 * Every attribute key QueueOtel writes or reads. The sanitizer's default allowlist is built from these lists,
 * and docs/spans.md documents each key QueueOtel writes; a key added to {@link BullmqAttributes},
 * {@link MessagingAttributes} or {@link ErrorAttributes} must be added there too (a test checks it). No other
 * module spells a `bullmq.*` or `messaging.*` key out (a test checks that too).
 */

/** The namespaces of the keys below, for globs (`messaging.*`) and for telling BullMQ's names apart. */
export const AttributeNamespaces = {
  messaging: 'messaging.',
  bullmq: 'bullmq.',
} as const;

/** `messaging.system` of every span QueueOtel records. */
export const MESSAGING_SYSTEM = 'bullmq';

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
} as const;

/**
 * Where the broker is: the Redis server of the connection a Queue, Worker or FlowProducer uses (for a cluster, its
 * first startup node). Stable semantic-convention keys.
 */
export const ServerAttributes = {
  address: 'server.address',
  port: 'server.port',
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
 * Keys BullMQ itself sets (bullmq `TelemetryAttributes`, written for 6.x) that QueueOtel reads or treats
 * specially. `jobName` and `jobId` are shared with {@link BullmqAttributes}.
 */
export const BullmqNativeAttributes = {
  queueName: 'bullmq.queue.name',
  jobName: 'bullmq.job.name',
  jobId: 'bullmq.job.id',
  workerId: 'bullmq.worker.id',
  bulkCount: 'bullmq.job.bulk.count',
  bulkNames: 'bullmq.job.bulk.names',
  attemptsMade: 'bullmq.job.attempts.made',
  processedTimestamp: 'bullmq.job.processed.timestamp',
  attemptFinishedTimestamp: 'bullmq.job.attempt_finished_timestamp',
  failedReason: 'bullmq.job.failed.reason',
  workerName: 'bullmq.worker.name',
  jobState: 'bullmq.job.state',
  queueJobsState: 'bullmq.queue.jobs.state',
  jobData: 'bullmq.job.data',
} as const;

/**
 * Keys BullMQ itself sets that carry no payload. Payload-bearing ones ({@link BullmqPayloadAttributes}) are not
 * listed: the sanitizer replaces them by their size unless the user allows them.
 */
export const BullmqNativeSafeAttributes = [
  BullmqNativeAttributes.queueName,
  'bullmq.queue.operation',
  BullmqNativeAttributes.bulkCount,
  BullmqNativeAttributes.bulkNames,
  BullmqNativeAttributes.jobName,
  BullmqNativeAttributes.jobId,
  'bullmq.job.key',
  'bullmq.job.ids',
  BullmqNativeAttributes.attemptsMade,
  'bullmq.job.deduplication.key',
  'bullmq.queue.drain.delay',
  'bullmq.queue.grace',
  'bullmq.queue.clean.limit',
  'bullmq.queue.clean.count',
  'bullmq.queue.rate.limit',
  'bullmq.job.type',
  'bullmq.queue.event.max.length',
  BullmqNativeAttributes.queueJobsState,
  BullmqNativeAttributes.workerName,
  BullmqNativeAttributes.workerId,
  'bullmq.worker.rate.limit',
  'bullmq.worker.do.not.wait.active',
  'bullmq.worker.force.close',
  'bullmq.worker.stalled.jobs',
  'bullmq.worker.failed.jobs',
  'bullmq.worker.jobs.to.extend.locks',
  BullmqNativeAttributes.attemptFinishedTimestamp,
  BullmqNativeAttributes.processedTimestamp,
  BullmqNativeAttributes.failedReason,
  'bullmq.flow.name',
  'bullmq.job.scheduler.id',
  BullmqNativeAttributes.jobState,
  'bullmq.queue.jobs',
] as const;

/**
 * Keys that carry job payloads, results, progress or options: never exported verbatim by default.
 * `bullmq.job.data` is not set by BullMQ 6.7 but is listed so a future version that adds it is covered.
 */
export const BullmqPayloadAttributes = [
  'bullmq.job.result',
  'bullmq.job.progress',
  'bullmq.job.options',
  'bullmq.queue.options',
  'bullmq.worker.options',
  BullmqNativeAttributes.jobData,
] as const;

/**
 * Keys whose numeric values QueueOtel or BullMQ compute themselves (counts, sizes, durations, Redis
 * timestamps): never user data.
 */
export const COMPUTED_NUMERIC_ATTRIBUTES: readonly string[] = [
  BullmqAttributes.attempt,
  BullmqAttributes.priority,
  BullmqAttributes.delayMs,
  BullmqAttributes.waitMs,
  BullmqAttributes.stalled,
  MessagingAttributes.messageBodySize,
  MessagingAttributes.batchMessageCount,
  ServerAttributes.port,
  BullmqNativeAttributes.attemptsMade,
  BullmqNativeAttributes.processedTimestamp,
  BullmqNativeAttributes.attemptFinishedTimestamp,
  BullmqNativeAttributes.bulkCount,
];

/**
 * Every key QueueOtel itself may write on a span or event. `bullmq.queue.name` is among them: the `wait {queue}`
 * span names its queue with it (it is no messaging span, see docs/spans.md).
 */
export const QUEUE_OTEL_ATTRIBUTE_KEYS: readonly string[] = [
  ...Object.values(MessagingAttributes),
  ...Object.values(ServerAttributes),
  ...Object.values(ErrorAttributes),
  ...Object.values(BullmqAttributes),
  BullmqNativeAttributes.queueName,
];
