import type { Attributes, Link, SpanStatus } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import type { Sanitizer } from './sanitizer';

function countDefined(attributes: Attributes | undefined): number {
  if (attributes === undefined) return 0;
  let n = 0;
  for (const key of Object.keys(attributes)) if (attributes[key] !== undefined && attributes[key] !== null) n++;
  return n;
}

/** Sanitized copy of an attributes object plus how many of its attributes were dropped. */
function clean(sanitizer: Sanitizer, attributes: Attributes | undefined): { attributes: Attributes; dropped: number } {
  const cleaned = Object.freeze(sanitizer.sanitizeAttributes(attributes));
  return { attributes: cleaned, dropped: countDefined(attributes) - Object.keys(cleaned).length };
}

function cleanEvent(sanitizer: Sanitizer, event: TimedEvent): TimedEvent {
  const { attributes, dropped } = clean(sanitizer, event.attributes);
  const total = (event.droppedAttributesCount ?? 0) + dropped;
  return Object.freeze({
    time: event.time,
    // Event names are free text chosen by code, sometimes with ids or addresses in them.
    name: sanitizer.sanitizeText(event.name),
    attributes,
    ...(total > 0 ? { droppedAttributesCount: total } : {}),
  });
}

function cleanLink(sanitizer: Sanitizer, link: Link): Link {
  const { attributes, dropped } = clean(sanitizer, link.attributes);
  const total = (link.droppedAttributesCount ?? 0) + dropped;
  return Object.freeze({
    context: link.context,
    attributes,
    ...(total > 0 ? { droppedAttributesCount: total } : {}),
  });
}

function cleanStatus(sanitizer: Sanitizer, status: SpanStatus): SpanStatus {
  if (status.message === undefined) return status;
  return Object.freeze({ code: status.code, message: sanitizer.sanitizeText(status.message) });
}

/**
 * A frozen, sanitized view of a finished span. `ReadableSpan` is read-only and the SDK's span object is
 * shared with every other processor, so instead of mutating it we hand exporters a new object with the same
 * shape: identity, timing, resource and scope come from the original; name, attributes, events (including
 * `exception.message` and `exception.stacktrace`), links and the status message are sanitized. Attributes the
 * sanitizer dropped are added to the `droppedAttributesCount` fields, so backends show that something was
 * removed. Resource attributes are not touched: they describe the process, not the job.
 * @example
 * exporter.export([sanitizeSpan(span, sanitizer)], done);
 */
export function sanitizeSpan(span: ReadableSpan, sanitizer: Sanitizer): ReadableSpan {
  const { attributes, dropped } = clean(sanitizer, span.attributes);
  const parentSpanContext = span.parentSpanContext;
  return Object.freeze({
    name: sanitizer.sanitizeText(span.name),
    kind: span.kind,
    spanContext: () => span.spanContext(),
    ...(parentSpanContext !== undefined ? { parentSpanContext } : {}),
    startTime: span.startTime,
    endTime: span.endTime,
    status: cleanStatus(sanitizer, span.status),
    attributes,
    links: Object.freeze(span.links.map((link) => cleanLink(sanitizer, link))) as Link[],
    events: Object.freeze(span.events.map((event) => cleanEvent(sanitizer, event))) as TimedEvent[],
    duration: span.duration,
    ended: span.ended,
    resource: span.resource,
    instrumentationScope: span.instrumentationScope,
    droppedAttributesCount: span.droppedAttributesCount + dropped,
    droppedEventsCount: span.droppedEventsCount,
    droppedLinksCount: span.droppedLinksCount,
  });
}
