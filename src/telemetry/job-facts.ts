import { countOf, epochMsOf, finiteOf, recordOf, textOf } from './untrusted-values';

/**
 * What the process span learns from the BullMQ job itself. BullMQ's telemetry interface never passes
 * the job to the adapter, so these facts are read by the worker hook (see bullmq-hooks.ts) at the
 * moment the processor is called, inside the process span's context.
 */
export interface JobFacts {
  id: string | undefined;
  name: string;
  /**
   * 1-based number of this run of the job: BullMQ's `attemptsStarted`, which counts every start (retries, and also
   * re-runs after a DelayedError, RateLimitError, WaitingChildrenError or a stall, which leave `attemptsMade` as it was).
   */
  attempt: number;
  priority: number;
  delayMs: number;
  deduplicationId: string | undefined;
  tenant: string | undefined;
  /**
   * Epoch ms at which the job became eligible to run (enqueue time plus delay); first run only (`attempt` 1): BullMQ
   * stores no time at which a job became ready again (after a retry's backoff, a delay set by the handler, a rate
   * limit, waiting for children, a stall), and counting from enqueue would add the earlier runs to the wait.
   */
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
    // Own properties only: a path such as `constructor.name` must not read the prototype chain.
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return textOf(value);
}

/** The name reported for a job whose name is not text (only a hand-made job can have one) or not known. */
export const UNKNOWN_JOB_NAME = 'unknown';

/**
 * Reads the facts from a job. The payload size is not among them: the worker hook measures it only for
 * recording spans (stored-payload.ts).
 *
 * The job is untrusted: its hash may have been written by another tool or by hand, and a `Job` built by
 * application code may hold anything. Every field of the wrong type counts as absent, so the facts are
 * always usable (text, finite numbers) whatever the job holds.
 */
export function readJobFacts(job: unknown, tenantPath: readonly string[] | undefined): JobFacts {
  const fields = recordOf(job);
  const opts = recordOf(fields.opts);
  const attemptsMade = countOf(fields.attemptsMade) ?? 0;
  const attemptsStarted = countOf(fields.attemptsStarted) ?? attemptsMade + 1;
  const delayMs = epochMsOf(opts.delay) ?? epochMsOf(fields.delay) ?? 0;
  const enqueuedAt = epochMsOf(fields.timestamp);
  const parent = recordOf(fields.parent);
  const attempt = Math.max(attemptsStarted, attemptsMade + 1);
  return {
    id: textOf(fields.id),
    name: textOf(fields.name) ?? UNKNOWN_JOB_NAME,
    attempt,
    priority: finiteOf(opts.priority) ?? 0,
    delayMs,
    deduplicationId: textOf(recordOf(opts.deduplication).id) ?? textOf(fields.deduplicationId),
    tenant: tenantPath ? readPath(fields.data, tenantPath) : undefined,
    // Only the first run gets a wait time (see readyAt); `attemptsMade` alone would call a re-run after a DelayedError,
    // a RateLimitError or a stall a first attempt, and time its wait from enqueue. The metrics decide the same way.
    readyAt: enqueuedAt !== undefined && attempt === 1 ? enqueuedAt + delayMs : undefined,
    startedAt: epochMsOf(fields.processedOn),
    enqueuedAt,
    schedulerId: textOf(fields.repeatJobKey) ?? textOf(opts.repeatJobKey),
    parentId: textOf(parent.id) ?? parentIdFromKey(fields.parentKey),
    stalledAttempts: countOf(fields.stalledCounter) ?? Math.max(0, attemptsStarted - attemptsMade - 1),
  };
}

function parentIdFromKey(parentKey: unknown): string | undefined {
  if (typeof parentKey !== 'string' || !parentKey) return undefined;
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

/** Whether a job (of any shape: it comes from BullMQ) is an iteration of a job scheduler (or of a legacy repeatable job). */
export function isSchedulerIteration(job: unknown): boolean {
  const fields = recordOf(job);
  return fields.repeatJobKey !== undefined || recordOf(fields.opts).repeatJobKey !== undefined || isSchedulerJobId(fields.id);
}
