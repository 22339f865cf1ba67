import { trace, TraceFlags } from '@opentelemetry/api';
import type { AttemptReport, JobLifecycleObserver, SendReport } from '../telemetry/attempt-report';
import { isRecordedOutcome } from '../vocabulary';
import type { QueueMetrics } from './queue-metrics';

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
      const outcome = report.outcome;
      if (!isRecordedOutcome(outcome)) return;
      metrics.recordAttempt({
        queue: report.queue,
        jobName: report.jobName,
        outcome,
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
