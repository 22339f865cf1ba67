import { ROOT_CONTEXT, trace } from '../otel-api';
import type { Attributes, Context, Span, TimeInput } from '@opentelemetry/api';
import type { HookErrorReporter } from '../hooks';
import type { WarningLogger } from '../propagation';
import { MessagingExceptionEvents } from '../vocabulary';
import type { OperationType } from './operations';

/**
 * What QueueOtel uses of `@opentelemetry/api-logs`, written out here: the package is an optional peer, and the
 * library's types must not need it (an application without it still compiles against them).
 */
interface LogsApi {
  getLogger(name: string, version?: string): { emit(record: ExceptionLogRecord): void };
}

interface ExceptionLogRecord {
  eventName: string;
  severityNumber: number;
  severityText: string;
  attributes: Attributes;
  context: Context;
  timestamp: TimeInput | undefined;
}

/** Severity numbers of the Logs data model (`SeverityNumber.WARN`, `SeverityNumber.ERROR`). */
const WARN = 13;
const ERROR = 17;

/**
 * The event name and severity of each operation type, from the messaging conventions' exception events (v1.41.0 on):
 * a consumer's failed processing is ERROR, a failure the caller is expected to handle (create, send, settle) WARN.
 */
const EVENTS: Record<OperationType, { name: string; severity: number; text: string }> = {
  create: { name: MessagingExceptionEvents.create, severity: WARN, text: 'WARN' },
  send: { name: MessagingExceptionEvents.send, severity: WARN, text: 'WARN' },
  settle: { name: MessagingExceptionEvents.settle, severity: WARN, text: 'WARN' },
  process: { name: MessagingExceptionEvents.process, severity: ERROR, text: 'ERROR' },
};

/**
 * BullMQ's operations the conventions give no type (lock renewal, stalled checks ...): the general event name the
 * exceptions-logs conventions give for exceptions not specific to an operation, WARN as for a client's call.
 */
const OTHER_OPERATION = { name: MessagingExceptionEvents.other, severity: WARN, text: 'WARN' };

/** Emits failures as log records (see {@link exceptionLog}). */
export interface ExceptionLog {
  /**
   * Emits one exception as a log record in the context of `span`, the span of the failed operation (so the record
   * carries its trace id, span id and flags): `type` is the operation type (undefined for an operation without one),
   * `attributes` its `exception.*` attributes, already through the attribute policy; `timestamp` when the exception
   * happened (the span event's time; an observed job's end), else the time of the call. Never throws.
   */
  emit(type: OperationType | undefined, span: Span, attributes: Attributes, timestamp?: TimeInput): void;
}

/** The warning of a QueueOtel with `sanitize: false` whose exceptions go out as log records (see queue-otel.ts). */
export const UNSANITIZED_EXCEPTION_LOGS =
  'queue-otel: OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN asks for exceptions as log records and this QueueOtel has sanitize: false: ' +
  'their exception.message and exception.stacktrace are emitted unsanitized (SanitizingSpanProcessor and SanitizingSpanExporter ' +
  'see spans, not log records); sanitize in QueueOtel or in your log record processor';

/** Whether the warning that the Logs API could not be loaded was given (once per process, however many QueueOtels). */
let warnedUnavailable = false;

/**
 * The log of exceptions QueueOtel emits when `OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN` asks for logs, through the global
 * LoggerProvider of `@opentelemetry/api-logs` under QueueOtel's instrumentation scope (`scopeName`, `scopeVersion`):
 * the API's no-op until the application registers one. Undefined when the package cannot be loaded: `warn` is told
 * once per process that exceptions stay span events. `failed` hears of a logger that throws.
 */
export function exceptionLog(scopeName: string, scopeVersion: string, warn: WarningLogger, failed: HookErrorReporter): ExceptionLog | undefined {
  let logs: LogsApi;
  try {
    // The require stays lexically inside this `try`: bundlers (esbuild, webpack) then treat the optional peer as
    // optional and build an application that does not install it, instead of failing with "Could not resolve".
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional peer, loaded only when the opt-in asks for logs
    logs = (require('@opentelemetry/api-logs') as { logs: LogsApi }).logs;
  } catch (error) {
    if (!warnedUnavailable) {
      warnedUnavailable = true;
      const reason = (error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND' ? 'is not installed' : `could not be loaded (${String(error)})`;
      warn(
        `queue-otel: OTEL_SEMCONV_EXCEPTION_SIGNAL_OPT_IN asks for exceptions as log records, but @opentelemetry/api-logs ${reason}: ` +
          'exceptions are recorded as span events instead (npm install @opentelemetry/api-logs)',
      );
    }
    return undefined;
  }
  return {
    emit(type, span, attributes, timestamp) {
      const event = type === undefined ? OTHER_OPERATION : EVENTS[type];
      try {
        // Asked for each record: a LoggerProvider the application registers (or replaces) later is the one used.
        logs.getLogger(scopeName, scopeVersion).emit({
          eventName: event.name,
          severityNumber: event.severity,
          severityText: event.text,
          attributes,
          context: trace.setSpan(ROOT_CONTEXT, span),
          // The SDK stamps a record without one with the time of the call, not of the failure.
          timestamp,
        });
      } catch (error) {
        failed('exception log record', error);
      }
    },
  };
}
