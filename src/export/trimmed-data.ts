import type { AttributeValue } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * What the SDK trimmed from a span because of its `SpanLimits`:
 * - `attributes`, `events`, `links`: dropped beyond the count limits (the SDK's own dropped counts);
 * - `event_attributes`, `link_attributes`: attributes dropped from events and links;
 * - `attribute_values`: string values (or strings in arrays) exactly as long as the value length limit.
 *   The SDK cuts longer values to exactly that length and keeps no count, so a value at the limit is taken
 *   as cut; one that happened to be exactly that long counts too.
 */
export type TrimKind = 'attributes' | 'events' | 'links' | 'event_attributes' | 'link_attributes' | 'attribute_values';

/** All {@link TrimKind}s at zero. */
export function noTrims(): Record<TrimKind, number> {
  return { attributes: 0, events: 0, links: 0, event_attributes: 0, link_attributes: 0, attribute_values: 0 };
}

function atLimit(value: AttributeValue | undefined, limit: number): boolean {
  if (typeof value === 'string') return value.length === limit;
  return Array.isArray(value) && value.some((item) => typeof item === 'string' && item.length === limit);
}

/**
 * Counts what the SDK trimmed from `span`, by kind (kinds with nothing trimmed are left out).
 * `valueLengthLimit` enables the `attribute_values` count; pass the limit given to the SDK.
 *
 * @example
 * trimmedData(span, 1000); // { attributes: 3, attribute_values: 1 }
 */
export function trimmedData(span: ReadableSpan, valueLengthLimit?: number): Partial<Record<TrimKind, number>> {
  const out: Partial<Record<TrimKind, number>> = {};
  const add = (kind: TrimKind, count: number | undefined): void => {
    if (count !== undefined && count > 0) out[kind] = (out[kind] ?? 0) + count;
  };
  add('attributes', span.droppedAttributesCount);
  add('events', span.droppedEventsCount);
  add('links', span.droppedLinksCount);
  for (const event of span.events) add('event_attributes', event.droppedAttributesCount);
  for (const link of span.links) add('link_attributes', link.droppedAttributesCount);
  if (valueLengthLimit !== undefined && valueLengthLimit > 0) {
    let cut = 0;
    for (const key in span.attributes) if (atLimit(span.attributes[key], valueLengthLimit)) cut += 1;
    add('attribute_values', cut);
  }
  return out;
}
