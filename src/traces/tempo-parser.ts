/**
 * Grafana Tempo parsers: v2 `/api/v2/traces/{id}` returns `{"trace": {"resourceSpans": [...]}}` (a
 * `TraceByIDResponse`: also `metrics`, and `status` `PARTIAL` with a `message` when the trace was cut), v1
 * `/api/traces/{id}` returns `{"batches": [...]}` (ResourceSpans with base64 ids in older releases).
 */
import type { TraceSpan } from './span-model';
import { isRecord } from './json-guards';
import { backendMessage } from './trace-read';
import { parseOtlpJson, parseOtlpResourceSpans } from './otlp-json-parser';

/** Parses a Tempo v2 trace-by-id response; a bare OTLP document is accepted too. */
export function parseTempoV2(body: unknown): TraceSpan[] {
  if (!isRecord(body)) return [];
  return parseOtlpJson(isRecord(body.trace) ? body.trace : body);
}

/** Parses a Tempo v1 trace-by-id response (`batches`). */
export function parseTempoV1(body: unknown): TraceSpan[] {
  return isRecord(body) ? parseOtlpResourceSpans(body.batches) : [];
}

/** What a Tempo v2 response says of its completeness. */
export interface TempoCompleteness {
  partial: boolean;
  /** Tempo's `message`, printable and bounded; a default when it gave none. */
  warnings: string[];
}

/**
 * Reads `status` of a Tempo v2 trace-by-id response: `PartialStatus` is `COMPLETE` (0, the default, usually
 * omitted) or `PARTIAL` (1) when the trace exceeded a limit (its size, spans filtered or pruned), with `message`
 * saying which. Read by name or number, as a protobuf JSON writer may emit either.
 */
export function tempoV2Completeness(body: unknown): TempoCompleteness {
  if (!isRecord(body)) return { partial: false, warnings: [] };
  const { status } = body;
  const partial = status === 1 || (typeof status === 'string' && status.toUpperCase() === 'PARTIAL');
  if (!partial) return { partial: false, warnings: [] };
  return { partial: true, warnings: [backendMessage(body.message) ?? 'Tempo answered status PARTIAL without a message'] };
}
