/** The lines of the span details panel (`s`): identity, timing, status, attributes, events, links. */
import type { TraceAttributeValue, TraceSpan } from 'queue-otel/traces';
import { formatDuration } from 'queue-otel/traces';
import type { InfoLine } from './job-info.js';

function show(value: TraceAttributeValue): string {
  return Array.isArray(value) ? `[${value.join(', ')}]` : String(value);
}

/** Details of `span`; offsets are relative to `traceStartUs`. */
export function spanDetailLines(span: TraceSpan, traceStartUs: number): InfoLine[] {
  const lines: InfoLine[] = [
    { label: 'Span', value: span.name },
    { label: 'Service', value: span.serviceName },
    { label: 'Kind', value: span.kind },
    { label: 'Status', value: span.statusMessage ? `${span.status}: ${span.statusMessage}` : span.status, ...(span.status === 'error' ? { tone: 'error' as const } : {}) },
    { label: 'Start', value: `+${formatDuration(span.startUs - traceStartUs)}` },
    { label: 'Duration', value: formatDuration(span.endUs - span.startUs) },
    { label: 'Span ID', value: span.spanId, tone: 'trace' },
    { label: 'Parent', value: span.parentSpanId ?? '(root)' },
  ];
  const keys = Object.keys(span.attributes).sort();
  if (keys.length) lines.push({ label: 'Attributes', value: '' });
  for (const key of keys) {
    const value = span.attributes[key];
    if (value !== undefined) lines.push({ label: '', value: `${key} = ${show(value)}`, ...(key === 'error.type' ? { tone: 'error' as const } : {}) });
  }
  for (const event of span.events) {
    const detail = event.attributes['exception.type'] ?? event.attributes['exception.message'];
    lines.push({ label: 'Event', value: `+${formatDuration(event.timeUs - traceStartUs)} ${event.name}${detail !== undefined ? ` ${show(detail)}` : ''}`, ...(event.name === 'exception' ? { tone: 'error' as const } : {}) });
  }
  for (const link of span.links) lines.push({ label: 'Link', value: `${link.traceId}/${link.spanId}`, tone: 'dim' });
  return lines;
}
