/**
 * The single HTTP GET all trace sources share, on Node's global fetch: one place for the timeout,
 * caller cancellation, "404 means not found" and readable errors.
 */
import { TraceSourceHttpError } from './trace-source';
import { ResponseTooLargeError, readBodyStart, readBodyText } from './bounded-body';

/** How much of an error response's body is read for its message (which shows 200 characters of it). */
const ERROR_BODY_BYTES = 4096;

/** Default per-request timeout. */
export const DEFAULT_TIMEOUT_MS = 10_000;

/** What {@link httpGetText} needs to know about one request. */
export interface HttpGetRequest {
  backend: string;
  url: string;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Largest body accepted, in bytes; a larger one rejects (see `readBodyText`). */
  maxBytes: number;
  signal?: AbortSignal | undefined;
}

/** The body of a successful response, or `undefined` for a 404. */
export type HttpGetResult = string | undefined;

/** Removes user info so that credentials in a base URL never reach an error message or a log. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return url;
  }
}

/** Validates a base URL (http or https) and drops trailing slashes so paths can be appended. */
export function normaliseBaseUrl(backend: string, baseUrl: string): string {
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new TypeError(`${backend}: baseUrl "${baseUrl}" is not a valid URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new TypeError(`${backend}: baseUrl "${baseUrl}" must use http or https`);
  }
  return baseUrl.replace(/\/+$/, '');
}

/**
 * fetch refuses URLs with user info, yet `http://user:pass@host` is how people write a protected backend's
 * address; the credentials move to a Basic Authorization header unless the caller set one.
 */
function credentialHeaders(url: string): Record<string, string> {
  const parsed = new URL(url);
  if (!parsed.username && !parsed.password) return {};
  const user = decodeURIComponent(parsed.username);
  const password = decodeURIComponent(parsed.password);
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
}

/**
 * GETs a URL and returns its body text; resolves `undefined` on 404 and throws on anything else non-2xx, and when
 * the body is larger than `maxBytes`.
 */
export async function httpGetText(request: HttpGetRequest): Promise<HttpGetResult> {
  const shownUrl = redactUrl(request.url);
  const headers = { accept: 'application/json', ...credentialHeaders(request.url), ...request.headers };
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  try {
    const response = await fetch(shownUrl, { headers, signal });
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    // Of an error body only the start is shown: a large error page is not read whole, nor taken for a huge trace.
    if (!response.ok) {
      const start = await readBodyStart(response, ERROR_BODY_BYTES);
      throw new TraceSourceHttpError(request.backend, shownUrl, response.status, start.trim().slice(0, 200));
    }
    // The body is read under the same signal, so a server that stalls mid-body still times out.
    return await readBodyText(response, request.maxBytes);
  } catch (error) {
    if (error instanceof TraceSourceHttpError) throw error;
    if (error instanceof ResponseTooLargeError) {
      throw new Error(`${request.backend}: GET ${shownUrl} returned more than ${error.limit} bytes (maxResponseBytes)`, { cause: error });
    }
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) {
      throw new Error(`${request.backend}: GET ${shownUrl} timed out after ${request.timeoutMs} ms`, { cause: error });
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${request.backend}: GET ${shownUrl} failed: ${reason}`, { cause: error });
  }
}

/** Parses a JSON body, naming the backend and URL when it is not JSON. */
export function parseJsonBody(backend: string, url: string, text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch (error) {
    throw new Error(`${backend}: GET ${redactUrl(url)} returned a body that is not JSON`, { cause: error });
  }
}
