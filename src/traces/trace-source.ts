/** The one interface every trace backend client implements. */
import type { TraceRead } from './trace-read';

/** Reads a whole trace back from a backend, normalised to the span model. */
export interface TraceSource {
  /** Human-readable backend name, used in error messages and the UI (for example `Jaeger`). */
  readonly name: string;
  /**
   * Fetches every span of a trace with what the backend said of its completeness (Tempo `PARTIAL`, Jaeger `errors`
   * next to spans, the span store's dropped spans) and why. Resolves to no spans when the backend does not know the
   * trace; rejects with a {@link TraceSourceHttpError} for other HTTP failures, an Error on timeout, and the signal's
   * reason when the caller aborts. (Every source also has `getTrace`, the spans alone; it is not part of this
   * interface, so that code given any source always receives what it needs to say a trace is incomplete.)
   */
  readTrace(traceId: string, signal?: AbortSignal): Promise<TraceRead>;
}

/** Options every HTTP trace source accepts. */
export interface HttpTraceSourceOptions {
  /** Base URL of the backend's query API, for example `http://localhost:16686`. */
  baseUrl: string;
  /** Extra request headers (authentication, `X-Scope-OrgID` for multi-tenant Tempo). */
  headers?: Record<string, string>;
  /** Per-request timeout in milliseconds; 10 000 by default. */
  timeoutMs?: number;
  /** Largest response body accepted, in bytes (32 MiB by default); a larger one rejects instead of being buffered. */
  maxResponseBytes?: number;
}

/**
 * The options every HTTP trace source knows, so that a misspelt one (`base_url`, `timeout`) is refused when the
 * source is built instead of being ignored. Typed so that a new option must be added here.
 */
export const HTTP_SOURCE_OPTIONS: Readonly<Record<keyof HttpTraceSourceOptions, true>> = { baseUrl: true, headers: true, timeoutMs: true, maxResponseBytes: true };

/** An HTTP failure other than "trace not found", carrying what a user needs to fix it. */
export class TraceSourceHttpError extends Error {
  /**
   * @param backend the source's name
   * @param url the requested URL, without credentials
   * @param status the HTTP status code
   * @param detail the start of the response body
   */
  constructor(
    readonly backend: string,
    readonly url: string,
    readonly status: number,
    detail: string,
  ) {
    super(`${backend}: GET ${url} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`);
    this.name = 'TraceSourceHttpError';
  }
}
