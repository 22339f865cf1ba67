import { TraceFlags } from '@opentelemetry/api';
import type { Span } from '@opentelemetry/api';
import { BullmqNativeAttributes } from '../vocabulary';
import type { AttemptReport, SendReport } from './telemetry-observer';
import type { DeferredSpan } from './deferred-span';
import { UNKNOWN_JOB_NAME, waitMsOf } from './job-facts';
import { textOf } from './untrusted-values';

/** Producer operations whose spans hand jobs to Redis. */
const SEND_OPERATIONS = new Set(['add', 'addBulk', 'addNode']);

/** The jobs a finished producer span handed to Redis, per job name (empty for other spans). */
export function sendReports(span: DeferredSpan, real: Span): SendReport[] {
  if (!SEND_OPERATIONS.has(span.operation)) return [];
  const attributes = span.pendingAttributes;
  const ctx = real.spanContext();
  const sampled = (ctx.traceFlags & TraceFlags.SAMPLED) !== 0;
  const base = { queue: span.queue, traceId: sampled ? ctx.traceId : undefined, spanId: sampled ? ctx.spanId : undefined };
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
  const jobName = attributes[BullmqNativeAttributes.jobName];
  return typeof jobName === 'string' ? [{ ...base, jobName, count: 1 }] : [];
}

/** A finished processing attempt: durations, outcome, and the trace ids only when it was sampled. */
export function attemptReport(span: DeferredSpan, real: Span): AttemptReport {
  const facts = span.job;
  const ctx = real.spanContext();
  const sampled = (ctx.traceFlags & TraceFlags.SAMPLED) !== 0;
  const now = Date.now();
  const wait = facts ? waitMsOf(facts) : undefined;
  return {
    queue: span.queue,
    jobName: facts?.name ?? UNKNOWN_JOB_NAME,
    outcome: span.outcome ?? 'completed',
    processSeconds: Math.max(0, (now - span.startTime) / 1000),
    waitSeconds: wait === undefined ? undefined : wait / 1000,
    endToEndSeconds: facts?.enqueuedAt !== undefined ? Math.max(0, now - facts.enqueuedAt) / 1000 : undefined,
    traceId: sampled ? ctx.traceId : undefined,
    spanId: sampled ? ctx.spanId : undefined,
  };
}
