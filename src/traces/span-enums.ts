/** Span kind and status code mapping from the spellings backends use to the span model's values. */
import type { TraceSpanKind, TraceStatusCode } from './span-model';

const KINDS: readonly TraceSpanKind[] = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
const STATUSES: readonly TraceStatusCode[] = ['unset', 'ok', 'error'];

/**
 * Maps a kind written as an OTLP number (0–5), `SPAN_KIND_SERVER`, or a bare name in any case (`server`,
 * Zipkin's `SERVER`) to the model; unknown values become `fallback`.
 */
export function toSpanKind(raw: unknown, fallback: TraceSpanKind = 'unspecified'): TraceSpanKind {
  if (typeof raw === 'number') return KINDS[raw] ?? fallback;
  if (typeof raw !== 'string') return fallback;
  const name = raw.toLowerCase().replace(/^span_kind_/, '');
  return KINDS.find((kind) => kind === name) ?? fallback;
}

/** Maps a status code written as an OTLP number (0–2), `STATUS_CODE_ERROR`, or `ERROR`/`OK` to the model. */
export function toStatusCode(raw: unknown): TraceStatusCode {
  if (typeof raw === 'number') return STATUSES[raw] ?? 'unset';
  if (typeof raw !== 'string') return 'unset';
  const name = raw.toLowerCase().replace(/^status_code_/, '');
  return STATUSES.find((status) => status === name) ?? 'unset';
}
