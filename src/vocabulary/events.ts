/**
 * Names of the log-record events QueueOtel emits for exceptions under `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN=logs`
 * (or `logs/dup`): the messaging conventions' exception events (v1.41.0 on), one per operation type, and the
 * general name of the exceptions-logs conventions for operations without a type.
 */
export const MessagingExceptionEvents = {
  create: 'messaging.create.exception',
  send: 'messaging.send.exception',
  settle: 'messaging.settle.exception',
  process: 'messaging.process.exception',
  other: 'exception',
} as const;
