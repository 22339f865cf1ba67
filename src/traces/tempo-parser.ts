/**
 * Grafana Tempo parsers: v2 `/api/v2/traces/{id}` returns `{"trace": {"resourceSpans": [...]}}`, v1
 * `/api/traces/{id}` returns `{"batches": [...]}` (ResourceSpans with base64 ids in older releases).
 */
import type { TraceSpan } from './span-model';
import { isRecord } from './json-guards';
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
