/**
 * Job-hash field holding the attempt number a QueueOtel worker with `markProcessedJobs` started, so that a
 * QueueEvents observer in another process knows the attempt was traced (docs/observer.md). Not one of BullMQ's
 * fields; BullMQ ignores it.
 */
export const PROCESSED_MARKER_FIELD = 'qoa';
