/**
 * Reads queues and jobs from BullMQ with bounded work per call: queue discovery by SCAN, counts per state,
 * and pages of jobs by index range, so a queue of any size costs the same per screen.
 */
import { Queue } from 'bullmq';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TraceJobIndex } from 'queue-otel/store';
import type { TraceSpan } from 'queue-otel/traces';
import { readJob } from './job-read';
import { needsSpansForTiming, toJobDetails, toJobRow } from './job-row';
import { unreadableDetails, unreadableRow } from './unreadable-row';
import { JOB_STATES } from './services-types';
import type { FollowJob, JobDetails, JobPage, JobRow, JobStateName, QueueSummary } from './services-types';

/** How long a discovered list of queue names is reused before scanning again. */
const DISCOVERY_TTL_MS = 10_000;
/** A followed job further than this into a waiting or active list is not searched for (LPOS is linear). */
const MAX_LIST_SEARCH = 10_000;

/** The Redis key suffix of each state's list or sorted set, as BullMQ names them. */
const STATE_KEYS: Record<JobStateName, string> = {
  waiting: 'wait', active: 'active', delayed: 'delayed', prioritized: 'prioritized',
  'waiting-children': 'waiting-children', completed: 'completed', failed: 'failed',
};

function zeroCounts(): Record<JobStateName, number> {
  return Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobStateName, number>;
}

/** Reads BullMQ queues under one prefix over a shared client. */
export class QueueReader {
  private readonly queues = new Map<string, Queue>();
  private discovered: { at: number; names: string[] } | undefined;
  private previous = new Map<string, { at: number; completed: number; failed: number }>();

  /**
   * @param client shared ioredis client (not closed here)
   * @param index trace-to-job index, for a job's trace ids
   * @param prefix BullMQ's key prefix
   * @param spans reads a trace from the span store: a retried job is timed from its spans
   */
  constructor(
    private readonly client: Redis,
    private readonly index: TraceJobIndex,
    private readonly prefix = 'bull',
    private readonly spans?: (traceId: string) => Promise<TraceSpan[]>,
  ) {}

  /** The spans of the job's trace when its hash alone cannot time it; none when they cannot be read. */
  private async spansFor(job: Job, traceId: string | undefined): Promise<TraceSpan[] | undefined> {
    if (!this.spans || !traceId || !needsSpansForTiming(job)) return undefined;
    try {
      return await this.spans(traceId);
    } catch {
      return undefined;
    }
  }

  /** True when BullMQ has (or had) a queue of this name under the prefix: its `meta` or `id` key exists. */
  async queueExists(name: string): Promise<boolean> {
    return (await this.client.exists(`${this.prefix}:${name}:meta`, `${this.prefix}:${name}:id`)) > 0;
  }

  /** Row number of `jobId` in a state's list (newest first, as getJobs counts), or undefined when it is not there. */
  async rankOf(queueName: string, state: JobStateName, jobId: string): Promise<number | undefined> {
    const key = `${this.prefix}:${queueName}:${STATE_KEYS[state]}`;
    if (state === 'waiting' || state === 'active') {
      const position = await this.client.lpos(key, jobId, 'MAXLEN', MAX_LIST_SEARCH);
      return typeof position === 'number' ? position : undefined;
    }
    const rank = await this.client.zrevrank(key, jobId);
    return typeof rank === 'number' ? rank : undefined;
  }

  private queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.client, prefix: this.prefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Queue names, found by their `meta` and `id` keys; cached for a few seconds. */
  async queueNames(): Promise<string[]> {
    if (this.discovered && Date.now() - this.discovered.at < DISCOVERY_TTL_MS) return this.discovered.names;
    const names = new Set<string>();
    for (const suffix of ['meta', 'id']) {
      let cursor = '0';
      do {
        const [next, keys] = await this.client.scan(cursor, 'MATCH', `${this.prefix}:*:${suffix}`, 'COUNT', 1000);
        cursor = next;
        for (const key of keys) {
          const name = key.slice(this.prefix.length + 1, key.length - suffix.length - 1);
          // BullMQ forbids ':' in queue names, so anything with one is some other key.
          if (name && !name.includes(':')) names.add(name);
        }
      } while (cursor !== '0');
    }
    this.discovered = { at: Date.now(), names: [...names].sort() };
    return this.discovered.names;
  }

