import { defaultTextMapGetter, ROOT_CONTEXT, trace } from '../otel-api';
import type { Context, TextMapPropagator } from '@opentelemetry/api';
import { decodeCompactMetadata, isCompactMetadata } from './compact-metadata';
import { decodeMetadata } from './metadata-codec';
import { isUnsampledMetadata, unsampledRemoteContext } from './unsampled-metadata';

/**
 * The producer's context from trace metadata in any format QueueOtel reads (JSON carrier, compact, the `"0"`
 * of an unsampled job), or undefined when the metadata is unusable. For readers outside BullMQ's own path (the
 * QueueEvents observer); never throws for any string.
 */
export function contextFromMetadata(metadata: string, propagator: TextMapPropagator): Context | undefined {
  // The producer decided not to sample the job: an unsampled parent keeps that decision.
  if (isUnsampledMetadata(metadata)) return unsampledRemoteContext();
  if (isCompactMetadata(metadata)) {
    const compact = decodeCompactMetadata(metadata);
    if (!compact.ok) return undefined;
    const { traceId, spanId, traceFlags } = compact;
    return trace.setSpanContext(ROOT_CONTEXT, { traceId, spanId, traceFlags, isRemote: true });
  }
  const decoded = decodeMetadata(metadata);
  if (!decoded.ok) return undefined;
  try {
    const extracted = propagator.extract(ROOT_CONTEXT, decoded.carrier, defaultTextMapGetter);
    return trace.getSpanContext(extracted) ? extracted : undefined;
  } catch {
    return undefined;
  }
}
