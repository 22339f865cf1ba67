import { isRecord, recordOf } from './untrusted-values';

/**
 * The process span's context for a sandboxed processor.
 *
 * A sandboxed child cannot see the worker's active context; it reads the trace context from the job it is
 * sent (`runInJobContext`). That job carries the producer's metadata, so the child would hang its spans off
 * the producer instead of the process span. BullMQ sends the child `job.asJSONSandbox()` (bullmq's
 * sandbox.js, once per attempt, after the child is retained) and applies everything the child reports back
 * (`updateProgress`, `updateData`, `log` ...) to the job object it holds. So the job object itself must stay
 * the one BullMQ holds, untouched: only that one serialisation gets the process span's metadata, through a
 * non-enumerable own `asJSONSandbox` on the job that is removed once the attempt settles. The job's own
 * `opts` are never changed.
 */
const SERIALISE = 'asJSONSandbox';

/**
 * Makes the serialisation of `job` for its sandboxed child carry `metadata`. Returns the function that
 * undoes it (never throws), or undefined when there is nothing to do (no metadata, a job without the
 * method). Throws only before anything was changed (a frozen job), so a caller can pass the job on as it is.
 */
export function sendMetadataToChild(job: unknown, metadata: string, failed: (error: unknown) => void): (() => void) | undefined {
  if (!metadata || job === null || typeof job !== 'object') return undefined;
  const serialise: unknown = (job as Record<string, unknown>)[SERIALISE];
  if (typeof serialise !== 'function') return undefined;
  const own = Object.getOwnPropertyDescriptor(job, SERIALISE);
  const substitute = function asJSONSandbox(this: unknown, ...args: unknown[]): unknown {
    const json: unknown = serialise.apply(this, args);
    return withMetadata(json, metadata, failed);
  };
  Object.defineProperty(job, SERIALISE, { value: substitute, configurable: true, writable: true, enumerable: false });
  return () => {
    try {
      if (Object.getOwnPropertyDescriptor(job, SERIALISE)?.value !== substitute) return;
      if (own) Object.defineProperty(job, SERIALISE, own);
      else delete (job as Record<string, unknown>)[SERIALISE];
    } catch (error) {
      failed(error);
    }
  };
}

/** A copy of BullMQ's JSON with the metadata in `opts.telemetry`; the JSON as it is if that fails. */
function withMetadata(json: unknown, metadata: string, failed: (error: unknown) => void): unknown {
  try {
    if (!isRecord(json)) return json;
    // `opts` is the job's own object: copied, never written to.
    const opts = recordOf(json.opts);
    return { ...json, opts: { ...opts, telemetry: { ...recordOf(opts.telemetry), metadata } } };
  } catch (error) {
    failed(error);
    return json;
  }
}
