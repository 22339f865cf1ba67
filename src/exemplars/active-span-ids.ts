import { trace, TraceFlags } from '../otel-api';

/** Ids of the active span when it is sampled: exemplars for BullMQ's own metrics, recorded in the job's context. */
export function activeSampledSpanIds(): { traceId: string; spanId: string } | undefined {
  const ctx = trace.getActiveSpan()?.spanContext();
  if (!ctx || !(ctx.traceFlags & TraceFlags.SAMPLED)) return undefined;
  return { traceId: ctx.traceId, spanId: ctx.spanId };
}
