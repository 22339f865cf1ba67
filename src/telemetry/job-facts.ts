/**
 * What the process span learns from the BullMQ job itself. BullMQ's telemetry interface never passes
 * the job to the adapter, so these facts are read by the worker hook (see bullmq-hooks.ts) at the
 * moment the processor is called, inside the process span's context.
 */
export interface JobFacts {
  id: string | undefined;
  name: string;
  /** 1-based number of this processing attempt. */
  attempt: number;
  priority: number;
  delayMs: number;
  deduplicationId: string | undefined;
  tenant: string | undefined;
  /** Epoch ms at which the job became eligible to run (enqueue time plus delay). */
  readyAt: number | undefined;
  /** Epoch ms at which this attempt started (BullMQ's `processedOn`, Redis time). */
  startedAt: number | undefined;
  /** Epoch ms at which the job was enqueued. */
  enqueuedAt: number | undefined;
  schedulerId: string | undefined;
  parentId: string | undefined;
  /** Attempts that started but never finished (the worker died or lost the lock): stalls. */
  stalledAttempts: number;
}

/** The subset of BullMQ's `Job` the hook reads; typed loosely so BullMQ versions can differ. */
export interface JobLike {
  id?: string | undefined;
  name: string;
  data?: unknown;
  opts?: {
    priority?: number;
    delay?: number;
    deduplication?: { id?: string };
    telemetry?: { metadata?: string; omitContext?: boolean };
    repeatJobKey?: string;
  };
  timestamp?: number;
  processedOn?: number;
  /** Set by BullMQ when the job completes or fails for good (not when it is retried). */
  finishedOn?: number;
  attemptsMade?: number;
  attemptsStarted?: number;
  stalledCounter?: number;
  delay?: number;
  deduplicationId?: string;
  repeatJobKey?: string;
  parent?: { id?: string };
  parentKey?: string;
}

function readPath(data: unknown, path: readonly string[]): string | undefined {
  let value: unknown = data;
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/**
 * Reads the facts from a job. The payload size is not among them: the worker hook measures it only for
 * recording spans (stored-payload.ts).
 */
export function readJobFacts(job: JobLike, tenantPath: readonly string[] | undefined): JobFacts {
  const attemptsMade = job.attemptsMade ?? 0;
  const attemptsStarted = job.attemptsStarted ?? attemptsMade + 1;
  const delayMs = job.opts?.delay ?? job.delay ?? 0;
  const enqueuedAt = job.timestamp;
  return {
    id: job.id,
    name: job.name,
    attempt: Math.max(attemptsStarted, attemptsMade + 1),
    priority: job.opts?.priority ?? 0,
    delayMs,
    deduplicationId: job.opts?.deduplication?.id ?? job.deduplicationId,
    tenant: tenantPath ? readPath(job.data, tenantPath) : undefined,
    // A retry's eligibility time is not stored on the job, so only first attempts get a wait time.
    readyAt: enqueuedAt !== undefined && attemptsMade === 0 ? enqueuedAt + delayMs : undefined,
    startedAt: job.processedOn,
    enqueuedAt,
    schedulerId: job.repeatJobKey ?? job.opts?.repeatJobKey,
    parentId: job.parent?.id ?? parentIdFromKey(job.parentKey),
    stalledAttempts: job.stalledCounter ?? Math.max(0, attemptsStarted - attemptsMade - 1),
  };
}

function parentIdFromKey(parentKey: string | undefined): string | undefined {
  if (!parentKey) return undefined;
  const colon = parentKey.lastIndexOf(':');
  return colon < 0 ? undefined : parentKey.slice(colon + 1);
}

/** Queue wait of an attempt: from when the job became ready to when the attempt started, in ms. */
export function waitMsOf(facts: Pick<JobFacts, 'readyAt' | 'startedAt'>): number | undefined {
  if (facts.readyAt === undefined || facts.startedAt === undefined) return undefined;
  return Math.max(0, facts.startedAt - facts.readyAt);
}

/** Id prefix of the jobs a job scheduler (or a legacy repeatable job) creates, one per iteration. */
const SCHEDULER_JOB_PREFIX = 'repeat:';

/** Whether a job id is that of a job scheduler's iteration. */
export function isSchedulerJobId(id: unknown): boolean {
  return typeof id === 'string' && id.startsWith(SCHEDULER_JOB_PREFIX);
}

/** Whether a job is an iteration of a job scheduler (or of a legacy repeatable job). */
export function isSchedulerIteration(job: Pick<JobLike, 'id' | 'repeatJobKey' | 'opts'>): boolean {
  return job.repeatJobKey !== undefined || job.opts?.repeatJobKey !== undefined || isSchedulerJobId(job.id);
}
