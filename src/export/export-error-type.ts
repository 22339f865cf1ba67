import { ExportTimeoutError } from './export-once';

const ERRNO_CODE = /^E[A-Z0-9_]{2,30}$/;
const SAFE_NAME = /^[A-Za-z][A-Za-z0-9_]{0,40}$/;

function statusOf(error: Error): number | undefined {
  // OTLPExporterError carries the HTTP status as a numeric `code`.
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

/**
 * A low-cardinality label for a failed export, for `onExportError` and the
 * `queue_trace_export_errors_total{error_type}` counter: `timeout`, `http_<status>`, a Node errno code
 * (`ECONNREFUSED`, `ECONNRESET`...), `concurrency_limit`, or the error's class name. Never a message, which
 * may hold URLs or credentials.
 *
 * @example
 * exportErrorType(new ExportTimeoutError(10_000)); // 'timeout'
 * exportErrorType(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })); // 'ECONNREFUSED'
 */
export function exportErrorType(error: unknown): string {
  if (error instanceof ExportTimeoutError) return 'timeout';
  if (!(error instanceof Error)) return 'unknown';
  const status = statusOf(error);
  if (status !== undefined) return `http_${status}`;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && ERRNO_CODE.test(code)) return code;
  // The OTLP exporter reports its own request timeout and concurrency cap by message only.
  if (/timed out|timeout/i.test(error.message)) return 'timeout';
  if (/concurrent export limit/i.test(error.message)) return 'concurrency_limit';
  return SAFE_NAME.test(error.name) ? error.name : 'error';
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
  if (!(error instanceof Error)) return false;
  const status = statusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429;
}
