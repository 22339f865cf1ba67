import { trace, TraceFlags } from '@opentelemetry/api';
import type { AttemptReport, JobLifecycleObserver, SendReport } from '../telemetry/attempt-report';
import type { AttemptOutcome } from './queue-metrics';
import type { QueueMetrics } from './queue-metrics';

const RECORDED_OUTCOMES = new Set<string>(['completed', 'retried', 'failed', 'stalled']);

/**
 * Feeds QueueOtel's job reports into {@link QueueMetrics}. Attempts that ended in a control-flow
 * state (moved to delayed, waiting for children, rate limited) are neither success nor failure and
 * are not counted as outcomes.
 */
export function metricsObserver(metrics: QueueMetrics): JobLifecycleObserver {
  return {
    onSent(report: SendReport): void {
      metrics.recordSent({ queue: report.queue, jobName: report.jobName, count: report.count, traceId: report.traceId, spanId: report.spanId });
    },
    onAttemptEnd(report: AttemptReport): void {
      if (!RECORDED_OUTCOMES.has(report.outcome)) return;
      metrics.recordAttempt({
        queue: report.queue,
        jobName: report.jobName,
        outcome: report.outcome as AttemptOutcome,
        processSeconds: report.processSeconds,
        waitSeconds: report.waitSeconds,
        endToEndSeconds: report.endToEndSeconds,
        traceId: report.traceId,
        spanId: report.spanId,
      });
    },
  };
}

/** Ids of the active span when it is sampled: exemplars for BullMQ's own metrics, recorded in the job's context. */
export function activeSampledSpanIds(): { traceId: string; spanId: string } | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !(ctx.traceFlags & TraceFlags.SAMPLED)) return undefined;
  return { traceId: ctx.traceId, spanId: ctx.spanId };
}
