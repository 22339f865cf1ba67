import { PROCESSED_MARKER_FIELD } from '../vocabulary';
import { countOf, isRecord, textOf } from './untrusted-values';

/**
 * The processed marker (`markProcessedJobs`): a QueueOtel worker writes the number of the attempt it starts into
 * the job hash, so that a QueueEvents observer in another process knows QueueOtel traced it and does not record
 * it again (docs/observer.md).
 *
 * The write is issued on the worker's own connection before the processor runs; BullMQ issues the
 * `moveToFinished` script that emits `completed`/`failed` later on that same connection, and Redis runs one
 * connection's commands in order, so any observer that reads the hash after the event sees the marker. The value
 * is the attempt number, so a job whose traced attempt stalled and whose next attempt ran on a plain worker is
 * still recorded.
 */

interface MarkerClient {
  hset(key: string, field: string, value: string): Promise<unknown>;
}

interface MarkableWorker {
  getBackend?: () => { client?: Promise<MarkerClient> | MarkerClient } | undefined;
}

const clients = new WeakMap<object, MarkerClient>();
const ignore = (): undefined => undefined;

/** The attempt a job (of any shape) is starting, its qualified queue name and id; undefined when not readable. */
export function startedAttempt(job: unknown): { queue: string; id: string; attempt: number } | undefined {
  if (!isRecord(job)) return undefined;
  const id = textOf(job.id);
  const queue = job.queueQualifiedName;
  if (id === undefined || typeof queue !== 'string') return undefined;
  const attempt = countOf(job.attemptsStarted) ?? (countOf(job.attemptsMade) ?? 0) + 1;
  return { queue, id, attempt };
}

/** Writes the marker of the attempt `job` is starting; best effort, never throws or rejects. */
export function markProcessed(worker: object, job: unknown): void {
  const started = startedAttempt(job);
  if (!started) return;
  const key = `${started.queue}:${started.id}`;
  const value = String(started.attempt);
  const known = clients.get(worker);
  if (known) {
    // Synchronously queued on the connection, ahead of anything the attempt itself sends.
    known.hset(key, PROCESSED_MARKER_FIELD, value).catch(ignore);
    return;
  }
  const pending = (worker as MarkableWorker).getBackend?.()?.client;
  if (!pending) return;
  // First attempt of this worker: one microtask later, still well before the processor's result can reach
  // moveToFinished (which itself awaits the client and several more steps).
  Promise.resolve(pending)
    .then((client) => {
      clients.set(worker, client);
      return client.hset(key, PROCESSED_MARKER_FIELD, value);
    })
    .catch(ignore);
}
