/**
 * The size of a job's data as it was stored in Redis, for `messaging.message.body.size` (opt-in: `messageBodySize`).
 *
 * BullMQ reads the data as a JSON string and parses it before the processor runs. Measuring the parsed
 * object means serialising it again: about as costly as BullMQ's own parse (0.2 ms for a 55 KB payload,
 * 2.6 ms for 570 KB), paid by every traced job. For payloads from {@link STORED_SIZE_MIN_CHARS} on, the
 * worker hook instead counts the bytes of the string BullMQ read (under a microsecond at those sizes) and
 * keeps the count here until the process span wants it. Smaller payloads are cheaper to serialise again
 * than to remember for every job, sampled or not, and give the same count for data BullMQ wrote. Jobs
 * created some other way (a `Job` handed to the worker by hand) are serialised too.
 */
const storedBytes = new WeakMap<object, number>();

/** Data strings shorter than this are not remembered: serialising them again costs about 1 µs, once per traced job. */
export const STORED_SIZE_MIN_CHARS = 1024;

/** Records the byte length of `raw`, the JSON data string `job` was created from, when it is long. */
export function rememberStoredPayload(job: unknown, raw: unknown): void {
  if (job === null || typeof job !== 'object') return;
  if (typeof raw === 'string' && raw.length >= STORED_SIZE_MIN_CHARS) storedBytes.set(job, Buffer.byteLength(raw));
}

/**
 * Bytes of the job's JSON data: as read from Redis when known, else serialised now; undefined if it cannot
 * be (not an object, data that does not serialise). Never throws.
 */
export function payloadBytesOf(job: unknown): number | undefined {
  if (job === null || typeof job !== 'object') return undefined;
  return storedBytes.get(job) ?? serialisedBytes(job);
}

function serialisedBytes(job: object): number | undefined {
  try {
    const json = JSON.stringify((job as { data?: unknown }).data);
    return typeof json === 'string' ? Buffer.byteLength(json) : 0;
  } catch {
    // a BigInt, a cycle, a throwing toJSON or getter
    return undefined;
  }
}
