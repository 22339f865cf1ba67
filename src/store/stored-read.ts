/**
 * What the span store knows is missing from one read of a trace, as the warnings of a partial `TraceRead`. The
 * store records per trace only what the exporter dropped (its meta hash's `d`: spans past `maxSpansPerTrace`, and
 * records over 1 MiB), and the reader knows what it left out itself; a failed export leaves no mark in Redis.
 */
import type { TraceSpan } from '../traces/span-model';

/** One read of a trace from the store. */
export interface StoredRead {
  /** The spans read, in start order. */
  spans: TraceSpan[];
  /** Spans of the trace the exporter dropped instead of storing (the trace's `d` count). */
  dropped: number;
  /** Stored spans past the reader's `maxSpans`, not read. */
  notRead: number;
  /** Stored entries read but left out: not a span record, or longer than 1 MiB. */
  malformed: number;
}

/** `1 span`, `2 spans`; `1 stored span` with an adjective. */
function spans(count: number, adjective = ''): string {
  return `${count} ${adjective ? `${adjective} ` : ''}span${count === 1 ? '' : 's'}`;
}

/** Why `read` is not the whole trace, one warning per cause; empty when the store knows of nothing missing. */
export function storedReadWarnings(read: Omit<StoredRead, 'spans'>, maxSpans: number): string[] {
  const warnings: string[] = [];
  if (read.dropped > 0) {
    warnings.push(`the exporter dropped ${spans(read.dropped)} of this trace: past its maxSpansPerTrace or longer than 1 MiB`);
  }
  if (read.notRead > 0) warnings.push(`${spans(read.notRead, 'stored')} not read: past this reader's maxSpans of ${maxSpans}`);
  if (read.malformed > 0) warnings.push(`${spans(read.malformed, 'stored')} left out: malformed or longer than 1 MiB`);
  return warnings;
}
