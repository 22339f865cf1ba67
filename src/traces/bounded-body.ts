/**
 * Reads an HTTP response body with a byte limit. A trace backend is a remote, possibly misconfigured or hostile
 * server: `response.text()` would buffer whatever it sends, so a runaway body could exhaust the process's memory
 * before the parsers ever see it.
 */

/** Default cap on one response body: far above a real trace (Tempo's default per-trace limit is 5 MB). */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

/** Thrown when a body is larger than the limit; the caller turns it into a message naming the backend. */
export class ResponseTooLargeError extends Error {
  /** @param limit the byte limit that was exceeded */
  constructor(readonly limit: number) {
    super(`response body exceeds ${limit} bytes`);
    this.name = 'ResponseTooLargeError';
  }
}

/** Validates a byte limit from options: a positive safe integer. */
export function checkMaxBytes(backend: string, value: number | undefined): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES;
  if (!Number.isSafeInteger(value) || value < 1) throw new TypeError(`${backend}: maxResponseBytes must be a positive integer`);
  return value;
}

/**
 * The body as UTF-8 text, or a {@link ResponseTooLargeError} once more than `limit` bytes have arrived (a
 * `content-length` above the limit fails before anything is read). The rest of the body is cancelled, not drained.
 */
export async function readBodyText(response: Response, limit: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  const body = response.body;
  if ((Number.isFinite(declared) && declared > limit) || body === null) {
    await body?.cancel();
    if (body === null) return '';
    throw new ResponseTooLargeError(limit);
  }
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new ResponseTooLargeError(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/**
 * The first `limit` bytes of a body as UTF-8 text (a character cut at the end shows as U+FFFD), the rest cancelled
 * unread. For error responses, of which a message shows only the start: a large error page is neither buffered
 * nor mistaken for an oversized trace.
 */
export async function readBodyStart(response: Response, limit: number): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  await reader.cancel();
  return Buffer.concat(chunks, total).subarray(0, limit).toString('utf8');
}
