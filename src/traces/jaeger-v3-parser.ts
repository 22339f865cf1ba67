/**
 * Jaeger `/api/v3/traces/{id}` parser. The body is OTLP/JSON, but the gRPC gateway may wrap each streamed
 * chunk as `{"result": {...}}` and emit several chunks (one JSON document per line).
 */
import type { TraceSpan } from './span-model';
import { isRecord } from './json-guards';
import { parseOtlpJson } from './otlp-json-parser';
import { codedWarning, warningsOf } from './trace-read';

/** Parses one document, or an array of documents, in either the wrapped or the bare form. */
export function parseJaegerV3(body: unknown): TraceSpan[] {
  if (Array.isArray(body)) return body.flatMap((chunk) => parseJaegerV3(chunk));
  if (!isRecord(body)) return [];
  return parseOtlpJson(isRecord(body.result) ? body.result : body);
}

/**
 * Splits a response body into JSON documents: one document, or newline-delimited chunks as the gateway
 * streams them. Throws a SyntaxError when a chunk is not JSON.
 */
export function parseJsonDocuments(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  try {
    return [JSON.parse(trimmed) as unknown];
  } catch (error) {
    const lines = trimmed.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) throw error;
    return lines.map((line) => JSON.parse(line) as unknown);
  }
}

/**
 * The error chunks of a v3 answer: the gateway's envelope `{"error": {"httpCode": 500, "message": "..."}}`, which a
 * streamed answer can carry after its 200 status line was sent (one chunk of an array or of the lines). Printable,
 * at most `MAX_WARNINGS`.
 */
export function jaegerV3Errors(documents: readonly unknown[]): string[] {
  const chunks = documents.flatMap((document) => (Array.isArray(document) ? document : [document]));
  const errors = chunks.flatMap((chunk) => (isRecord(chunk) && isRecord(chunk.error) ? [chunk.error] : []));
  return warningsOf(errors, (error) => (isRecord(error) ? codedWarning(error.message, error.httpCode, 'HTTP') : ''));
}
