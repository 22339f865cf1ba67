import { TraceFlags } from '../otel-api';
import type { Span } from '@opentelemetry/api';
import { BullmqNativeAttributes, isFinalOutcome } from '../vocabulary';
import type { AttemptReport, OperationReport, SendReport } from './telemetry-observer';
import type { DeferredSpan } from './deferred-span';
import { UNKNOWN_JOB_NAME, waitMsOf } from './job-facts';
import { operationTypeOf } from './operations';
import { textOf } from './untrusted-values';

/** Producer operations whose spans hand jobs to Redis themselves (a flow's `addFlow` does through its `addNode`s). */
const JOB_WRITING_OPERATIONS = new Set(['add', 'addBulk', 'addNode']);

function idsOf(real: Span): { traceId: string | undefined; spanId: string | undefined } {
  const ctx = real.spanContext();
  const sampled = (ctx.traceFlags & TraceFlags.SAMPLED) !== 0;
  return { traceId: sampled ? ctx.traceId : undefined, spanId: sampled ? ctx.spanId : undefined };
}

/** The jobs a finished producer span handed (or tried to hand) to Redis, per job name (empty for other spans). */
export function sendReports(span: DeferredSpan, real: Span): SendReport[] {
  if (!JOB_WRITING_OPERATIONS.has(span.operation)) return [];
  const attributes = span.pendingAttributes;
  const base = { queue: span.queue, operation: span.operation, errorType: span.errorType, ...idsOf(real) };
  const names: unknown = attributes[BullmqNativeAttributes.bulkNames];
  if (Array.isArray(names)) {
    // The names BullMQ was given, whatever their type: anything but text counts as `unknown`.
    const counts = new Map<string, number>();
    for (const name of names as unknown[]) {
      const jobName = textOf(name) ?? UNKNOWN_JOB_NAME;
      counts.set(jobName, (counts.get(jobName) ?? 0) + 1);
    }
    return [...counts].map(([jobName, count]) => ({ ...base, jobName, count }));
  }
  // BullMQ names the job after the add; a failed add never got there: its name is in the span's destination.
  const jobName = textOf(attributes[BullmqNativeAttributes.jobName]) ?? addedJobName(span);
  return jobName === undefined ? [] : [{ ...base, jobName, count: 1 }];
}

/** The job name in `add {queue}.{name}`, BullMQ's name for an add span. */
function addedJobName(span: DeferredSpan): string | undefined {
  const prefix = `${span.queue}.`;
  return span.operation === 'add' && span.destination.startsWith(prefix) ? span.destination.slice(prefix.length) : undefined;
}

/**
 * A finished producer operation (a send, or a flow's `addNode`, which creates its job), with its duration; undefined
 * for any other span. QueueOtel's own `create` spans (`createSpans`) are not BullMQ's operations and never come here.
 */
export function operationReport(span: DeferredSpan, real: Span, endedAt: number): OperationReport | undefined {
  const type = operationTypeOf(span.operation);
  if (type !== 'send' && type !== 'create') return undefined;
  return {
    queue: span.queue,
    operation: span.operation,
    durationSeconds: Math.max(0, (endedAt - span.startTime) / 1000),
    errorType: span.errorType,
    ...idsOf(real),
  };
}

/** A finished processing attempt: durations, outcome, and the trace ids only when it was sampled. */
export function attemptReport(span: DeferredSpan, real: Span): AttemptReport {
  const facts = span.job;
  const now = Date.now();
  const wait = facts ? waitMsOf(facts) : undefined;
  const outcome = span.outcome ?? 'completed';
  return {
    queue: span.queue,
    jobName: facts?.name ?? UNKNOWN_JOB_NAME,
    outcome,
    processSeconds: Math.max(0, (now - span.startTime) / 1000),
    waitSeconds: wait === undefined ? undefined : wait / 1000,
    endToEndSeconds: isFinalOutcome(outcome) && facts?.enqueuedAt !== undefined ? Math.max(0, now - facts.enqueuedAt) / 1000 : undefined,
    errorType: span.errorType,
    ...idsOf(real),
  };
}
