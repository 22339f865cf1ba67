/**
 * Reads queues and jobs from BullMQ with bounded work per call: queue discovery by SCAN, counts per state,
 * and pages of jobs by index range, so a queue of any size costs the same per screen.
 */
import { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { TraceJobIndex } from 'queue-otel/store';
import { toJobDetails, toJobRow } from './job-row';
import { JOB_STATES } from './services-types';
import type { JobDetails, JobPage, JobStateName, QueueSummary } from './services-types';

/** How long a discovered list of queue names is reused before scanning again. */
const DISCOVERY_TTL_MS = 10_000;

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
   */
  constructor(private readonly client: Redis, private readonly index: TraceJobIndex, private readonly prefix = 'bull') {}

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

  /** Rows `start` to `start + count - 1` of a state's list (newest first) and the list's length. */
  async listJobs(queueName: string, state: JobStateName, start: number, count: number): Promise<JobPage> {
    const queue = this.queue(queueName);
    const total = await queue.getJobCountByTypes(state);
    const first = Math.max(0, Math.min(start, Math.max(0, total - 1)));
    if (total === 0 || count <= 0) return { total, start: first, rows: [] };
    const jobs = await queue.getJobs([state], first, first + count - 1);
    return { total, start: first, rows: jobs.filter((job) => job?.id).map((job) => toJobRow(queueName, job as Job, state)) };
  }

  /** A job's details, or undefined when it does not exist (any more). */
  async getJob(queueName: string, jobId: string): Promise<JobDetails | undefined> {
    const job = await Job.fromId(this.queue(queueName), jobId);
    if (!job) return undefined;
    const [state, traceIds] = await Promise.all([job.getState(), this.index.tracesOfJob(queueName, jobId)]);
    const known = (JOB_STATES as readonly string[]).includes(state) ? (state as JobStateName) : 'unknown';
    return toJobDetails(toJobRow(queueName, job, known), job, traceIds);
  }

  /** Closes the queue objects (the shared client stays open). */
  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