  /** Every queue with its counts; rates come from the difference to the previous call. */
  async listQueues(): Promise<QueueSummary[]> {
    const names = await this.queueNames();
    const now = Date.now();
    return Promise.all(names.map(async (name) => {
      const counts = { ...zeroCounts(), ...(await this.queue(name).getJobCounts(...JOB_STATES)) } as Record<JobStateName, number>;
      const summary: QueueSummary = { name, counts };
      const before = this.previous.get(name);
      if (before && now > before.at) {
        const seconds = (now - before.at) / 1000;
        summary.completedPerSec = Math.max(0, counts.completed - before.completed) / seconds;
        summary.failedPerSec = Math.max(0, counts.failed - before.failed) / seconds;
      }
      this.previous.set(name, { at: now, completed: counts.completed, failed: counts.failed });
      return summary;
    }));
  }

  /**
   * Rows `start` to `start + count - 1` of a state's list (newest first) and the list's length. With `follow`,
   * the page is read where that job is now (rows arrive and leave around it), `follow.offset` rows below the
   * page's top, and the page says where it found the job or that the job is no longer in this state.
   */
  async listJobs(queueName: string, state: JobStateName, start: number, count: number, follow?: FollowJob): Promise<JobPage> {
    const queue = this.queue(queueName);
    const [total, rank] = await Promise.all([
      queue.getJobCountByTypes(state),
      follow ? this.rankOf(queueName, state, follow.jobId) : Promise.resolve(undefined),
    ]);
    const from = rank === undefined ? start : rank - (follow?.offset ?? 0);
    const first = Math.max(0, Math.min(from, Math.max(0, total - count)));
    const followed = follow ? { follow: { jobId: follow.jobId, index: rank } } : {};
    if (total === 0 || count <= 0) return { total, start: first, rows: [], ...followed };
    // Job by job rather than getJobs: one hash BullMQ cannot read rejects getJobs' whole page.
    const ids = await queue.getRanges([state], first, first + count - 1);
    const rows = await Promise.all(ids.map(async (jobId): Promise<JobRow | undefined> => {
      const read = await readJob(queue, this.client, queue.toKey(jobId), jobId);
      if (!read) return undefined;
      if (read.unreadable) return unreadableRow(queueName, read.unreadable, state);
      const row = toJobRow(queueName, read.job, state);
      const spans = await this.spansFor(read.job, row.traceId);
      return spans ? toJobRow(queueName, read.job, state, spans) : row;
    }));
    return { total, start: first, rows: rows.filter((row): row is JobRow => row !== undefined), ...followed };
  }

  /** A job's details, or undefined when it does not exist (any more). */
  async getJob(queueName: string, jobId: string): Promise<JobDetails | undefined> {
    const queue = this.queue(queueName);
    const read = await readJob(queue, this.client, queue.toKey(jobId), jobId);
    if (!read) return undefined;
    const [state, traceIds] = await Promise.all([queue.getJobState(jobId), this.index.tracesOfJob(queueName, jobId)]);
    const known = (JOB_STATES as readonly string[]).includes(state) ? (state as JobStateName) : 'unknown';
    if (read.unreadable) return unreadableDetails(unreadableRow(queueName, read.unreadable, known), traceIds);
    const { job } = read;
    const row = toJobRow(queueName, job, known);
    const spans = await this.spansFor(job, row.traceId ?? traceIds[0]);
    return toJobDetails(spans ? toJobRow(queueName, job, known, spans) : row, job, traceIds, spans);
  }

  /** Closes the queue objects (the shared client stays open). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
