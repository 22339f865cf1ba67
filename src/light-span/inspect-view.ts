import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** Node's hook for `util.inspect` (and so `console.log`). */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/**
 * What `console.log(span)` shows of a LightSpan: the span's own fields, as the SDK's span shows its own, rather than
 * the tracer internals it holds (its processors, their exporters and every span those hold).
 */
export function inspectView(span: ReadableSpan): Record<string, unknown> {
  return {
    name: span.name,
    kind: span.kind,
    spanContext: span.spanContext(),
    parentSpanContext: span.parentSpanContext,
    status: span.status,
    startTime: span.startTime,
    endTime: span.endTime,
    duration: span.duration,
    ended: span.ended,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    droppedAttributesCount: span.droppedAttributesCount,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
    instrumentationScope: span.instrumentationScope,
  };
}
