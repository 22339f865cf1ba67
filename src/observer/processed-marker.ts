import { HOOK_STATE } from '../telemetry/bullmq-hooks';
import { instrumentedAttempts } from './instrumented-attempts';

/**
 * How an observer tells attempts traced by a QueueOtel worker from those of uninstrumented workers.
 *
 * A wrapper around `Worker.prototype.callProcessJob` (beside the one QueueOtel installs for job facts)
 * runs for workers whose telemetry is a QueueOtel, at the start of every attempt:
 * - while an observer is attached in this process, it notes the attempt in memory (no Redis traffic);
 * - when that QueueOtel was built with `markProcessedJobs: true`, it also writes the attempt number into
 *   the job hash (field {@link PROCESSED_MARKER_FIELD}), for observers in other processes.
 *
 * The write is issued on the worker's own connection before the processor runs; BullMQ issues the
 * `moveToFinished` script that emits `completed`/`failed` later on that same connection, and Redis runs
 * one connection's commands in order, so any observer that reads the hash after the event sees the
 * marker. The value is the attempt number, so a job whose instrumented attempt stalled and whose next
 * attempt ran on a plain worker is still recorded.
 */

/** Job-hash field holding the attempt number a QueueOtel worker started. */
export const PROCESSED_MARKER_FIELD = 'qoa';

/** Property of a QueueOtel that asks its workers to write the marker. */
export const MARK_PROCESSED = Symbol.for('queue-otel.mark-processed');

interface MarkerClient {
  hset(key: string, field: string, value: string): Promise<unknown>;
}

interface MarkableWorker {
  opts?: { telemetry?: unknown };
  getBackend?: () => { client?: Promise<MarkerClient> | MarkerClient } | undefined;
}

interface MarkableJob {
  id?: string | undefined;
  attemptsMade?: number;
  attemptsStarted?: number;
  queueQualifiedName?: string;
}

interface MarkableTelemetry {
  [HOOK_STATE]?: unknown;
  [MARK_PROCESSED]?: boolean;
  enabled?: boolean;
}

const PATCHED = Symbol.for('queue-otel.processed-marker');
const clients = new WeakMap<object, MarkerClient>();

function writeMarker(worker: MarkableWorker, key: string, attempt: number): void {
  const ignore = (): undefined => undefined;
  const known = clients.get(worker);
  if (known) {
    // Synchronously queued on the connection, ahead of anything the attempt itself sends.
    known.hset(key, PROCESSED_MARKER_FIELD, String(attempt)).catch(ignore);
    return;
  }
  const pending = worker.getBackend?.()?.client;
  if (!pending) return;
  // First attempt of this worker: one microtask later, still well before the processor's result can
  // reach moveToFinished (which itself awaits the client and several more steps).
  Promise.resolve(pending)
    .then((client) => {
      clients.set(worker, client);
      return client.hset(key, PROCESSED_MARKER_FIELD, String(attempt));
    })
    .catch(ignore);
}

function note(worker: MarkableWorker, job: MarkableJob): void {
  const telemetry = worker.opts?.telemetry as MarkableTelemetry | undefined;
  if (!telemetry || !telemetry[HOOK_STATE] || telemetry.enabled === false) return;
  const mark = telemetry[MARK_PROCESSED] === true;
  if (!mark && !instrumentedAttempts.wanted) return;
  const id = job.id;
  const queue = job.queueQualifiedName;
  if (id === undefined || queue === undefined) return;
  const attempt = job.attemptsStarted ?? (job.attemptsMade ?? 0) + 1;
  if (instrumentedAttempts.wanted) instrumentedAttempts.add(queue, id, attempt);
  if (mark) writeMarker(worker, `${queue}:${id}`, attempt);
}

type ProcessFn = (this: MarkableWorker, job: MarkableJob, ...rest: unknown[]) => unknown;

function wrap(original: ProcessFn): ProcessFn {
  const wrapped = function callProcessJob(this: MarkableWorker, job: MarkableJob, ...rest: unknown[]): unknown {
    try {
      note(this, job);
    } catch {
      // the marker is best effort; the job must run regardless
    }
    return original.call(this, job, ...rest);
  };
  (wrapped as { [PATCHED]?: boolean })[PATCHED] = true;
  return wrapped;
}

function install(bullmq: unknown): void {
  const proto = (bullmq as { Worker?: { prototype: Record<string | symbol, unknown> } }).Worker?.prototype;
  const original = proto?.callProcessJob;
  if (!proto || typeof original !== 'function') return;
  // Already wrapped somewhere in the chain (QueueOtel's own wrapper may sit on top of ours).
  if (proto[PATCHED]) return;
  proto[PATCHED] = true;
  proto.callProcessJob = wrap(original as ProcessFn);
}

let installed = false;

/** Installs the wrapper on the CommonJS and ESM copies of bullmq. Idempotent, never throws. */
export function installProcessedMarker(): void {
  if (installed) return;
  installed = true;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    install(require('bullmq'));
  } catch {
    // bullmq not loadable: nothing to mark
  }
  import('bullmq').then(install, () => undefined);
}
