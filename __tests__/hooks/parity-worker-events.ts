import type { Job, Worker } from 'bullmq';

/**
 * The worker's events, with what BullMQ passed them, per job id and attempt in the order they came. By attempt, because
 * across attempts the order is BullMQ's own race: a retried job is back in wait when `moveToFailed` returns, and
 * another slot of the same worker can emit its `active` before the failing slot emits `failed` (plain BullMQ does
 * both orders).
 */
export function recordWorkerEvents(worker: Worker): () => Record<string, unknown[]> {
  const seen: Array<{ key: string; attempt: number; entry: unknown[] }> = [];
  const push = (job: Job | undefined, attempt: number | undefined, entry: unknown[]): void => void seen.push({ key: String(job?.id), attempt: attempt ?? 0, entry });
  worker.on('active', (job, prev) => push(job, job.attemptsStarted, ['active', prev, job.attemptsStarted]));
  worker.on('progress', (job, progress) => push(job, job.attemptsStarted, ['progress', progress]));
  worker.on('completed', (job, result, prev) => push(job, job.attemptsMade, ['completed', result, prev, job.attemptsMade, job.returnvalue]));
  worker.on('failed', (job, error, prev) => {
    const own = { ...error } as Record<string, unknown>;
    delete own.stack;
    push(job, job?.attemptsMade, ['failed', error.constructor.name, error.name, error.message, own, prev, job?.failedReason, job?.attemptsMade]);
  });
  return () => {
    const byJob: Record<string, unknown[]> = {};
    const ordered = [...seen].sort((x, y) => x.key.localeCompare(y.key, 'en', { numeric: true }) || x.attempt - y.attempt);
    for (const { key, entry } of ordered) (byJob[key] ??= []).push(entry);
    return byJob;
  };
}

/** How many `completed` and `failed` worker events `events` holds. */
export function settledEvents(events: Record<string, unknown[]>): number {
  return Object.values(events).flat().filter((entry) => ['completed', 'failed'].includes((entry as string[])[0]!)).length;
}
