import { toError } from './errors';
import { ExportTimeoutError } from './export-once';

const ERRNO_CODE = /^E[A-Z0-9_]{2,30}$/;
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

function statusOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  // OTLPExporterError carries the HTTP status as a numeric `code`.
  const code = (value as { code?: unknown }).code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

/**
 * A low-cardinality label for a failed export, for `onExportError` and the
 * `queue_otel_export_errors_total{error_type}` counter: `timeout`, `http_<status>`, a Node errno code
 * (`ECONNREFUSED`, `ECONNRESET`...), `http_retryable` (a 429/502/503/504, which the OTLP exporter reports
 * without its status), `concurrency_limit`, or the error's class name. Never a message, which
 * may hold URLs or credentials.
 *
 * @example
 * exportErrorType(new ExportTimeoutError(10_000)); // 'timeout'
 * exportErrorType(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })); // 'ECONNREFUSED'
 */
export function exportErrorType(error: unknown): string {
  if (error instanceof ExportTimeoutError) return 'timeout';
  if (typeof error !== 'object' || error === null) return 'unknown';
  const err = toError(error);
  const status = statusOf(error);
  if (status !== undefined) return `http_${status}`;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && ERRNO_CODE.test(code)) return code;
  // The OTLP exporter reports its own request timeout, retryable statuses and concurrency cap by message only.
  if (/timed out|timeout/i.test(err.message)) return 'timeout';
  if (/retryable status/i.test(err.message)) return 'http_retryable';
  if (/concurrent export limit/i.test(err.message)) return 'concurrency_limit';
  return typeof err.name === 'string' && SAFE_NAME.test(err.name) ? err.name : 'error';
}

/**
 * True when the backend answered and refused the batch for good (an HTTP 4xx other than 408 and 429):
 * retrying the same spans cannot succeed, so they are dropped (reason `rejected`) instead of blocking
 * the buffer, and the backend counts as reachable for the circuit breaker.
 *
 * @example
 * isPermanentRejection(Object.assign(new Error('Bad Request'), { code: 400 })); // true
 */
export function isPermanentRejection(error: unknown): boolean {
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
